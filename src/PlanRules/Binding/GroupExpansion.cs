using System.Collections.Immutable;

namespace PlanRules.Binding;

/// <summary>
/// Expands closed groups to the units that owe their tasks, on demand and memoised. Iterative (a chain of 200 000
/// nested groups cannot overflow the stack) and linear in the groups reached; a group whose only member is another
/// closed group shares that group's array, so a chain <c>g1 = g0</c>, <c>g2 = g1</c>, … costs one array in all.
/// </summary>
/// <remarks>
/// Only the groups asked for are memoised, never every group on the way: in a chain where each group adds a unit
/// (<c>gN = gN-1, uN</c>), the expansions of all groups together hold N²/2 units, while the one group a task names
/// holds N.
/// </remarks>
internal static class GroupExpansion
{
    /// <summary>The expanded members of <paramref name="unit"/>, computing and memoising them if needed.</summary>
    public static ImmutableArray<UnitSymbol> Expand(UnitSymbol unit)
    {
        if (!unit.ExpandedCache.IsDefault) return unit.ExpandedCache;
        if (!unit.IsClosedGroup) return Memoise(unit, [unit]);

        // g = h, with h a closed group on no cycle, expands exactly as h: g cannot be reached from h.
        var chain = new List<UnitSymbol>();
        var current = unit;
        while (current.ExpandedCache.IsDefault && current.Members is [{ IsClosedGroup: true, ReachesItself: false } only])
        {
            chain.Add(current);
            current = only;
        }
        var members = current.ExpandedCache.IsDefault ? Memoise(current, Walk(current)) : current.ExpandedCache;
        foreach (var group in chain) Memoise(group, members);
        return unit.ExpandedCache;
    }

    private static ImmutableArray<UnitSymbol> Memoise(UnitSymbol unit, ImmutableArray<UnitSymbol> members)
    {
        ImmutableInterlocked.InterlockedInitialize(ref unit.ExpandedCache, members);
        return unit.ExpandedCache;
    }

    /// <summary>
    /// Members of a closed group in depth-first order, each once; groups on a reported membership cycle add nothing
    /// (the root itself is expanded even when it is on one). A group already memoised and on no cycle contributes its
    /// array instead of its walk.
    /// </summary>
    private static ImmutableArray<UnitSymbol> Walk(UnitSymbol root)
    {
        var result = new List<UnitSymbol>();
        var seen = new HashSet<UnitSymbol>(ReferenceEqualityComparer.Instance) { root };
        var work = new Stack<UnitSymbol>();
        PushMembers(work, root);
        while (work.Count > 0)
        {
            var next = work.Pop();
            if (!seen.Add(next)) continue;
            if (!next.IsClosedGroup)
            {
                result.Add(next);
            }
            else if (next.InMembershipCycle)
            {
                continue;
            }
            else if (!next.ReachesItself && !next.ExpandedCache.IsDefault)
            {
                // `next` is on no cycle, so nothing below it is the root or a group whose walk is still under way: its
                // memoised members that are not seen yet come in the order a walk would give.
                foreach (var member in next.ExpandedCache)
                {
                    if (seen.Add(member)) result.Add(member);
                }
            }
            else
            {
                PushMembers(work, next);
            }
        }
        return [.. result];
    }

    private static void PushMembers(Stack<UnitSymbol> work, UnitSymbol group)
    {
        for (var i = group.Members.Length - 1; i >= 0; i--) work.Push(group.Members[i]);
    }
}
