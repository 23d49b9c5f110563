using FsCheck;
using FsCheck.Fluent;
using PlanRules.Analysis;
using PlanRules.Diagnostics;
using PlanRules.Testing;
using PlanRules.Text;

namespace PlanRules.Tests.TestingKit;

/// <summary>Properties: every plan and ledger the kit generates (and every shrink of a plan) is valid input.</summary>
public sealed class PlanGeneratorValidityTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(150).WithReplay(41UL, 43UL);

    private static IEnumerable<Diagnostic> Problems(GeneratedPlan plan, string ledger) =>
        new PlanChecker().Check(new CheckRequest
        {
            Plans = [new SourceText(plan.Text, "g.plan")],
            Ledgers = [new SourceText(ledger, "g.ledger")],
            AsOf = plan.End,
        }).Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error || d.Id is "PR3008" or "PR1009" or "PR1006" or "PR1007" or "PR1011");

    [Fact]
    public void Every_generated_plan_and_ledger_parses_binds_and_names_only_what_the_plan_declares()
    {
        var cases = from plan in PlanGenerators.Plans(20)
                    from ledger in Gen.OneOf(PlanGenerators.Ledgers(plan), PlanGenerators.OnTimeLedgers(plan))
                    select (plan, ledger);
        var property = Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var problems = Problems(c.plan, c.ledger).ToList();
            return problems.Count == 0 ? true.ToProperty() : false.Label(string.Join("\n", problems) + "\n" + c.plan.Text + c.ledger);
        });

        FsCheck.Check.One(Runs, property);
    }

    [Fact]
    public void Every_shrink_of_a_generated_plan_is_valid_and_keeps_what_it_says_about_itself()
    {
        var property = Prop.ForAll(PlanGenerators.Plans(12).ToArbitrary(), plan =>
            PlanGenerators.Shrink(plan).All(smaller =>
                !Problems(smaller, "").Any()
                && smaller.Tasks.All(t => t.After.All(a => smaller.Tasks.Any(d => d.Id == a)))
                && smaller.Tasks.Select(t => t.Id).Distinct().Count() == smaller.Tasks.Length));

        FsCheck.Check.One(Runs.WithMaxTest(40), property);
    }
}
