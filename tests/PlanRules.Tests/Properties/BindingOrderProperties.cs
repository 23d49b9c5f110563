using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PlanRules.Binding;
using PlanRules.Diagnostics;
using PlanRules.Formatting;
using PlanRules.Syntax;
using PlanRules.Tests.Support;

namespace PlanRules.Tests.Properties;

/// <summary>A plan means the same whatever order its top-level declarations come in.</summary>
public class BindingOrderProperties
{
    /// <summary>A generated plan and a shuffle of its top-level declarations.</summary>
    private static Gen<(ImmutableArray<DeclarationSyntax> Original, ImmutableArray<DeclarationSyntax> Shuffled)> Reordered { get; } =
        from declarations in PlanGenerators.Declarations
        from shuffled in Gen.Shuffle(declarations.ToArray())
        select (declarations, shuffled.ToImmutableArray());

    private static BoundPlan BindText(ImmutableArray<DeclarationSyntax> declarations, out string text)
    {
        text = PlanPrinter.Print(PlanGenerators.File(declarations));
        return PlanBinder.Bind([PlanParser.Parse(text, "order.plan")]);
    }

    private static List<string> Findings(BoundPlan plan, System.Globalization.CultureInfo culture) =>
        [.. plan.Diagnostics.Select(d => $"{d.Id} {d.Severity.ToText()} {d.GetMessage(culture)}").Order(StringComparer.Ordinal)];

    [Property(MaxTest = 150)]
    public Property ReorderingTopLevelDeclarations_DoesNotChangeTheFindings() =>
        Prop.ForAll(Arb.From(Reordered), pair =>
        {
            var a = BindText(pair.Original, out var textA);
            var b = BindText(pair.Shuffled, out var textB);

            var message = $"original:\n{textA}\nshuffled:\n{textB}";
            Assert.True(Findings(a, PlanAssert.Zh).SequenceEqual(Findings(b, PlanAssert.Zh)),
                message + "\n" + string.Join("\n", Findings(a, PlanAssert.Zh)) + "\n---\n" + string.Join("\n", Findings(b, PlanAssert.Zh)));
            Assert.Equal(Findings(a, PlanAssert.En), Findings(b, PlanAssert.En));
            Assert.Equal(
                a.Diagnostics.Select(d => d.Fingerprint).Order(StringComparer.Ordinal),
                b.Diagnostics.Select(d => d.Fingerprint).Order(StringComparer.Ordinal));
        });

    [Property(MaxTest = 50)]
    public Property ReorderingTopLevelDeclarations_KeepsEveryTaskAndObligation() =>
        Prop.ForAll(Arb.From(Reordered), pair =>
        {
            var a = BindText(pair.Original, out _);
            var b = BindText(pair.Shuffled, out _);

            static IEnumerable<string> Obligations(BoundPlan plan) =>
                plan.Obligations.Select(o => $"{o.Task.Id}/{o.Unit.Name}/{o.Role}").Order(StringComparer.Ordinal);
            Assert.Equal(Obligations(a), Obligations(b));
            Assert.Equal(a.Tasks.Select(t => t.Id).Order(StringComparer.Ordinal), b.Tasks.Select(t => t.Id).Order(StringComparer.Ordinal));
        });

    [Fact]
    public void GeneratedPlans_ProduceAVarietyOfFindings()
    {
        // Guards the generator: the order property is only meaningful if the plans have findings to compare.
        // A fixed seed keeps this deterministic.
        var ids = PlanGenerators.Declarations.Sample(20, new Rnd(20211231UL), 200)
            .SelectMany(d => BindText(d, out _).Diagnostics.Select(x => x.Id))
            .ToHashSet();

        string[] expected = ["PR1001", "PR1003", "PR1004", "PR1005", "PR1006", "PR1007", "PR1008", "PR1009", "PR1010", "PR1011"];
        Assert.Empty(expected.Except(ids));
    }
}
