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
    public static string Iso(LocalDate date) => date.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
