namespace PlanRules.Binding;

/// <summary>"Did you mean" by edit distance (Levenshtein over UTF-16 code units, case-insensitive for ASCII).</summary>
public static class NameSuggester
{
    /// <summary>
    /// The candidate closest to <paramref name="name"/> within a distance of about a third of its length
    /// (at least 1), ties broken by ordinal order so the answer is deterministic; null when none is close.
    /// </summary>
    public static string? Suggest(string name, IEnumerable<string> candidates)
    {
        // Short names get a little more room: "dew" should still find "due".
        var limit = name.Length >= 3 ? Math.Max(2, (name.Length + 2) / 3) : 1;
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            if (candidate == name) continue;
            if (Math.Abs(candidate.Length - name.Length) > limit) continue;
            var distance = Distance(name, candidate, limit);
            if (distance > limit) continue;
            if (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(candidate, best) < 0))
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /// <summary>Levenshtein distance, stopping early once it exceeds <paramref name="limit"/>.</summary>
    public static int Distance(string a, string b, int limit = int.MaxValue)
    {
        // Two rows of the matrix; on the stack for names of ordinary length (this runs once per candidate).
        Span<int> previous = b.Length < 128 ? stackalloc int[b.Length + 1] : new int[b.Length + 1];
        Span<int> current = b.Length < 128 ? stackalloc int[b.Length + 1] : new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.Min(rowMin, current[j]);
            }
            if (rowMin > limit) return rowMin;
            var swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.Length];
    }

    /// <summary>
    /// Suggestions for many unknown names against one large candidate set (task ids): each name is looked up
    /// once, and only the first <paramref name="maxDistinct"/> distinct names get a suggestion. Each lookup costs
    /// a pass over the candidates, so without the bound <i>m</i> unknown names among <i>n</i> candidates cost
    /// O(<i>n</i>·<i>m</i>); input naming thousands of unknown ids is not helped by more suggestions.
    /// </summary>
    public sealed class Bounded(Func<IEnumerable<string>> candidates, int maxDistinct = Bounded.DefaultMaxDistinct)
    {
        /// <summary>Distinct unknown names that get a suggestion by default.</summary>
        public const int DefaultMaxDistinct = 20;

        private readonly Dictionary<string, string?> _known = new(StringComparer.Ordinal);
        private string[]? _candidates;

        /// <summary>The suggestion for <paramref name="name"/> (remembered), or null beyond the bound.</summary>
        public string? For(string name)
        {
            if (_known.TryGetValue(name, out var suggestion)) return suggestion;
            if (_known.Count >= maxDistinct) return null;
            _candidates ??= [.. candidates()];
            return _known[name] = Suggest(name, _candidates);
        }
    }
}
