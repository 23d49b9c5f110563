using System.Text.Json;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Testing;
using PlanRules.Cli;
using PlanRules.Tests.Support;

namespace PlanRules.Tests.Cli;

/// <summary>The <c>planrules</c> command end to end, in process.</summary>
public partial class CliTests
{
    private const string Example = "examples/panyu-2021";

    private sealed record Run(int Exit, string Out, string Err)
    {
        public string[] ErrLines => Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static Run Invoke(string currentDirectory, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var clock = new FakeClock(Instant.FromUtc(2021, 10, 8, 2, 0));
        var exit = CliApp.Run(args, stdout, stderr, currentDirectory, clock);
        return new Run(exit, stdout.ToString(), stderr.ToString());
    }

    private static Run InRepo(params string[] args) => Invoke(TestPaths.RepoRoot, args);

    private static void AssertOneLineFailure(Run run)
    {
        Assert.Equal(2, run.Exit);
        var line = Assert.Single(run.ErrLines);
        Assert.StartsWith("planrules: ", line);
        Assert.DoesNotContain("   at ", run.Err);
        Assert.DoesNotContain("Exception", run.Err);
    }

    [GeneratedRegex(@"^(?<path>[^()]+)\((?<line>\d+),(?<col>\d+)\): (?<sev>error|warning|info) (?<id>[A-Z]+\d+): .+$")]
    private static partial Regex FindingLine();

    /// <summary>The finding lines and the summary line of a text report (anything after the summary is a table).</summary>
    private static (string[] Findings, string Summary) SplitReport(string output, string summaryPattern)
    {
        var lines = output.Split('\n');
        var index = Array.FindIndex(lines, l => Regex.IsMatch(l, summaryPattern));
        Assert.True(index >= 0, "no summary line in:\n" + output);
        return (lines[..index], lines[index]);
    }

    [Fact]
    public void CheckExample_ExitsZero()
    {
        var run = InRepo("check", Example, "--culture", "en");

        Assert.True(run.Exit == 0, run.Out + run.Err);
        Assert.Equal("", run.Err);
        var (findings, summary) = SplitReport(run.Out, @"^\d+ errors?, \d+ warnings?, \d+ info$");
        Assert.StartsWith("0 errors", summary);
        Assert.All(findings, l =>
        {
            var m = FindingLine().Match(l);
            Assert.True(m.Success, l);
            Assert.StartsWith("examples/panyu-2021/", m.Groups["path"].Value);
            Assert.NotEqual("error", m.Groups["sev"].Value);
        });
    }

    [Fact]
    public void CheckExample_InChinese_PrintsTheChineseSummary()
    {
        var run = InRepo("check", Example, "--culture", "zh-CN");

        Assert.Equal(0, run.Exit);
        var (_, summary) = SplitReport(run.Out, @"^\d+ 个错误，\d+ 个警告，\d+ 个提示$");
        Assert.StartsWith("0 个错误", summary);
    }

    [Fact]
    public void CheckWithoutPath_ChecksTheCurrentFolder()
    {
        var run = Invoke(Path.Combine(TestPaths.RepoRoot, "examples", "panyu-2021"), "check", "--culture", "en");

        Assert.Equal(0, run.Exit);
        Assert.DoesNotContain("examples/", run.Out);
    }

    [Fact]
    public void CheckJson_HasTheContractShape()
    {
        var run = InRepo("check", Example, "--format", "json", "--as-of", "2021-12-31");

        Assert.True(run.Exit == 0, run.Err);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal("planrules", root.GetProperty("tool").GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("tool").GetProperty("version").GetString()));
        Assert.Equal("2021-12-31", root.GetProperty("asOf").GetString());
        var plan = root.GetProperty("plan");
        Assert.Equal("番禺区2021年政务公开工作要点分工方案", plan.GetProperty("title").GetString());
        Assert.Equal(50, plan.GetProperty("tasks").GetInt32());
        Assert.True(plan.GetProperty("units").GetInt32() > 40);

        var findings = root.GetProperty("findings");
        Assert.Equal(JsonValueKind.Array, findings.ValueKind);
        var counts = new Dictionary<string, int> { ["error"] = 0, ["warning"] = 0, ["info"] = 0 };
        foreach (var f in findings.EnumerateArray())
        {
            foreach (var name in new[] { "id", "severity", "category", "message", "path", "fingerprint" })
            {
                Assert.Equal(JsonValueKind.String, f.GetProperty(name).ValueKind);
            }
            foreach (var name in new[] { "line", "column", "endLine", "endColumn" })
            {
                Assert.True(f.GetProperty(name).GetInt32() >= 1, name);
            }
            Assert.Equal(JsonValueKind.Object, f.GetProperty("properties").ValueKind);
            Assert.True(f.TryGetProperty("taskId", out _));
            Assert.True(f.TryGetProperty("unit", out _));
            Assert.True(f.TryGetProperty("justification", out _));
            Assert.StartsWith("examples/panyu-2021/", f.GetProperty("path").GetString());
            if (!f.GetProperty("suppressed").GetBoolean()) counts[f.GetProperty("severity").GetString()!]++;
        }
        var summary = root.GetProperty("summary");
        Assert.Equal(counts["error"], summary.GetProperty("error").GetInt32());
        Assert.Equal(counts["warning"], summary.GetProperty("warning").GetInt32());
        Assert.Equal(counts["info"], summary.GetProperty("info").GetInt32());
    }

    [Fact]
    public void CheckJson_IsByteIdenticalAcrossRuns()
    {
        var first = InRepo("check", Example, "--format", "json", "--as-of", "2021-12-31");
        var second = InRepo("check", Example, "--format", "json", "--as-of", "2021-12-31");

        Assert.Equal(0, first.Exit);
        Assert.Equal(first.Out, second.Out);
        Assert.DoesNotContain("\r", first.Out);
        Assert.EndsWith("}\n", first.Out);
    }

    [Fact]
    public void CheckJson_DefaultsAsOfToTodayInThePlanTimeZone()
    {
        // The fake clock says 2021-10-08T02:00Z, which is 10:00 on 2021-10-08 in Asia/Shanghai.
        var run = InRepo("check", Example, "--format", "json");

        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal("2021-10-08", json.RootElement.GetProperty("asOf").GetString());
    }

    [Fact]
    public void CheckJson_ReportsFindingsWithLocations()
    {
        using var dir = new TempDirectory();
        dir.Write("plans/p.plan", "plan \"p\" { period 2021-01-01 .. 2021-12-31 }\nunit A\ntask 1 \"t\" {\n  lead B\n}\n");

        var run = Invoke(dir.Path, "check", "plans", "--format", "json", "--culture", "en");

        Assert.Equal(1, run.Exit);
        using var json = JsonDocument.Parse(run.Out);
        var finding = json.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "PR1001");
        Assert.Equal("plans/p.plan", finding.GetProperty("path").GetString());
        Assert.Equal((4, 8, 4, 9), (finding.GetProperty("line").GetInt32(), finding.GetProperty("column").GetInt32(), finding.GetProperty("endLine").GetInt32(), finding.GetProperty("endColumn").GetInt32()));
        Assert.Equal("Unknown unit or group 'B'; did you mean 'A'?", finding.GetProperty("message").GetString());
        Assert.Equal("error", finding.GetProperty("severity").GetString());
        Assert.Equal("plan", finding.GetProperty("category").GetString());
        Assert.Equal("1", finding.GetProperty("taskId").GetString());
        Assert.Equal("B", finding.GetProperty("unit").GetString());
        Assert.False(finding.GetProperty("suppressed").GetBoolean());
        Assert.Equal(1, json.RootElement.GetProperty("summary").GetProperty("error").GetInt32());
    }

    [Fact]
    public void CheckFileWithErrors_ExitsOne()
    {
        using var dir = new TempDirectory();
        dir.Write("bad.plan", "plan \"p\" {}\ntask 1 \"t\" {\n  bogus\n}\n");

        var run = Invoke(dir.Path, "check", "bad.plan", "--culture", "en");

        Assert.Equal(1, run.Exit);
        Assert.Contains("bad.plan(3,3): error PR0001: Expected a task item", run.Out);
        // Default rule sets may add findings of their own; the plan's two errors are at least there.
        var (_, summary) = SplitReport(run.Out, @"^\d+ errors?, \d+ warnings?, \d+ info$");
        Assert.True(int.Parse(summary.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) >= 2, summary);
        Assert.Contains("bad.plan(2,1): error PR1005: Task 1 has no accountable owner (no 'lead')", run.Out);
    }

    [Fact]
    public void CheckWithOutput_WritesTheReportToTheFile()
    {
        using var dir = new TempDirectory();
        var plan = File.ReadAllText(TestPaths.ExamplePlanPath);
        dir.Write("plan.plan", plan);

        var run = Invoke(dir.Path, "check", "plan.plan", "--format", "json", "--as-of", "2021-06-30", "--output", "out/report.json");

        Assert.Equal(0, run.Exit);
        Assert.Equal("", run.Out);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "out", "report.json")));
        Assert.Equal("2021-06-30", json.RootElement.GetProperty("asOf").GetString());
    }

    [Fact]
    public void MissingPath_ExitsTwoWithOneLine()
    {
        var run = InRepo("check", "no/such/place.plan");

        AssertOneLineFailure(run);
        Assert.Contains("no/such/place.plan", run.Err);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void ImpossibleAsOfDate_ExitsTwo()
    {
        var run = InRepo("check", Example, "--as-of", "2021-02-30");

        AssertOneLineFailure(run);
        Assert.Contains("2021-02-30", run.Err);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void UnknownOption_ExitsTwo()
    {
        var run = InRepo("check", Example, "--bogus");

        Assert.Equal(2, run.Exit);
        Assert.NotEmpty(run.ErrLines);
        Assert.All(run.ErrLines, l => Assert.StartsWith("planrules: ", l));
        Assert.DoesNotContain("   at ", run.Err);
    }

    [Theory]
    [InlineData("check", Example, "--bogus")]
    [InlineData("check", "--bogus", Example)]
    [InlineData("check", Example, "-x")]
    [InlineData("report", Example, "--bogus")]
    [InlineData("model", Example, "--bogus")]
    [InlineData("fmt", Example, "--bogus")]
    [InlineData("test", "examples/panyu-2021/tests", "--bogus")]
    [InlineData("import", "--bogus", "notice.txt")]
    [InlineData("explain", "--bogus")]
    public void UnknownOption_InEveryCommand_ExitsTwoWithOneLineNamingIt(params string[] args)
    {
        var unknown = args.First(a => a.StartsWith('-'));

        var run = InRepo(args);

        AssertOneLineFailure(run);
        Assert.Equal($"planrules: 未知选项 '{unknown}' / unknown option '{unknown}'", run.ErrLines[0]);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void FileNamedLikeAnOption_IsReachedAsDotSlashOrAfterDoubleDash()
    {
        using var dir = new TempDirectory();
        dir.Write("-p.plan", "plan \"p\" { ref \"r\" issued 2021-01-01 period 2021-01-01 .. 2021-12-31 }\nunit A\ntask 1 \"t\" { lead A }\n");

        foreach (var args in new[] { new[] { "check", "./-p.plan", "--no-default-rules" }, ["check", "--no-default-rules", "--", "-p.plan"], ["model", "--", "-p.plan"] })
        {
            var run = Invoke(dir.Path, args);
            Assert.True(run.Exit == 0, string.Join(" ", args) + ": " + run.Err);
            Assert.Equal("", run.Err);
        }
        AssertOneLineFailure(Invoke(dir.Path, "check", "-p.plan"));
    }

    [Fact]
    public void UnknownFormat_ExitsTwo()
    {
        var run = InRepo("check", Example, "--format", "xml");

        Assert.Equal(2, run.Exit);
        Assert.DoesNotContain("   at ", run.Err);
    }

    [Fact]
    public void UnknownCulture_ExitsTwo()
    {
        AssertOneLineFailure(InRepo("check", Example, "--culture", "fr"));
    }

    [Fact]
    public void UnknownCommand_ExitsTwo()
    {
        var run = InRepo("frobnicate");

        Assert.Equal(2, run.Exit);
        Assert.DoesNotContain("   at ", run.Err);
    }

    [Fact]
    public void FolderWithoutPlans_ExitsTwo()
    {
        using var dir = new TempDirectory();

        AssertOneLineFailure(Invoke(dir.Path, "check", "."));
    }

    [Fact]
    public void InvalidUtf8_ExitsTwo()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(Path.Combine(dir.Path, "gbk.plan"), [0x75, 0x6E, 0x69, 0x74, 0x20, 0xC7, 0xF8, 0x0A]);

        var run = Invoke(dir.Path, "check", "gbk.plan");

        AssertOneLineFailure(run);
        Assert.Contains("gbk.plan", run.Err);
    }

    [Fact]
    public void Model_PrintsTheBoundPlan()
    {
        var run = InRepo("model", Example);

        Assert.True(run.Exit == 0, run.Err);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;

        var plan = root.GetProperty("plan");
        Assert.Equal("番禺区2021年政务公开工作要点分工方案", plan.GetProperty("title").GetString());
        Assert.Equal("番府办〔2021〕35号", plan.GetProperty("ref").GetString());
        Assert.Equal("2021-07-20", plan.GetProperty("issued").GetString());
        Assert.Equal("2021-01-01", plan.GetProperty("start").GetString());
        Assert.Equal("2021-12-31", plan.GetProperty("end").GetString());

        var units = root.GetProperty("units").EnumerateArray().ToList();
        Assert.All(units, u =>
        {
            Assert.Equal(JsonValueKind.String, u.GetProperty("name").ValueKind);
            Assert.True(u.GetProperty("title").ValueKind is JsonValueKind.String or JsonValueKind.Null);
            Assert.Equal(JsonValueKind.Array, u.GetProperty("aliases").ValueKind);
            Assert.True(u.GetProperty("isGroup").ValueKind is JsonValueKind.True or JsonValueKind.False);
            Assert.Equal(JsonValueKind.Array, u.GetProperty("members").ValueKind);
        });
        var office = units.Single(u => u.GetProperty("name").GetString() == "区政府办");
        Assert.Equal(["区府办"], office.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
        var towns = units.Single(u => u.GetProperty("name").GetString() == "镇街");
        Assert.True(towns.GetProperty("isGroup").GetBoolean());
        Assert.Equal(16, towns.GetProperty("members").GetArrayLength());

        var sections = root.GetProperty("sections").EnumerateArray().ToList();
        Assert.Equal(20, sections.Count);
        Assert.Equal(JsonValueKind.Null, sections[0].GetProperty("parent").ValueKind);
        var sub = sections.Single(s => s.GetProperty("id").GetString() == "3.1");
        Assert.Equal("3", sub.GetProperty("parent").GetString());
        Assert.Equal("做好政务信息管理工作", sub.GetProperty("title").GetString());

        var tasks = root.GetProperty("tasks").EnumerateArray().ToList();
        Assert.Equal(50, tasks.Count);
        var fields = new[] { "id", "title", "section", "lead", "with", "support", "due", "start", "every", "after", "tags", "path", "line", "column" };
        Assert.All(tasks, t => Assert.All(fields, f => Assert.True(t.TryGetProperty(f, out _), f)));
        var t28 = tasks.Single(t => t.GetProperty("id").GetString() == "28");
        Assert.Equal("3.1", t28.GetProperty("section").GetString());
        Assert.Equal(["区司法局"], t28.GetProperty("lead").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(["区政府办", "有关单位", "镇街"], t28.GetProperty("with").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal("2021-12-31", t28.GetProperty("due").GetString());
        Assert.Equal(JsonValueKind.Null, t28.GetProperty("start").ValueKind);
        Assert.Equal(JsonValueKind.Null, t28.GetProperty("every").ValueKind);
        Assert.Equal("examples/panyu-2021/plan.plan", t28.GetProperty("path").GetString());
        var t43 = tasks.Single(t => t.GetProperty("id").GetString() == "43");
        Assert.Equal("year", t43.GetProperty("every").GetProperty("period").GetString());
        Assert.Equal(1, t43.GetProperty("every").GetProperty("atLeast").GetInt32());
        var t50 = tasks.Single(t => t.GetProperty("id").GetString() == "50");
        Assert.Equal(["42", "48"], t50.GetProperty("after").EnumerateArray().Select(x => x.GetString()));

        var lines = File.ReadAllLines(TestPaths.ExamplePlanPath);
        var line = t28.GetProperty("line").GetInt32();
        var column = t28.GetProperty("column").GetInt32();
        Assert.StartsWith("task 28 ", lines[line - 1][(column - 1)..]);
    }

    [Fact]
    public void Model_IsByteIdenticalAcrossRuns()
    {
        Assert.Equal(InRepo("model", Example).Out, InRepo("model", Example).Out);
    }

    [Fact]
    public void Model_OfAPlanWithErrors_ExitsOneAndStillPrints()
    {
        using var dir = new TempDirectory();
        dir.Write("p.plan", "plan \"p\" {}\ntask 1 \"t\" { lead 无 }\n");

        var run = Invoke(dir.Path, "model", "p.plan");

        Assert.Equal(1, run.Exit);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Single(json.RootElement.GetProperty("tasks").EnumerateArray());
        Assert.Contains("PR1001", run.Err);
    }

    [Fact]
    public void FmtCheck_OnAFormattedFile_ExitsZero()
    {
        using var dir = new TempDirectory();
        dir.Write("ok.plan", "unit A\n\ntask 1 \"t\" {\n  lead A // 注释\n}\n");

        var run = Invoke(dir.Path, "fmt", "ok.plan", "--check");

        Assert.Equal(0, run.Exit);
        Assert.Equal("", run.Out);
        Assert.Equal("", run.Err);
    }

    [Fact]
    public void FmtCheck_OnAnUnformattedFile_ExitsOneAndLeavesItAlone()
    {
        using var dir = new TempDirectory();
        var text = "unit A\ntask 1 “t” { lead：A }\n";
        var path = dir.Write("messy.plan", text);

        var run = Invoke(dir.Path, "fmt", "messy.plan", "--check");

        Assert.Equal(1, run.Exit);
        Assert.Contains("messy.plan", run.Out);
        Assert.Equal(text, File.ReadAllText(path));
    }

    [Fact]
    public void Fmt_RewritesUnformattedFiles()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("sub/messy.plan", "unit A\ntask 1 “t” { lead：A }\n");

        var run = Invoke(dir.Path, "fmt", ".");

        Assert.Equal(0, run.Exit);
        Assert.Equal("unit A\ntask 1 \"t\" {\n  lead A\n}\n", File.ReadAllText(path));
        Assert.Equal(0, Invoke(dir.Path, "fmt", "sub", "--check").Exit);
    }

    [Theory]
    [InlineData("", "\n")]
    [InlineData("\uFEFF", "\n")]
    [InlineData("", "\r\n")]
    [InlineData("\uFEFF", "\r\n")]
    public void Fmt_KeepsTheFilesByteOrderMarkAndLineEnds(string bom, string newline)
    {
        using var dir = new TempDirectory();
        string Text(string text) => bom + text.Replace("\n", newline);
        var formatted = dir.Write("formatted.plan", Text("// c\r\nunit A\ntask 1 \"t\" {\n  lead A /* x\n  y */\n}\n".Replace("\r\n", "\n")));
        var messy = dir.Write("messy.plan", Text("// c\nunit A\ntask 1 “t” { lead：A /* x\n  y */ }\n"));

        var check = Invoke(dir.Path, "fmt", "formatted.plan", "--check");
        var run = Invoke(dir.Path, "fmt", "messy.plan");

        Assert.True(check.Exit == 0, check.Out + check.Err);
        Assert.Equal(0, run.Exit);
        Assert.Equal(File.ReadAllBytes(formatted), File.ReadAllBytes(messy));
        Assert.Equal(0, Invoke(dir.Path, "fmt", ".", "--check").Exit);
    }

    [Fact]
    public void Fmt_OfAFileWithSyntaxErrors_ExitsOneAndLeavesItAlone()
    {
        using var dir = new TempDirectory();
        var text = "task 1 \"t\" { bogus }\n";
        var path = dir.Write("bad.plan", text);

        var run = Invoke(dir.Path, "fmt", "bad.plan");

        Assert.Equal(1, run.Exit);
        Assert.Contains("PR0001", run.Err);
        Assert.Equal(text, File.ReadAllText(path));
    }

    [Fact]
    public void FmtCheck_OnTheExample_ExitsZero()
    {
        Assert.Equal(0, InRepo("fmt", Example, "--check").Exit);
    }

    [Fact]
    public void Explain_KnownId_ExitsZeroAndDescribesIt()
    {
        var run = InRepo("explain", "PR1001");

        Assert.Equal(0, run.Exit);
        Assert.StartsWith("PR1001  未知的单位或组 / Unknown unit or group\n", run.Out);
        Assert.Contains("error", run.Out);
        Assert.Contains("plan", run.Out);
        Assert.Contains("the closest declared name is suggested", run.Out);
    }

    [Fact]
    public void Explain_StandardRuleWithoutEnglishTexts_PrintsEachChineseTextOnce()
    {
        var run = InRepo("explain", "GOV005");

        Assert.Equal(0, run.Exit);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("GOV005  周期性事项落后超过一年", lines[0]);
        Assert.Single(lines, l => l.Contains("按滚动的一年", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("超过一年没有记录", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("has recorded nothing for more than a year", StringComparison.Ordinal));
    }

    [Fact]
    public void Explain_IsCaseInsensitive()
    {
        Assert.Equal(0, InRepo("explain", "pr1004").Exit);
    }

    [Fact]
    public void Explain_UnknownId_ExitsTwo()
    {
        var run = InRepo("explain", "PR9999");

        AssertOneLineFailure(run);
        Assert.Contains("PR9999", run.Err);
    }
}
