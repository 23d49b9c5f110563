using Microsoft.Extensions.DependencyInjection;
using PlanRules.Analysis;
using PlanRules.Hosting;
using PlanRules.Output;
using PlanRules.Rules;
using PlanRules.Tests.Support;
using PlanRules.Text;
using static PlanRules.Tests.Hosting.HostingKit;

namespace PlanRules.Tests.Analysis;

/// <summary>
/// <see cref="CheckRequest.IncludeStandardRules"/> (what <c>planrules check</c> uses, so the standard rules can compile
/// on another thread meanwhile) gives exactly what putting the standard rules first in the rule sets gives.
/// </summary>
public class IncludeStandardRulesTests
{
    private const string TownRule = """
        rule LOCAL001 "镇街承担的义务" {
          severity info
          for obligation o where o.unit.name == "市桥街"
          when true
          message "市桥街承担任务 {o.task.id}"
        }
        """;

    private static CheckRequest Example() => Request(TestPaths.ExamplePlanText) with { Plans = [new SourceText(TestPaths.ExamplePlanText, "examples/panyu-2021/plan.plan")] };

    [Fact]
    public void Same_findings_as_the_standard_rule_set_given_first()
    {
        var checker = new PlanChecker();
        var flagged = checker.Check(Example() with { IncludeStandardRules = true });
        var listed = checker.Check(Example() with { RuleSets = [StandardRules.Compiled] });

        Assert.Contains(flagged.Diagnostics, d => d.Id.StartsWith("GOV", StringComparison.Ordinal));
        Assert.Equal(JsonReport.Render(listed, Zh), JsonReport.Render(flagged, Zh));
    }

    [Fact]
    public void Standard_rules_run_before_the_given_rule_sets()
    {
        var local = RuleSet.Compile([new SourceText(TownRule, "local.rules")]);
        var checker = new PlanChecker();
        var flagged = checker.Check(Example() with { IncludeStandardRules = true, RuleSets = [local] });
        var listed = checker.Check(Example() with { RuleSets = [StandardRules.Compiled, local] });

        Assert.Contains(flagged.Diagnostics, d => d.Id == "LOCAL001");
        Assert.Equal(JsonReport.Render(listed, En), JsonReport.Render(flagged, En));
    }

    [Fact]
    public void Off_by_default()
    {
        var result = new PlanChecker().Check(Example());
        Assert.DoesNotContain(result.Diagnostics, d => d.Id.StartsWith("GOV", StringComparison.Ordinal));
    }

    [Fact]
    public void A_hosted_checker_runs_them_once_in_place_of_its_configured_rules()
    {
        using var provider = Build(s => s.AddPlanRules());
        var hosted = provider.GetRequiredService<IPlanChecker>().Check(Example() with { IncludeStandardRules = true });
        var direct = new PlanChecker().Check(Example() with { RuleSets = [StandardRules.Compiled] });

        Assert.Equal(JsonReport.Render(direct, Zh), JsonReport.Render(hosted, Zh));
    }
}
