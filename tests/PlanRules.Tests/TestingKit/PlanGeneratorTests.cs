using FsCheck;
using FsCheck.Fluent;
using PlanRules.Analysis;
using PlanRules.Diagnostics;
using PlanRules.Testing;
using PlanRules.Text;

namespace PlanRules.Tests.TestingKit;

/// <summary>The kit's generators produce what they promise, so policy properties are not vacuous.</summary>
public sealed class PlanGeneratorTests
{
    private static CheckResult Check(GeneratedPlan plan, string ledger, NodaTime.LocalDate asOf) => new PlanChecker().Check(new CheckRequest
    {
        Plans = [new SourceText(plan.Text, "g.plan")],
        Ledgers = [new SourceText(ledger, "g.ledger")],
        AsOf = asOf,
    });

    [Fact]
    public void GeneratedPlans_BindWithoutErrors()
    {
        var plans = PlanGenerators.Plans().Sample(100, seed: new Rnd(7UL), size: 20);
        Assert.All(plans, plan => Assert.DoesNotContain(Check(plan, "", plan.End).Diagnostics, d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void OnTimeLedgers_NeverYieldOverdueOrLate()
    {
        var cases = (from plan in PlanGenerators.Plans()
                     from ledger in PlanGenerators.OnTimeLedgers(plan)
                     from asOf in PlanGenerators.AsOfDates(plan)
                     select (plan, ledger, asOf)).Sample(100, seed: new Rnd(11UL), size: 20);
        Assert.All(cases, c => Assert.DoesNotContain(Check(c.plan, c.ledger, c.asOf).Diagnostics, d => d.Id is "PR3001" or "PR3002"));
    }

    [Fact]
    public void AnyLedgers_ReachOverdueAndLateFindings()
    {
        var ids = (from plan in PlanGenerators.Plans()
                   from ledger in PlanGenerators.Ledgers(plan)
                   select Check(plan, ledger, plan.End.PlusDays(1)).Diagnostics.Select(d => d.Id)).Sample(100, seed: new Rnd(13UL), size: 20)
            .SelectMany(x => x).ToHashSet();
        Assert.Contains("PR3001", ids);
        Assert.Contains("PR3002", ids);
    }
}
