using System.Globalization;
using System.Text;
using PlanRules.Analysis;
using PlanRules.Diagnostics;
using PlanRules.Resources;

namespace PlanRules.Output;

/// <summary>The default text format: one line per finding, then a summary line.</summary>
public static class TextReport
{
    /// <summary>
    /// Formats one finding as <c>path(line,col): severity ID: message</c>, on one line: line breaks and other control
    /// characters in the path or message are written as escapes (<see cref="OneLine"/>).
    /// </summary>
    public static string FormatFinding(Diagnostic diagnostic, CultureInfo culture)
    {
        var location = diagnostic.Location.IsNone ? "planrules" : $"{OneLine(diagnostic.Location.Path)}({diagnostic.Location.Line},{diagnostic.Location.Column})";
        return $"{location}: {diagnostic.Severity.ToText()} {diagnostic.Id}: {OneLine(diagnostic.GetMessage(culture))}";
    }

    /// <summary>
    /// The text with every control character (U+0000–U+001F, U+007F–U+009F) and the line and paragraph separators
    /// U+2028/U+2029 written as an escape — <c>\n</c>, <c>\r</c>, <c>\t</c>, else <c>\uXXXX</c> — so that it stays
    /// on one line. Other characters, the backslash included, are kept: this is for display; JSON and SARIF carry the
    /// exact text.
    /// </summary>
    public static string OneLine(string text)
    {
        var first = text.AsSpan().IndexOfAny(LineBreaking);
        if (first < 0) return text;
        var builder = new StringBuilder(text.Length + 8).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (char.IsControl(c) || c is '\u2028' or '\u2029') builder.Append(Escaped(c));
                    else builder.Append(c);
                    break;
            }
        }
        return builder.ToString();
    }

    /// <summary>A character shown by its code: <c>\u0001</c> (also how the HTML report shows control characters).</summary>
    internal static string Escaped(char c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture);

    private static readonly System.Buffers.SearchValues<char> LineBreaking = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(i => (char)i), .. Enumerable.Range(0x7F, 0x21).Select(i => (char)i), '\u2028', '\u2029']);

    /// <summary>The summary line, e.g. <c>3 errors, 12 warnings, 4 info</c>.</summary>
    public static string FormatSummary(FindingSummary summary, CultureInfo culture) =>
        string.Format(CultureInfo.InvariantCulture, Messages.Get("Summary", culture),
            Counted(summary.Errors, "Summary_Error", culture), Counted(summary.Warnings, "Summary_Warning", culture), Counted(summary.Infos, "Summary_Info", culture));

    /// <summary>"1 error", "2 errors" (the English resource has a singular and a plural; Chinese one form).</summary>
    private static string Counted(int count, string key, CultureInfo culture) =>
        string.Format(CultureInfo.InvariantCulture, Messages.Get(count == 1 ? key + "_One" : key + "_Other", culture), count);

    /// <summary>Writes the whole report. Hidden findings, and suppressed ones unless asked, are left out.</summary>
    public static void Write(TextWriter writer, CheckResult result, CultureInfo culture, bool showSuppressed = false, bool explain = false)
    {
        var builder = new StringBuilder();
        foreach (var diagnostic in result.Diagnostics)
        {
            if (diagnostic.Severity == DiagnosticSeverity.Hidden) continue;
            if (diagnostic.IsSuppressed && !showSuppressed) continue;
            builder.Append(FormatFinding(diagnostic, culture));
            if (diagnostic.IsSuppressed) builder.Append(' ').Append(string.Format(CultureInfo.InvariantCulture, Messages.Get("Text_Suppressed", culture), OneLine(diagnostic.Justification ?? "")));
            builder.Append('\n');
            if (explain)
            {
                foreach (var (key, value) in diagnostic.Properties) builder.Append("    ").Append(OneLine(key)).Append(" = ").Append(OneLine(value)).Append('\n');
            }
        }
        builder.Append(FormatSummary(result.Summary, culture)).Append('\n');
        if (result.RecordCount > 0 || !result.Compliance.States.IsEmpty && result.Compliance.Units.Any(u => u.Overdue + u.Done + u.Waived > 0))
        {
            builder.Append('\n').Append(UnitTable.Format(result.Compliance, result.AsOf, culture));
        }
        writer.Write(builder.ToString());
    }
}
