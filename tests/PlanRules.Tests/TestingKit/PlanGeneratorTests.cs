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

    [Fact]
    public void OnTimeLedgers_CheckedAtTheEnd_YieldNoLedgerWarnings()
    {
        var cases = (from plan in PlanGenerators.Plans()
                     from ledger in PlanGenerators.OnTimeLedgers(plan)
                     select (plan, ledger)).Sample(150, seed: new Rnd(19UL), size: 20);
        Assert.Contains(cases, c => c.plan.Tasks.Any(t => t.Recurring));
        Assert.Contains(cases, c => c.plan.Tasks.Any(t => t.After.Length > 0));
        Assert.All(cases, c =>
        {
            var findings = Check(c.plan, c.ledger, c.plan.End).Diagnostics.Where(d => d.Id.StartsWith("PR", StringComparison.Ordinal) && d.Severity >= DiagnosticSeverity.Warning);
            Assert.True(!findings.Any(), string.Join("\n", findings.Select(d => d.ToString())) + "\n" + c.plan.Text + c.ledger);
        });
    }

    [Fact]
    public void Shrink_GivesSmallerPlansThatStillBindWithoutErrors()
    {
        var plans = PlanGenerators.Plans().Sample(30, seed: new Rnd(23UL), size: 20);
        foreach (var plan in plans)
        {
            var smaller = PlanGenerators.Shrink(plan).ToList();
            Assert.Equal(plan.Specs.Length > 1, smaller.Count > 0 && smaller[0].Specs.Length == plan.Specs.Length - 1);
            Assert.All(smaller, s =>
            {
                Assert.True(Size(s) < Size(plan), s.Text);
                Assert.DoesNotContain(Check(s, "", s.End).Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
            });
        }
    }

    /// <summary>How much a generated plan says: tasks, and each task's owners, dependencies, due and recurrence.</summary>
    private static int Size(GeneratedPlan plan) =>
        plan.Specs.Sum(t => 1 + t.Lead.Length + t.With.Length + t.After.Length + (t.Due is null ? 0 : 1) + (t.Recurring ? 1 : 0));

    [Fact]
    public void Shrink_ReachesAMinimalCounterexample()
    {
        // "fewer than three tasks have a due date" fails; shrinking greedily ends at exactly three tasks, each with a due and nothing else.
        static bool Holds(GeneratedPlan p) => p.Tasks.Count(t => t.Due is not null) < 3;
        var plan = PlanGenerators.Plans().Sample(50, seed: new Rnd(29UL), size: 20).First(p => !Holds(p) && p.Specs.Length > 4);

        for (var next = PlanGenerators.Shrink(plan).FirstOrDefault(p => !Holds(p)); next is not null; next = PlanGenerators.Shrink(plan).FirstOrDefault(p => !Holds(p)))
        {
            plan = next;
        }

        Assert.Equal(3, plan.Specs.Length);
        Assert.All(plan.Specs, t => Assert.True(t.Due is not null && t.With.Length == 0 && t.After.Length == 0 && !t.Recurring && t.Lead.Length == 1, plan.Text));
    }

    [Fact]
    public void PlanArbitrary_Shrinks_A_Failing_Property()
    {
        var property = Prop.ForAll(PlanGenerators.PlanArbitrary(), p => p.Tasks.Count(t => t.Due is not null) < 3);

        var error = Assert.ThrowsAny<Exception>(() => FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(200).WithReplay(1UL, 3UL), property));

        var shrinks = System.Text.RegularExpressions.Regex.Match(error.Message, @"\((\d+) shrinks?\)");
        Assert.True(shrinks.Success && int.Parse(shrinks.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0, error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Plans_WithoutRoomForATask_AreRefusedByName(int maxTasks)
    {
        Assert.Equal("maxTasks", Assert.Throws<ArgumentOutOfRangeException>(() => PlanGenerators.Plans(maxTasks)).ParamName);
        Assert.Equal("maxTasks", Assert.Throws<ArgumentOutOfRangeException>(() => PlanGenerators.PlanArbitrary(maxTasks)).ParamName);
    }
}
