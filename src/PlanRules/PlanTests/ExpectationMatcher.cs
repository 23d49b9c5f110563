using PlanRules.Analysis;
using PlanRules.Diagnostics;
using PlanRules.Rules;

namespace PlanRules.PlanTests;

/// <summary>
/// Pairs expected findings with actual ones so that as many expectations as possible are met, whatever the order
/// they are written in. Taking the first finding that fits each expectation in turn is not enough: after
/// <c>expect X task 1</c> took the one X on task 1 for unit A, <c>expect X unit A</c> found nothing, although the
/// other order met both. This is a maximum bipartite matching (expectations taking up to their count of findings):
/// a greedy pass, then augmenting paths for each expectation still short of its count.
/// </summary>
internal static class ExpectationMatcher
{
    /// <summary>
    /// For each expectation, how many findings it was given (at most its count), and for each finding the index of
    /// the expectation it went to (-1: unexpected). Deterministic: the same inputs give the same pairs.
    /// </summary>
    public static (int[] Matched, int[] Owner) Match<TExpected, TActual>(
        IReadOnlyList<TExpected> expected, Func<TExpected, int> count, IReadOnlyList<TActual> actual, Func<TExpected, TActual, bool> matches)
    {
        var candidates = new List<int>[expected.Count];
        for (var e = 0; e < expected.Count; e++)
        {
            candidates[e] = [];
            if (count(expected[e]) <= 0) continue;
            for (var a = 0; a < actual.Count; a++)
            {
                if (matches(expected[e], actual[a])) candidates[e].Add(a);
            }
        }
        var owner = new int[actual.Count];
        Array.Fill(owner, -1);
        var matched = new int[expected.Count];
        for (var e = 0; e < expected.Count; e++)
        {
            foreach (var a in candidates[e])
            {
                if (matched[e] >= count(expected[e])) break;
                if (owner[a] >= 0) continue;
                owner[a] = e;
                matched[e]++;
            }
        }
        for (var e = 0; e < expected.Count; e++)
        {
            while (matched[e] < count(expected[e]) && Augment(e, candidates, owner)) matched[e]++;
        }
        return (matched, owner);
    }

    /// <summary>
    /// Finds a path from expectation <paramref name="start"/> to a free finding, alternating between findings and
    /// the expectations that hold them (breadth first, no recursion), and moves each finding on it one step back:
    /// <paramref name="start"/> gains one finding, every other expectation on the path keeps its number.
    /// </summary>
    private static bool Augment(int start, List<int>[] candidates, int[] owner)
    {
        var reachedFrom = new int[owner.Length];
        Array.Fill(reachedFrom, -1);
        var enteredBy = new Dictionary<int, int> { [start] = -1 };
        var queue = new Queue<int>();
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            var e = queue.Dequeue();
            foreach (var a in candidates[e])
            {
                if (owner[a] == e || reachedFrom[a] >= 0) continue;
                reachedFrom[a] = e;
                if (owner[a] < 0)
                {
                    // Walk back: each finding goes to the expectation that reached it.
                    var finding = a;
                    while (true)
                    {
                        var taker = reachedFrom[finding];
                        owner[finding] = taker;
                        if (taker == start) return true;
                        finding = enteredBy[taker];
                    }
                }
                if (enteredBy.TryAdd(owner[a], a)) queue.Enqueue(owner[a]);
            }
        }
        return false;
    }

    /// <summary>
    /// The finding ids a test can expect: the library's, every id the test's rule files declare (compiled or not: a
    /// rule's errors are then among the findings), the analyzers' and the ids found. Case-insensitive.
    /// </summary>
    public static HashSet<string> KnownIds(CheckResult result, IEnumerable<RuleSet> ruleSets, IEnumerable<PlanAnalyzer> analyzers)
    {
        var ids = DiagnosticCatalog.All.Select(d => d.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var set in ruleSets) foreach (var rule in set.Declared) ids.Add(rule.Id);
        foreach (var analyzer in analyzers) foreach (var d in analyzer.SupportedDiagnostics) ids.Add(d.Id);
        foreach (var d in result.Diagnostics) ids.Add(d.Id);
        return ids;
    }
}
