using NodaTime;
using PlanRules.Syntax;

namespace PlanRules.Text;

/// <summary>Dates as the languages write them: <c>2021-12-31</c> or <c>2021年12月31日</c>.</summary>
public static class DateText
{
    /// <summary>Parses a whole text as a date; false for anything else, including impossible dates.</summary>
    public static bool TryParse(string text, out LocalDate date)
    {
        date = default;
        var trimmed = text.Trim();
        var context = new ParseContext(new SourceText(trimmed), ParseOptions.Default);
        if (!Lexer.TryScanDate(context, 0, out var syntax) || syntax.Span.End != trimmed.Length || syntax.Value is not { } value)
        {
            return false;
        }
        date = value;
        return true;
    }

    /// <summary>The ISO form, <c>2021-12-31</c>.</summary>
    /// <remarks>
    /// Years 1 to 9999 are written by hand, exactly as NodaTime's <c>uuuu-MM-dd</c> pattern writes them: building that
    /// pattern is one of the costliest steps of a short <c>planrules check</c> (it parses the pattern and JIT-compiles
    /// NodaTime's formatter). Other years go through the pattern.
    /// </remarks>
    public static string Iso(LocalDate date)
    {
        if (date.Year is < 1 or > 9999) return date.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return string.Create(10, date, static (chars, d) =>
        {
            Digits(chars[..4], d.Year);
            chars[4] = '-';
            Digits(chars.Slice(5, 2), d.Month);
            chars[7] = '-';
            Digits(chars.Slice(8, 2), d.Day);
        });
    }

    /// <summary>The ISO month, <c>2021-03</c> (NodaTime's <c>uuuu-MM</c>).</summary>
    public static string IsoMonth(LocalDate date) =>
        date.Year is < 1 or > 9999 ? date.ToString("uuuu-MM", System.Globalization.CultureInfo.InvariantCulture) : Iso(date)[..7];

    private static void Digits(Span<char> target, int value)
    {
        for (var i = target.Length - 1; i >= 0; i--, value /= 10) target[i] = (char)('0' + value % 10);
    }
}
