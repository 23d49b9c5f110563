using NodaTime;
using NodaTime.Testing;
using PlanRules.Cli;

namespace PlanRules.Tests.TestingKit;

/// <summary>
/// <c>planrules test</c>: how expectations meet findings — in any order, <c>count 0</c> as "no such finding", an id
/// that nothing has reported as such — and what <c>--coverage</c> counts.
/// </summary>
public sealed class PlanTestExpectationTests
{
    private static readonly FakeClock Clock = new(Instant.FromUtc(2026, 11, 27, 0, 0));

    // Task 1 is overdue for A and for B, task 2 for A: three PR3001 findings, (1, A), (1, B), (2, A).
    internal const string Plan = """
        plan "小计划" { ref "r" issued 2021-01-01 period 2021-01-01 .. 2021-12-31 }
        unit A "A局"
        unit B "B局"
        task 1 "t1" { lead A, B  due 2021-06-30 }
        task 2 "t2" { lead A due 2021-06-30 }
        """;

    private static (int Exit, string[] Lines) RunTests(string tests, params string[] options)
    {
        var folder = Directory.CreateTempSubdirectory("planrules-expect-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "p.plan"), Plan);
            File.WriteAllText(Path.Combine(folder.FullName, "a.plantest"), tests);
            var stdout = new StringWriter();
            var exit = CliApp.Run(["test", "a.plantest", .. options], stdout, new StringWriter(), folder.FullName, Clock);
            return (exit, stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string Test(string name, string body) =>
        $"test \"{name}\" {{\n  plan \"p.plan\"\n  as-of 2021-12-31\n  standard-rules off\n{body}}}\n";

    [Theory]
    [InlineData("expect PR3001 unit A\n  expect PR3001 task 1\n  expect PR3001 task 2\n")]
    [InlineData("expect PR3001 task 1\n  expect PR3001 unit A\n  expect PR3001 task 2\n")]
    [InlineData("expect PR3001 task 2\n  expect PR3001 task 1\n  expect PR3001 unit A\n")]
    [InlineData("expect PR3001 count 2\n  expect PR3001 task 1 unit B\n")]
    [InlineData("expect PR3001 count 2\n  expect PR3001 task 2\n")]
    public void Expectations_meet_the_findings_in_any_order(string expectations)
    {
        var (exit, lines) = RunTests(Test("顺序", expectations));

        Assert.Equal(["PASS a.plantest(1,1): 顺序", "1 passed, 0 failed"], lines);
        Assert.Equal(0, exit);
    }

    [Fact]
    public void Expectations_that_no_order_can_meet_still_fail_with_what_is_missing()
    {
        var (exit, lines) = RunTests(Test("太多", "  expect PR3001 task 1\n  expect PR3001 unit A count 3\n"));

        Assert.Equal(1, exit);
        Assert.Contains("  缺少 / missing:    expect PR3001 unit A", lines);
    }

    [Fact]
    public void Count_zero_means_no_such_finding_even_when_another_expectation_would_take_it()
    {
        var (exit, lines) = RunTests(Test("不该有", "  expect PR3001 count 3\n  expect PR3001 task 2 count 0\n"));

        Assert.Equal(1, exit);
        Assert.Contains("  多出 / unexpected: expect PR3001 task 2 unit A   // 任务 2 已逾期 184 天（A） @ p.plan(5,1)", lines);
        Assert.Contains("  缺少 / missing:    expect PR3001", lines);
    }

    [Fact]
    public void Count_zero_passes_when_there_is_no_such_finding()
    {
        var (exit, _) = RunTests(Test("没有", "  expect PR3001 count 3\n  expect PR3001 task 3 count 0\n  expect PR3002 count 0\n"));

        Assert.Equal(0, exit);
    }

    [Theory]
    [InlineData("  ignore PR3001\n  expect GOV999 count 0\n", "expect GOV999 count 0 @ a.plantest(6,3)")]
    [InlineData("  ignore PR3001\n  expect GOV001 count 0\n", "expect GOV001 count 0 @ a.plantest(6,3)")]
    [InlineData("  ignore PR3001\n  expect PR3999\n", "expect PR3999 @ a.plantest(6,3)")]
    public void An_expected_id_nothing_declares_fails_the_test_naming_it(string body, string named)
    {
        var (exit, lines) = RunTests(Test("未知", body));

        Assert.Equal(1, exit);
        Assert.Equal("FAIL a.plantest(1,1): 未知", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("  未知编号", StringComparison.Ordinal) && l.Contains(" / unknown id (", StringComparison.Ordinal)
            && l.EndsWith(": " + named, StringComparison.Ordinal));
    }

    [Fact]
    public void An_expected_id_of_the_test_s_own_rule_or_of_the_standard_rules_is_known()
    {
        var tests = Test("自己的规则", "  rules { rule X001 \"x\" { for task t when false } }\n  ignore PR3001\n  expect X001 count 0\n")
            + "test \"标准规则\" {\n  plan \"p.plan\"\n  as-of 2021-12-31\n  ignore PR3001, GOV013\n  expect GOV001 count 0\n}\n";

        var (exit, lines) = RunTests(tests);

        Assert.Equal(["PASS a.plantest(1,1): 自己的规则", "PASS a.plantest(9,1): 标准规则", "2 passed, 0 failed"], lines);
        Assert.Equal(0, exit);
    }

    [Fact]
    public void Coverage_does_not_count_a_rule_that_did_not_run_as_silent_but_names_it()
    {
        var tests = Test("规则", """
              rules {
                rule OLD1 "去年的规则" { effective .. 2020-12-31 for task t when true }
                rule BAD1 "有错误的规则" { for task t when t.nothing }
                rule NOW1 "今年的规则" { for task t when t.id == "1" }
              }
              ignore PR3001, PR2001
              expect NOW1 task 1

            """);

        var (exit, lines) = RunTests(tests, "--coverage");

        Assert.Equal(0, exit);
        Assert.Contains("BAD1          0       0", lines);
        Assert.Contains("NOW1          1       0", lines);
        Assert.Contains("OLD1          0       0", lines);
        Assert.Contains("没有测试触发的规则 / rules no test makes fire: BAD1, OLD1", lines);
    }
}
