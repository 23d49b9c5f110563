using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PlanRules.Binding;
using PlanRules.Text;

namespace PlanRules.Tests.Binding;

/// <summary>Closed groups expand on demand, memoised, to exactly what a full walk of each group gives.</summary>
public class GroupExpansionTests
{
    /// <summary>The walk the binder did for every unit before expansion became lazy: the reference.</summary>
    private static List<string> ReferenceExpansion(UnitSymbol unit, HashSet<UnitSymbol> inCycle)
    {
        if (!unit.IsClosedGroup) return [unit.Name];
        var result = new List<string>();
        var seen = new HashSet<UnitSymbol>(ReferenceEqualityComparer.Instance) { unit };
        var work = new Stack<UnitSymbol>(unit.Members.Reverse());
        while (work.Count > 0)
        {
            var next = work.Pop();
            if (!seen.Add(next)) continue;
            if (next.IsClosedGroup && !inCycle.Contains(next))
            {
                foreach (var m in next.Members.Reverse()) work.Push(m);
            }
            else if (!next.IsClosedGroup)
            {
                result.Add(next.Name);
            }
        }
        return result;
    }

    /// <summary>A plan of three units, an open group and up to eight closed groups listing any of them (cycles too).</summary>
    private static string RandomGroups(Random random)
    {
        var text = new StringBuilder("plan \"p\" { period 2021-01-01 .. 2021-12-31 }\nunit A\nunit B\nunit C\ngroup O\n");
        var groups = random.Next(1, 9);
        var names = new[] { "A", "B", "C", "O" }.Concat(Enumerable.Range(0, groups).Select(i => $"G{i}")).ToArray();
        for (var i = 0; i < groups; i++)
        {
            var members = Enumerable.Range(0, random.Next(1, 4)).Select(_ => names[random.Next(names.Length)]);
            text.Append($"group G{i} = {string.Join(", ", members)}\n");
        }
        return text.ToString();
    }

    [Property(MaxTest = 300)]
    public Property ExpandedMembers_InAnyOrderOfFirstUse_EqualAFullWalkOfEachGroup() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            var random = new Random(seed);
            var text = RandomGroups(random);
            var plan = PlanBinder.Bind(new SourceText(text, "g.plan"));
            var cycles = DependencyGraph.FindCycles(plan.Units.ToList(), u => u.IsClosedGroup ? u.Members : []);
            var inCycle = new HashSet<UnitSymbol>(cycles.SelectMany(c => c), ReferenceEqualityComparer.Instance);

            foreach (var unit in plan.Units.OrderBy(_ => random.Next()))
            {
                Assert.True(ReferenceExpansion(unit, inCycle).SequenceEqual(unit.ExpandedMembers.Select(m => m.Name)), $"{unit.Name} in\n{text}");
            }
        });

    [Fact]
    public void GroupListingOnlyAnotherGroup_SharesItsMembers()
    {
        var plan = PlanBinder.Bind(new SourceText("plan \"p\" { period 2021-01-01 .. 2021-12-31 }\nunit A\nunit B\ngroup G0 = A, B\ngroup G1 = G0\ngroup G2 = G1\n", "g.plan"));

        var top = plan.GetUnit("G2")!.ExpandedMembers;
        Assert.Equal(["A", "B"], top.Select(m => m.Name));
        Assert.True(top == plan.GetUnit("G1")!.ExpandedMembers);
        Assert.True(top == plan.GetUnit("G0")!.ExpandedMembers);
    }
}
