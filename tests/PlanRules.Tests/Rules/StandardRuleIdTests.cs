using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using PlanRules.Analysis;
using PlanRules.Hosting;
using PlanRules.Rules;
using PlanRules.Rules.Runtime;
using PlanRules.Text;
using static PlanRules.Tests.Rules.RuleKit;

namespace PlanRules.Tests.Rules;

/// <summary>
/// PR2003 for a user rule that takes a standard rule's id while the standard rules run: the user rule is skipped,
/// the standard rule still runs. With the standard rules off, the id is free.
/// </summary>
public class StandardRuleIdTests
{
    // Task 1 has four leads: the standard GOV001 fires on it.
    private const string Plan = Header + """
        task 1 "一" { lead 区政府办, 区司法局, 区财政局, 区教育局 }
        """;

    private const string Mine = """
        rule R1 "mine first" { for plan p when true }
        rule gov001 "mine" { for plan p when true }
        """;

    private const string Zh = "规则 id 'gov001' 是标准规则的 id；要替换该标准规则，请给本规则另取 id，并在 .planrules 中将其级别设为 none，或使用 --no-default-rules";
    private const string En = "Rule id 'gov001' is taken by a standard rule; to replace that rule, give this rule another id and set the standard rule's severity to none in .planrules, or use --no-default-rules";

    private static CheckResult CheckWith(bool includeStandard, params RuleSet[] ruleSets) =>
        new PlanChecker(new FakeClock(Instant.FromUtc(2000, 1, 1, 0, 0))).Check(new CheckRequest
        {
            Plans = [new SourceText(Plan, PlanPath)],
            AsOf = D("2021-12-31"),
            BaseDirectory = BaseDirectory,
            IncludeStandardRules = includeStandard,
            RuleSets = [.. ruleSets],
        });

    private static void AssertReported(CheckResult result)
    {
        var d = Single(result.Diagnostics, "PR2003");
        Finding(d, "PR2003", 2, 6, Zh, En);
        Assert.Equal(RulesPath, d.Location.Path);
        Assert.Equal((2, 12), (d.Location.LineSpan.End.Line, d.Location.LineSpan.End.Column));
        var related = Assert.Single(d.AdditionalLocations);
        Assert.Equal(("rules/ownership.rules", 4, 6), (related.Path, related.Line, related.Column));
        // The user rule is skipped: GOV001 reports task 1 only (the standard rule), never the plan header.
        var gov001 = Single(result.Diagnostics, "GOV001");
        Assert.Equal("1", gov001.TaskId);
        Assert.Equal("任务 1 有 4 个牵头单位，职责可能不清", gov001.GetMessage(RuleKit.Zh));
        // The other user rule still runs.
        Single(result.Diagnostics, "R1");
    }

    [Fact]
    public void UserRule_ReusingStandardId_IsPR2003()
    {
        AssertReported(CheckWith(includeStandard: true, Compile(Mine)));
    }

    [Fact]
    public void UserRule_ReusingStandardId_IsPR2003_WhenTheStandardRulesAreGivenAsARuleSet()
    {
        AssertReported(CheckWith(includeStandard: false, StandardRules.Compiled, Compile(Mine)));
        // Compiled with host functions, as hosts do: still the standard rules.
        AssertReported(CheckWith(includeStandard: false, RuleSet.Compile(StandardRules.Sources, [RuleFunction.FromDelegate("f", (Func<bool>)(() => true))]), Compile(Mine)));
    }

    [Fact]
    public void UserRule_ReusingStandardId_WithStandardRulesOff_Runs()
    {
        var result = CheckWith(includeStandard: false, Compile(Mine));
        Assert.Empty(Findings(result, "PR2003"));
        var mine = Single(result.Diagnostics, "gov001");
        Assert.Equal("mine", mine.GetMessage(RuleKit.Zh));
        Assert.Null(mine.TaskId);
    }

    [Fact]
    public void UserRule_ReusingStandardId_IsPR2003_InAHost()
    {
        using var provider = Hosting.HostingKit.Build(s => s.AddPlanRules(o => o.RuleTexts.Add(new SourceText(Mine, RulesPath))));
        var checker = provider.GetRequiredService<IPlanChecker>();
        var request = new CheckRequest { Plans = [new SourceText(Plan, PlanPath)], AsOf = D("2021-12-31"), BaseDirectory = BaseDirectory };
        AssertReported(checker.Check(request));
        // The same checker again: the user rule set is not changed by the first check.
        AssertReported(checker.Check(request));

        using var without = Hosting.HostingKit.Build(s => s.AddPlanRules(o =>
        {
            o.UseStandardRules = false;
            o.RuleTexts.Add(new SourceText(Mine, RulesPath));
        }));
        var result = without.GetRequiredService<IPlanChecker>().Check(request);
        Assert.Empty(Findings(result, "PR2003"));
        Assert.Null(Single(result.Diagnostics, "gov001").TaskId);
    }

    [Fact]
    public void UserRule_ReusingStandardId_WithATypeError_IsPR2003_Too()
    {
        var result = CheckWith(includeStandard: true, Compile(Mine.Replace("when true", "when 1", StringComparison.Ordinal)));
        Finding(Single(result.Diagnostics, "PR2003"), "PR2003", 2, 6, Zh, En);
        Assert.Equal("1", Single(result.Diagnostics, "GOV001").TaskId);
    }
}
