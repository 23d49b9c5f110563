using PlanRules.Text;

namespace PlanRules.Ledger;

/// <summary>
/// A ledger that is not valid UTF-8 is still read: each line holding an invalid byte sequence is a bad line
/// (PR0001 at the sequence, the line skipped) and every good line still counts.
/// </summary>
internal static class InvalidUtf8Lines
{
    /// <summary>Sequences reported one by one; the rest of a file's are summed up in one more finding.</summary>
    public const int MaxReported = 20;

    /// <summary>Reports the invalid sequences of <paramref name="source"/>; returns the (1-based) lines that hold one.</summary>
    public static HashSet<int> Report(SourceText source, Action<int, int, string, object?[]> report)
    {
        var lines = new HashSet<int>();
        var invalid = source.InvalidUtf8;
        for (var i = 0; i < invalid.Length; i++)
        {
            lines.Add(source.GetLinePosition(invalid[i].Position).Line);
            if (i < MaxReported) report(invalid[i].Position, 1, "PR0001_InvalidUtf8", [invalid[i].Display]);
        }
        if (invalid.Length > MaxReported)
        {
            report(invalid[MaxReported].Position, 1, "PR0001_InvalidUtf8More", [invalid.Length - MaxReported]);
        }
        return lines;
    }
}
