using System.Buffers;

namespace PlanRules.Rules.Runtime;

/// <summary>
/// <c>matches(text, "定期|每年|每月")</c> for a pattern of literal alternatives written in a rule: true when the text
/// contains one of them, which is exactly what a regular expression of literal alternatives matches (ordinal, UTF-16
/// code units; <see cref="BuiltinFunctions.IsLiteralAlternation"/> admits no character with a meaning in patterns).
/// A vectorised search for the alternatives' first characters, then a comparison at each candidate: on plan titles
/// about five times faster than the regular expression interpreter, which a Native AOT build uses too.
/// </summary>
internal sealed class LiteralAlternatives
{
    /// <summary>
    /// Longer patterns stay with the regular expression engine and its time limit: the work per candidate is at most
    /// the pattern's length, so this bounds a hostile title (five million copies of a first character) to well under
    /// a second.
    /// </summary>
    internal const int MaxPatternLength = 256;

    private readonly string[] _alternatives;
    private readonly SearchValues<char> _first;

    private LiteralAlternatives(string[] alternatives)
    {
        _alternatives = alternatives;
        _first = SearchValues.Create([.. alternatives.Select(a => a[0]).Distinct()]);
    }

    /// <summary>The search for <paramref name="pattern"/>, or null when it is not a short pattern of literal alternatives.</summary>
    internal static LiteralAlternatives? TryCreate(string pattern) =>
        pattern.Length <= MaxPatternLength && BuiltinFunctions.IsLiteralAlternation(pattern)
            ? new LiteralAlternatives(pattern.Split('|'))
            : null;

    /// <summary>True when <paramref name="text"/> contains one of the alternatives (false for none).</summary>
    internal bool IsMatch(string? text)
    {
        if (text is null) return false;
        var rest = text.AsSpan();
        while (true)
        {
            var at = rest.IndexOfAny(_first);
            if (at < 0) return false;
            rest = rest[at..];
            foreach (var alternative in _alternatives)
            {
                if (alternative[0] == rest[0] && rest.StartsWith(alternative, StringComparison.Ordinal)) return true;
            }
            rest = rest[1..];
        }
    }
}
