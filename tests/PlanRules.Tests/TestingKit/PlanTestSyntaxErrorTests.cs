using System.Globalization;
using PlanRules.PlanTests;
using PlanRules.Text;
using static PlanRules.Tests.Support.PlanAssert;

namespace PlanRules.Tests.TestingKit;

/// <summary>Syntax errors of <c>*.plantest</c> files: each at its own line and column, in zh-CN and in English.</summary>
public sealed class PlanTestSyntaxErrorTests
{
    /// <summary>The file's one test has a syntax error, so the runner reports it and does not run it.</summary>
    private static void AssertDoesNotRun(string text) =>
        Assert.True(Assert.Single(PlanTestParser.Parse(new SourceText(text, "a.plantest")).Tests).HasSyntaxErrors);

    private static string[] Errors(string text, CultureInfo culture) =>
        [.. PlanTestParser.Parse(new SourceText(text, "a.plantest")).Diagnostics
            .Select(d => $"({d.Location.Line},{d.Location.Column}) {d.Id}: {d.GetMessage(culture)}")];

    [Fact]
    public void A_bad_standard_rules_value_is_one_error_at_the_value_saying_on_or_off()
    {
        const string text = "test \"a\" {\n  plan \"p.plan\"\n  as-of 2021-12-31\n  standard-rules maybe\n  expect none\n}\n";

        Assert.Equal(["(4,18) PR0001: 应为'on' 或 'off'，但遇到'maybe'"], Errors(text, Zh));
        Assert.Equal(["(4,18) PR0001: Expected 'on' or 'off' but found 'maybe'"], Errors(text, En));
    }

    [Fact]
    public void Recovery_after_a_bad_item_does_not_skip_a_hyphenated_item_and_its_errors()
    {
        // Recovery read "as-of" as "as", "-", "of": it skipped the whole item, and the impossible date was never reported.
        const string text = "test \"b\" {\n  plan \"p.plan\"\n  bogus 1\n  as-of 2021-02-30\n  expect none\n}\n";

        Assert.Equal(
            [
                "(3,3) PR0001: Expected a test item (plan, ledger, rules, config, as-of, standard-rules, ignore, expect) or '}' but found 'bogus'",
                "(4,9) PR0002: The date '2021-02-30' does not exist",
            ],
            Errors(text, En));
        Assert.Equal("(4,9) PR0002: 日期 '2021-02-30' 不存在", Errors(text, Zh)[1]);
    }

    [Fact]
    public void Recovery_after_a_bad_item_does_not_stop_inside_standard_rules()
    {
        // Recovery stopped at "rules" inside "standard-rules" and reported "expected a path string" at 'off'.
        const string text = "test \"c\" {\n  plan \"p.plan\"\n  ignore 1\n  standard-rules off\n  as-of 2021-12-31\n}\n";

        Assert.Equal(["(3,10) PR0001: Expected a name but found '1'"], Errors(text, En));
    }

    [Fact]
    public void Expect_none_beside_another_expectation_is_an_error_at_expect_none_and_the_test_does_not_run()
    {
        const string text = "test \"d\" {\n  plan \"p.plan\"\n  as-of 2021-12-31\n  expect none\n  expect PR3001\n}\n";

        Assert.Equal(["(4,3) PR0001: 'expect none' means no finding at all: it cannot stand beside another expect"], Errors(text, En));
        Assert.Equal(["(4,3) PR0001: 'expect none' 表示没有任何发现，不能与其他 expect 同时使用"], Errors(text, Zh));
        AssertDoesNotRun(text);
    }

    [Fact]
    public void A_part_given_twice_in_one_expectation_is_an_error_at_the_second_and_the_test_does_not_run()
    {
        // The last one used to win silently: "expect PR3001 task 1 task 2" expected task 2 only.
        const string text = "test \"e\" {\n  plan \"p.plan\"\n  as-of 2021-12-31\n  expect PR3001 task 1 unit 甲 task 2 count 1 count 2\n}\n";

        Assert.Equal(
            [
                "(4,31) PR0001: 'task' is given twice in one expectation: an expectation takes one",
                "(4,46) PR0001: 'count' is given twice in one expectation: an expectation takes one",
            ],
            Errors(text, En));
        Assert.Equal("(4,31) PR0001: 期望中 'task' 出现了两次：每个期望只能有一个", Errors(text, Zh)[0]);
        AssertDoesNotRun(text);
    }

    [Fact]
    public void Expecting_an_ignored_id_is_an_error_at_the_expectation_and_the_test_does_not_run()
    {
        // It used to fail only as "missing": the ignored finding is never compared, so the expectation could not be met.
        const string text = "test \"f\" {\n  plan \"p.plan\"\n  as-of 2021-12-31\n  ignore PR1009, pr3001\n  expect PR3001 task 1\n}\n";

        Assert.Equal(["(5,3) PR0001: 'PR3001' is ignored, so it is never compared: it cannot also be expected"], Errors(text, En));
        Assert.Equal(["(5,3) PR0001: 'PR3001' 已由 ignore 排除，不会被比较：不能同时 expect 它"], Errors(text, Zh));
        AssertDoesNotRun(text);
    }
}
