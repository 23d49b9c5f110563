using System.Collections.Immutable;
using System.Text;
using PlanRules.Text;

namespace PlanRules.Testing;

/// <summary>A marked span: <c>[|…|]</c> (no key), <c>{|PR1001:…|}</c> (an id) or <c>{|#0:…|}</c> (a location index).</summary>
public sealed record MarkupSpan(string? Id, int? LocationIndex, TextSpan Span);

/// <summary>
/// Markup inside plan text, as in Microsoft.CodeAnalysis.Testing: <c>[|…|]</c> marks the single expected finding,
/// <c>{|PR1001:区财正局|}</c> a finding with that id on that span, <c>{|#0:…|}</c> a location an expectation
/// refers to with <c>WithLocation(0)</c>. Markers may nest.
/// </summary>
public static class PlanMarkup
{
    /// <summary>Strips the markers; returns the plain text and the marked spans (positions in the plain text).</summary>
    public static (string Text, ImmutableArray<MarkupSpan> Spans) Parse(string markup)
    {
        ArgumentNullException.ThrowIfNull(markup);
        var text = new StringBuilder(markup.Length);
        var spans = ImmutableArray.CreateBuilder<MarkupSpan>();
        var open = new Stack<(string? Id, int? Index, int Start, bool Bracket, int MarkupPosition)>();
        var i = 0;
        while (i < markup.Length)
        {
            if (At(markup, i, "[|"))
            {
                open.Push((null, null, text.Length, true, i));
                i += 2;
            }
            else if (At(markup, i, "|]"))
            {
                if (open.Count == 0 || !open.Peek().Bracket) throw new FormatException($"markup: '|]' at {Where(markup, i)} closes nothing");
                var (_, _, start, _, _) = open.Pop();
                spans.Add(new MarkupSpan(null, null, TextSpan.FromBounds(start, text.Length)));
                i += 2;
            }
            else if (At(markup, i, "{|"))
            {
                var colon = markup.IndexOf(':', i + 2);
                if (colon < 0) throw new FormatException($"markup: '{{|' at {Where(markup, i)} has no ':'");
                var key = markup[(i + 2)..colon];
                // An id or #n: a ':' further on (in a later line, a time) is not this marker's.
                if (key.Length == 0 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '#')) throw new FormatException($"markup: '{{|' at {Where(markup, i)} is not followed by an id or #n and ':'");
                if (key.StartsWith('#'))
                {
                    if (!int.TryParse(key.AsSpan(1), out var index)) throw new FormatException($"markup: bad location index '{key}' at {Where(markup, i)}");
                    open.Push((null, index, text.Length, false, i));
                }
                else
                {
                    open.Push((key, null, text.Length, false, i));
                }
                i = colon + 1;
            }
            else if (At(markup, i, "|}"))
            {
                if (open.Count == 0 || open.Peek().Bracket) throw new FormatException($"markup: '|}}' at {Where(markup, i)} closes nothing");
                var (id, index, start, _, _) = open.Pop();
                spans.Add(new MarkupSpan(id, index, TextSpan.FromBounds(start, text.Length)));
                i += 2;
            }
            else
            {
                text.Append(markup[i]);
                i++;
            }
        }
        if (open.Count > 0) throw new FormatException($"markup: marker opened at {Where(markup, open.Peek().MarkupPosition)} is never closed");
        return (text.ToString(), spans.ToImmutable());
    }

    /// <summary>A position in the markup as the test's author sees it: 1-based line and column (UTF-16 code units).</summary>
    private static string Where(string markup, int position)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < position; i++)
        {
            if (markup[i] == '\n') (line, lineStart) = (line + 1, i + 1);
        }
        return $"line {line}, column {position - lineStart + 1}";
    }

    private static bool At(string text, int i, string token) => string.CompareOrdinal(text, i, token, 0, token.Length) == 0;
}
