using PlanRules.Diagnostics;
using PlanRules.Rules;
using static PlanRules.Tests.Rules.RuleKit;

namespace PlanRules.Tests.Rules;

/// <summary>
/// A rule with any error inside it (syntax, literal, limit or type) is reported and skipped: never compiled, never
/// run; the other rules still run. No follow-on finding (PR2004, PR2005) is added to the error that explains it.
/// </summary>
public class RulesWithErrorsTests
{
    private const string Plan = Header + """
        task 1 "一" { lead 区政府办 due 2021-06-30 }
        task 2 "二" { lead 区司法局 }
        """;

    private const string Good = "rule OK1 \"ok\" { for task t when t.id == \"2\" }\n";

    private static void OnlyGoodRuleRuns(RuleSet set)
    {
        Assert.Equal(["OK1"], set.Rules.Select(r => r.Descriptor.Id));
        var result = Check(Plan, null, "2021-12-31", set);
        Assert.Empty(Findings(result, "PR2005"));
        Assert.Equal("2", Single(result.Diagnostics, "OK1").TaskId);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id.StartsWith('X'));
    }

    private static void NoInternalText(RuleSet set)
    {
        foreach (var d in set.Diagnostics)
        {
            Assert.DoesNotContain("Bound", d.GetMessage(Zh), StringComparison.Ordinal);
            Assert.DoesNotContain("Bound", d.GetMessage(En), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("rule X1 \"a\" { for task t when t.due == 2021-02-30 }", "2021-02-30")]
    [InlineData("rule X2 \"b\" { for task t where t.due == 2021年2月30日 when true }", "2021年2月30日")]
    [InlineData("rule X3 \"c\" { for task t when true message \"{t.due == 2021-02-30}\" }", "2021-02-30")]
    [InlineData("rule X4 \"d\" { for task t when true message en \"{[2021-02-30]}\" }", "2021-02-30")]
    public void RuleWithImpossibleDate_IsPR0002Only_AndSkipped(string rule, string date)
    {
        var text = rule + "\n" + Good;
        var set = Compile(text);
        var d = Assert.Single(set.Diagnostics);
        var (line, column) = PositionOf(text, date);
        Finding(d, "PR0002", line, column, $"日期 '{date}' 不存在", $"The date '{date}' does not exist");
        NoInternalText(set);
        OnlyGoodRuleRuns(set);
    }

    /// <summary>
    /// Each of these rules used to run: with the default severity (the bad one left out), as if always in effect (the
    /// bad date left out), with the hole rendered empty.
    /// </summary>
    [Theory]
    [InlineData("rule X1 \"a\" { severity fatal for task t when true }", "PR0001", 24)]
    [InlineData("rule X1 \"a\" { effective 2021-02-30 .. for task t when true }", "PR0002", 25)]
    [InlineData("rule X1 \"a\" { for task t when true message \"x{t.id +}y\" }", "PR0001", 53)]
    public void RuleWithAnItemInError_IsSkipped(string rule, string id, int column)
    {
        var set = Compile(rule + "\n" + Good);
        var d = Assert.Single(set.Diagnostics);
        Assert.Equal((id, 1, column), (d.Id, d.Location.Line, d.Location.Column));
        OnlyGoodRuleRuns(set);
    }

    [Fact]
    public void RuleWithTypeErrorAndSyntaxError_IsSkipped()
    {
        var text = "rule X1 \"a\" { for task t when t.due == 2021-02-30 message \"{t.dew}\" }\n" + Good;
        var set = Compile(text);
        Assert.Equal(["PR0002", "PR2001"], set.Diagnostics.Select(d => d.Id));
        OnlyGoodRuleRuns(set);
    }

    [Fact]
    public void RuleWithoutClosingBrace_IsSkipped()
    {
        var text = Good + "rule X1 \"a\" { for task t when true";
        var set = Compile(text);
        Assert.Equal("PR0001", Assert.Single(set.Diagnostics).Id);
        OnlyGoodRuleRuns(set);
    }

    [Fact]
    public void DepthLimitInCondition_IsPR0003_WithoutPR2004()
    {
        var text = "rule X1 \"a\" {\n  for task t\n  when " + new string('(', 300) + "true" + new string(')', 300) + "\n}\n" + Good;
        var set = Compile(text);
        var d = Assert.Single(set.Diagnostics);
        Assert.Equal(("PR0003", 3, 8 + 256), (d.Id, d.Location.Line, d.Location.Column));
        OnlyGoodRuleRuns(set);
    }

    [Fact]
    public void DepthLimitInWhere_IsPR0003_WithoutPR2004()
    {
        var text = "rule X1 \"a\" {\n  for task t where " + new string('(', 300) + "true" + new string(')', 300) + "\n  when true\n}\n" + Good;
        var set = Compile(text);
        Assert.Equal("PR0003", Assert.Single(set.Diagnostics).Id);
        OnlyGoodRuleRuns(set);
    }

    [Fact]
    public void MissingConditionWithASyntaxErrorElsewhere_IsStillPR2004()
    {
        // The syntax error is in the message, not in a condition: the missing `when` is a finding of its own.
        var text = "rule X1 \"a\" { for task t message \"{t.due == 2021-02-30}\" }\n" + Good;
        var set = Compile(text);
        Assert.Equal(["PR2004", "PR0002"], set.Diagnostics.Select(d => d.Id));
        Finding(set.Diagnostics[0], "PR2004", 1, 6, "规则 X1 缺少 when 或 require", "Rule X1 has neither 'when' nor 'require'");
        OnlyGoodRuleRuns(set);
    }
}
