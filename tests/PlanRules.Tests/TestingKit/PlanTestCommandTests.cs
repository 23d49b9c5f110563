using NodaTime;
using NodaTime.Testing;
using PlanRules.Cli;
using PlanRules.PlanTests;
using PlanRules.Text;

namespace PlanRules.Tests.TestingKit;

/// <summary><c>planrules test</c>: the .plantest format, pass/fail output in the analyst's terms, coverage.</summary>
public sealed class PlanTestCommandTests
{
    private static readonly FakeClock Clock = new(Instant.FromUtc(2026, 11, 27, 0, 0));

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PlanRules.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    private static (int Exit, string Out, string Error) Run(string directory, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = CliApp.Run(args, stdout, stderr, directory, Clock);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private const string Plan = """
        plan "小计划" {
          ref "测〔2021〕1号"
          issued 2021-01-01
          period 2021-01-01 .. 2021-12-31
        }
        unit 市桥街 "市桥街道"
        unit 石楼镇 "石楼镇"
        group 镇街 "各镇(街)" = 市桥街, 石楼镇
        task 43 "主要负责同志每年至少听取1次政务公开工作汇报" {
          lead 镇街
          every year at-least 1
        }
        """;

    private static DirectoryInfo Folder(string tests)
    {
        var folder = Directory.CreateTempSubdirectory("planrules-plantest-");
        File.WriteAllText(Path.Combine(folder.FullName, "plan.plan"), Plan);
        File.WriteAllText(Path.Combine(folder.FullName, "a.plantest"), tests);
        return folder;
    }

    [Fact]
    public void ExampleTests_Pass()
    {
        var (exit, output, _) = Run(RepositoryRoot(), "test", "examples/panyu-2021/tests");
        Assert.Equal(0, exit);
        Assert.Matches(@"(?m)^\d+ passed, 0 failed$", output);
        Assert.DoesNotContain("FAIL", output);
    }

    [Fact]
    public void PassingAndFailingTests_AreReportedInTheAnalystsTerms()
    {
        var folder = Folder("""
            test "石楼镇没有听取汇报" {
              plan "plan.plan"
              ledger { 2021-09-15 task 43 occurred by 市桥街 }
              as-of 2021-12-31
              standard-rules off
              expect PR3005 task 43 unit 石楼镇
            }

            test "写错了的期望" {
              plan "plan.plan"
              ledger { 2021-09-15 task 43 occurred by 市桥街 }
              as-of 2021-12-31
              standard-rules off
              expect PR3005 task 43 unit 东环街
            }
            """);
        try
        {
            var (exit, output, _) = Run(folder.FullName, "test", "a.plantest");
            Assert.Equal(1, exit);
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("PASS a.plantest(1,1): 石楼镇没有听取汇报", lines[0]);
            Assert.Equal("FAIL a.plantest(9,1): 写错了的期望", lines[1]);
            Assert.Equal("  缺少 / missing:    expect PR3005 task 43 unit 东环街", lines[2]);
            Assert.StartsWith("  多出 / unexpected: expect PR3005 task 43 unit 石楼镇   // 任务 43 在2021年仅记录 0 次（石楼镇），要求至少 1 次 @ plan.plan(", lines[3]);
            Assert.Equal("1 passed, 1 failed", lines[^1]);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Coverage_CountsFiringAndSilentTestsPerRule()
    {
        var folder = Folder("""
            test "规则触发" {
              plan "plan.plan"
              rules { rule T001 "recurring" { for task t when t.recurring } }
              rules { rule T002 "never" { for task t when count(t.lead) > 5 } }
              as-of 2021-12-31
              standard-rules off
              ignore PR3005
              expect T001 task 43
            }

            test "规则沉默" {
              plan { plan "空" { ref "r" issued 2021-01-01 period 2021-01-01 .. 2021-12-31 } }
              rules { rule T001 "recurring" { for task t when t.recurring } }
              as-of 2021-12-31
              standard-rules off
              expect none
            }
            """);
        try
        {
            var (exit, output, _) = Run(folder.FullName, "test", "a.plantest", "--coverage");
            Assert.Equal(0, exit);
            Assert.Contains("T001          1       1", output);
            Assert.Contains("T002          0       1", output);
            Assert.Contains("rules no test makes fire: T002", output);
            Assert.EndsWith("2 passed, 0 failed\n", output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private const string Passing = "test \"通过\" { plan \"plan.plan\" as-of 2021-06-30 standard-rules off expect none }\n";

    [Fact]
    public void UnterminatedTest_IsOneSyntaxErrorAndOneFailure_TheOtherTestsRunAndCount()
    {
        var folder = Folder(Passing + """
            test "通过2" { plan "plan.plan" ledger { 2021-09-15 task 43 occurred by 市桥街 } as-of 2021-12-31 standard-rules off ignore PR3005 }
            test "失败" {
              plan "plan.plan"
              as-of 2021-06-30
              standard-rules off
              expect PR3001 task 43
            }
            test "未终止" {
              plan "plan.plan"
              as-of 2021-12-31
            """);
        try
        {
            var (exit, output, _) = Run(folder.FullName, "test", "a.plantest");
            Assert.Equal(1, exit);
            Assert.Equal(
                [
                    "a.plantest(11,19): error PR0001: 应为测试项（plan、ledger、rules、config、as-of、standard-rules、ignore、expect）或 '}'，但遇到文件结尾",
                    "PASS a.plantest(1,1): 通过",
                    "PASS a.plantest(2,1): 通过2",
                    "FAIL a.plantest(3,1): 失败",
                    "  缺少 / missing:    expect PR3001 task 43",
                    "2 passed, 2 failed",
                ],
                output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void FileWithSyntaxErrorsInTwoTests_CountsOneFailure()
    {
        var folder = Folder(Passing + """
            test "坏日期" { plan "plan.plan" as-of 2021-13-45 expect none }
            test "坏期望" { plan "plan.plan" as-of 2021-12-31 expect PR3005 task }
            """);
        try
        {
            var (exit, output, _) = Run(folder.FullName, "test", "a.plantest");
            Assert.Equal(1, exit);
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
            Assert.Equal(
                [
                    "a.plantest(2,37): error PR0002: 日期 '2021-13-45' 不存在",
                    "a.plantest(3,67): error PR0001: 应为编号，但遇到'}'",
                    "PASS a.plantest(1,1): 通过",
                    "1 passed, 1 failed",
                ],
                lines);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void BrokenTestFile_IsASyntaxErrorAndAFailure()
    {
        var folder = Folder("test \"x\" { plan \"plan.plan\" as-of 2021-13-45 expect }\n");
        try
        {
            var (exit, output, _) = Run(folder.FullName, "test", "a.plantest");
            Assert.Equal(1, exit);
            Assert.Contains("a.plantest(1,35): error PR0002", output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void InlineBlocks_KeepTheirPositionsInTheTestFile()
    {
        var source = new SourceText("test \"t\" {\n  plan {\n    task 1 \"x\" { }\n  }\n  as-of 2021-12-31\n}\n", "p.plantest");
        var (tests, problems) = PlanTestParser.Parse(source);
        Assert.Empty(problems);
        var inline = Assert.Single(Assert.Single(tests).Plans).Inline!;
        var task = Assert.Single(PlanRules.Syntax.PlanParser.Parse(inline).Tasks);
        Assert.Equal(new LinePosition(3, 5), inline.GetLinePosition(task.Span.Start));
    }

    [Fact]
    public void ASecondAsOfConfigOrStandardRules_IsAnErrorAtItsSpan_AndMarksTheTest()
    {
        var text = "test \"t\" {\n  plan \"plan.plan\"\n  as-of 2021-12-31\n  standard-rules off\n  config \"a\"\n"
            + "  as-of 2022-06-30\n  standard-rules on\n  config \"b\"\n  expect none\n}\n";
        var (tests, problems) = PlanTestParser.Parse(new SourceText(text, "p.plantest"));
        Assert.Equal(new[] { (6, 3), (7, 3), (8, 3) }, problems.Select(p => (p.Location.Line, p.Location.Column)));
        Assert.All(problems, p => Assert.Equal("PR0001", p.Id));
        var en = System.Globalization.CultureInfo.GetCultureInfo("en");
        Assert.Equal(["'as-of' is given twice in one test: a test takes one", "'standard-rules' is given twice in one test: a test takes one",
            "'config' is given twice in one test: a test takes one"], problems.Select(p => p.GetMessage(en)));
        Assert.Equal("测试中 'as-of' 出现了两次：每个测试只能有一个", problems[0].GetMessage(System.Globalization.CultureInfo.GetCultureInfo("zh-CN")));
        Assert.True(Assert.Single(tests).HasSyntaxErrors);
    }

    [Fact]
    public void MissingAsOf_FailsTheTestWithAReason()
    {
        var folder = Folder("test \"无日期\" { plan \"plan.plan\" expect none }\n");
        try
        {
            var (exit, output, _) = Run(folder.FullName, "test", ".");
            Assert.Equal(1, exit);
            Assert.Contains("the test needs an as-of date", output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_missing_or_empty_file_name_fails_the_test_naming_the_path_from_the_current_folder()
    {
        var folder = Folder("""
            test "缺文件" { plan "nothere.plan" as-of 2021-12-31 expect none }
            test "空路径" { plan "" as-of 2021-12-31 expect none }
            """);
        try
        {
            var (exit, output, _) = Run(Path.GetDirectoryName(folder.FullName)!, "test", folder.Name);

            Assert.Equal(1, exit);
            var lines = output.Split('\n');
            Assert.Contains($"  找不到文件或文件夹 / file or folder not found: {folder.Name}/nothere.plan", lines);
            Assert.Contains("  路径为空 / empty path: ''", lines);
            Assert.DoesNotContain(folder.FullName, output);
            Assert.EndsWith("0 passed, 2 failed\n", output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
