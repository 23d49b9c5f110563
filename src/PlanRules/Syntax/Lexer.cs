using System.Buffers;
using System.Globalization;
using System.Text;
using NodaTime;
using PlanRules.Diagnostics;
using PlanRules.Text;

namespace PlanRules.Syntax;

/// <summary>
/// Character-level rules shared by the three languages: trivia, identifiers, ids, strings, dates,
/// integers and punctuation (ASCII and Chinese input-method forms). Each scanner consumes a whole
/// token in one call; the grammars never see single characters.
/// </summary>
internal static class Lexer
{
    private static readonly SearchValues<char> StraightStringStops = SearchValues.Create("\"\\\n\r");
    private static readonly SearchValues<char> CurlyStringStops = SearchValues.Create("”\\\n\r");

    public static bool IsListSeparator(char c) => c is ',' or '、' or '，';

    public static bool IsStatementEnd(char c) => c is ';' or '；';

    public static bool IsColon(char c) => c is ':' or '：';

    public static bool IsOpenQuote(char c) => c is '"' or '“';

    /// <summary>Skips whitespace and comments; records comments; reports an unterminated block comment.</summary>
    public static int SkipTrivia(ParseContext context, int pos)
    {
        var text = context.Text;
        while (pos < text.Length)
        {
            var c = text[pos];
            if (context.SingleLine && (c == '\n' || c == '\r')) break;
            if (char.IsWhiteSpace(c) || c == '\uFEFF')
            {
                pos++;
                continue;
            }
            if (c != '/' || pos + 1 >= text.Length) break;
            var next = text[pos + 1];
            if (next == '/')
            {
                var end = pos + 2;
                while (end < text.Length && text[end] != '\n' && text[end] != '\r') end++;
                // Token parsers skip the same trivia more than once; only the first pass records it.
                if (!context.IsCommentRecorded(pos)) context.AddComment(new CommentSyntax(text[pos..end], false, TextSpan.FromBounds(pos, end)));
                pos = end;
            }
            else if (next == '*')
            {
                var close = text.IndexOf("*/", pos + 2, StringComparison.Ordinal);
                var end = close < 0 ? text.Length : close + 2;
                if (close < 0)
                {
                    context.Report(DiagnosticCatalog.SyntaxError, TextSpan.FromBounds(pos, pos + 2), "PR0001_UnterminatedComment");
                }
                if (!context.IsCommentRecorded(pos)) context.AddComment(new CommentSyntax(text[pos..end], true, TextSpan.FromBounds(pos, end)));
                pos = end;
            }
            else
            {
                break;
            }
        }
        return pos;
    }

    /// <summary>True when a Unicode letter (including supplementary-plane CJK) or '_' starts at <paramref name="pos"/>.</summary>
    public static bool IsIdentifierStart(string text, int pos, out int width)
    {
        width = 0;
        if (pos >= text.Length) return false;
        var c = text[pos];
        if (c == '_' || (c < 0x80 ? char.IsAsciiLetter(c) : char.IsLetter(c)))
        {
            width = 1;
            return true;
        }
        if (char.IsHighSurrogate(c) && Rune.TryGetRuneAt(text, pos, out var rune) && Rune.IsLetter(rune))
        {
            width = 2;
            return true;
        }
        return false;
    }

    private static bool IsIdentifierPart(string text, int pos, out int width)
    {
        if (IsIdentifierStart(text, pos, out width)) return true;
        if (pos < text.Length && char.IsDigit(text[pos]))
        {
            width = 1;
            return true;
        }
        if (pos < text.Length && char.IsHighSurrogate(text[pos]) && Rune.TryGetRuneAt(text, pos, out var rune) && Rune.IsDigit(rune))
        {
            width = 2;
            return true;
        }
        return false;
    }

    /// <summary>Scans an identifier; returns its end, or <paramref name="pos"/> when none starts there.</summary>
    public static int ScanIdentifier(string text, int pos)
    {
        if (!IsIdentifierStart(text, pos, out var width)) return pos;
        var end = pos + width;
        while (end < text.Length && IsIdentifierPart(text, end, out width)) end += width;
        return end;
    }

    /// <summary>Scans ASCII digits.</summary>
    public static int ScanDigits(string text, int pos)
    {
        while (pos < text.Length && char.IsAsciiDigit(text[pos])) pos++;
        return pos;
    }

    /// <summary>Scans digits with dots (<c>2.3</c>); a trailing dot is not part of the id.</summary>
    public static int ScanNumericId(string text, int pos)
    {
        var end = ScanDigits(text, pos);
        if (end == pos) return pos;
        while (end + 1 < text.Length && text[end] == '.' && char.IsAsciiDigit(text[end + 1]))
        {
            end = ScanDigits(text, end + 1);
        }
        return end;
    }

    /// <summary>Scans a word of ASCII letters and inner hyphens (<c>half-year</c>, <c>at-least</c>).</summary>
    public static int ScanHyphenWord(string text, int pos)
    {
        var end = pos;
        while (end < text.Length && (char.IsAsciiLetter(text[end]) || (text[end] == '-' && end > pos && end + 1 < text.Length && char.IsAsciiLetter(text[end + 1]))))
        {
            end++;
        }
        return end;
    }

    /// <summary>
    /// Scans a string literal starting at a quote. Reports an unterminated string (raw newline or end of
    /// input) and bad escapes; always returns a value so the caller can go on.
    /// </summary>
    public static bool TryScanString(ParseContext context, int pos, out string value, out int end)
    {
        var text = context.Text;
        value = "";
        end = pos;
        if (pos >= text.Length || !IsOpenQuote(text[pos])) return false;
        var close = text[pos] == '"' ? '"' : '”';

        // Fast path: no escape before the closing quote on this line, so the value is a plain substring.
        var body = text.AsSpan(pos + 1);
        var stop = body.IndexOfAny(close == '"' ? StraightStringStops : CurlyStringStops);
        if (stop >= 0 && body[stop] == close)
        {
            value = text.Substring(pos + 1, stop);
            end = pos + 2 + stop;
            return true;
        }

        var builder = new StringBuilder();
        var i = pos + 1;
        while (true)
        {
            if (i >= text.Length || text[i] == '\n' || text[i] == '\r')
            {
                context.Report(DiagnosticCatalog.SyntaxError, TextSpan.FromBounds(pos, i), "PR0001_UnterminatedString");
                break;
            }
            var c = text[i];
            if (c == close)
            {
                i++;
                break;
            }
            if (c == '\\')
            {
                if (i + 1 >= text.Length || text[i + 1] == '\n' || text[i + 1] == '\r')
                {
                    context.Report(DiagnosticCatalog.InvalidLiteral, TextSpan.FromBounds(i, i + 1), "PR0002_Escape", "\\");
                    i++;
                    continue;
                }
                var e = text[i + 1];
                switch (e)
                {
                    case '"': builder.Append('"'); break;
                    case '\\': builder.Append('\\'); break;
                    case 'n': builder.Append('\n'); break;
                    case 't': builder.Append('\t'); break;
                    case '”' or '“': builder.Append(e); break;
                    default:
                        context.Report(DiagnosticCatalog.InvalidLiteral, TextSpan.FromBounds(i, i + 2), "PR0002_Escape", "\\" + e);
                        builder.Append(e);
                        break;
                }
                i += 2;
                continue;
            }
            builder.Append(c);
            i++;
        }
        value = builder.ToString();
        end = i;
        return true;
    }

    /// <summary>
    /// Scans <c>2021-12-31</c> or <c>2021年12月31日</c>. Returns false when no date shape starts here;
    /// an impossible date is a <see cref="DateSyntax"/> with a null value and a PR0002 finding.
    /// </summary>
    public static bool TryScanDate(ParseContext context, int pos, out DateSyntax date)
    {
        var text = context.Text;
        date = null!;
        var yearEnd = ScanDigits(text, pos);
        if (yearEnd - pos != 4 || yearEnd >= text.Length) return false;
        var chinese = text[yearEnd] == '年';
        if (!chinese && text[yearEnd] != '-') return false;
        var monthStart = yearEnd + 1;
        var monthEnd = ScanDigits(text, monthStart);
        if (monthEnd - monthStart is < 1 or > 2 || monthEnd >= text.Length) return false;
        if (text[monthEnd] != (chinese ? '月' : '-')) return false;
        var dayStart = monthEnd + 1;
        var dayEnd = ScanDigits(text, dayStart);
        if (dayEnd - dayStart is < 1 or > 2) return false;
        var end = dayEnd;
        if (chinese)
        {
            if (end < text.Length && (text[end] == '日' || text[end] == '号')) end++;
            else return false;
        }
        // A date glued to letters or digits (2021-12-31x) is not a date token.
        if (end < text.Length && (char.IsAsciiDigit(text[end]) || char.IsAsciiLetter(text[end]))) return false;

        var span = TextSpan.FromBounds(pos, end);
        var literal = text[pos..end];
        var year = int.Parse(text.AsSpan(pos, 4), CultureInfo.InvariantCulture);
        var month = int.Parse(text.AsSpan(monthStart, monthEnd - monthStart), CultureInfo.InvariantCulture);
        var day = int.Parse(text.AsSpan(dayStart, dayEnd - dayStart), CultureInfo.InvariantCulture);
        LocalDate? value = null;
        if (year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= CalendarSystem.Iso.GetDaysInMonth(year, month))
        {
            value = new LocalDate(year, month, day);
        }
        else
        {
            context.Report(DiagnosticCatalog.InvalidLiteral, span, "PR0002_Date", literal);
        }
        date = new DateSyntax(value, literal, span);
        return true;
    }

    /// <summary>Describes the token at <paramref name="pos"/> for "found ..." in PR0001 messages.</summary>
    public static (TextSpan Span, object Description) DescribeToken(ParseContext context, int pos)
    {
        var text = context.Text;
        pos = SkipTrivia(context, pos);
        if (pos >= text.Length) return (new TextSpan(text.Length, 0), LocalizableString.FromResource("Token_EndOfInput"));
        if (text[pos] is '\n' or '\r') return (new TextSpan(pos, 0), LocalizableString.FromResource("Token_EndOfLine"));
        var end = ScanIdentifier(text, pos);
        if (end == pos) end = ScanNumericId(text, pos);
        if (end == pos && IsOpenQuote(text[pos]))
        {
            end = pos + 1;
            var close = text[pos] == '"' ? '"' : '”';
            while (end < text.Length && text[end] != close && text[end] != '\n' && text[end] != '\r') end++;
            if (end < text.Length && text[end] == close) end++;
        }
        if (end == pos) end = pos + (char.IsHighSurrogate(text[pos]) && pos + 1 < text.Length ? 2 : 1);
        var span = TextSpan.FromBounds(pos, end);
        var shown = text[pos..end];
        if (shown.Length > 40) shown = shown[..40] + "…";
        return (span, "'" + shown + "'");
    }
}
