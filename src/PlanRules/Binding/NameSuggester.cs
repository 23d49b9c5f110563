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
}
