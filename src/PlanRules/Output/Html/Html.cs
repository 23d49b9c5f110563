using System.Globalization;
using System.Text;
using NodaTime;
using PlanRules.Diagnostics;
using PlanRules.Resources;
using PlanRules.Text;

namespace PlanRules.Output.Html;

/// <summary>Small helpers of the HTML writer: escaping, invariant numbers, labels from the resx catalogue.</summary>
internal static class Html
{
    /// <summary>
    /// Escapes text for element content and quoted attribute values (<c>&amp; &lt; &gt; " '</c>). Code points HTML
    /// forbids in a document are replaced, so that plan text cannot make the page invalid: a control character other
    /// than tab, line feed, form feed and carriage return (U+0001–U+001F, U+007F–U+009F) is written as the text report
    /// writes it, <c>\u0001</c>; NUL, a noncharacter (U+FDD0–U+FDEF, U+FFFE, U+FFFF and their kin in every plane) and a
    /// lone surrogate become U+FFFD.
    /// </summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var width = 1;
            string? replacement;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                width = 2;
                replacement = (char.ConvertToUtf32(c, text[i + 1]) & 0xFFFE) == 0xFFFE ? "\uFFFD" : null;
            }
            else
            {
                replacement = c switch
                {
                    '&' => "&amp;",
                    '<' => "&lt;",
                    '>' => "&gt;",
                    '"' => "&quot;",
                    '\'' => "&#39;",
                    '\0' => "\uFFFD",
                    '\t' or '\n' or '\f' or '\r' => null,
                    _ when char.IsControl(c) => TextReport.Escaped(c),
                    _ when char.IsSurrogate(c) || c is >= '\uFDD0' and <= '\uFDEF' or '\uFFFE' or '\uFFFF' => "\uFFFD",
                    _ => null,
                };
            }
            if (replacement is null)
            {
                builder?.Append(text, i, width);
            }
            else
            {
                builder ??= new StringBuilder(text, 0, i, text.Length + 16);
                builder.Append(replacement);
            }
            i += width - 1;
        }
        return builder?.ToString() ?? text;
    }

    /// <summary>A number with at most two decimals, invariant.</summary>
    public static string Num(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>An integer, invariant.</summary>
    public static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>ISO date, or an empty string.</summary>
    public static string Date(LocalDate? date) => date is { } d ? DateText.Iso(d) : "";

    /// <summary>The CSS class of a status.</summary>
    public static string Css(ReportStatus status) => status switch
    {
        ReportStatus.Done => "s-done",
        ReportStatus.DoneLate => "s-late",
        ReportStatus.Overdue => "s-overdue",
        ReportStatus.Waived => "s-waived",
        _ => "s-open",
    };

    /// <summary>Share-overdue band of a unit row: 0 none, 1 under 10 %, 2 under 25 %, 3 from 25 %.</summary>
    public static int Band(double share) => share <= 0 ? 0 : share < 0.10 ? 1 : share < 0.25 ? 2 : 3;

    /// <summary>Display width: East Asian wide characters count two.</summary>
    public static int Width(char c) =>
        c >= 0x1100 && (c <= 0x115F || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6)) ? 2 : 1;

    /// <summary>Cuts text to a display width, with an ellipsis when cut.</summary>
    public static string Truncate(string text, int width)
    {
        var used = 0;
        for (var i = 0; i < text.Length; i++)
        {
            used += Width(text[i]);
            if (used <= width) continue;
            var cut = Math.Max(0, i - 1);
            if (cut > 0 && char.IsLowSurrogate(text[cut])) cut--;
            return text[..cut] + "…";
        }
        return text;
    }
}

/// <summary>
/// Where the report is written: appends go straight to the target writer, so the page is streamed rather than held
/// whole in memory, with the fluent calls of a <see cref="StringBuilder"/>.
/// </summary>
internal sealed class HtmlSink(TextWriter target)
{
    public HtmlSink Append(string? text)
    {
        target.Write(text);
        return this;
    }

    public HtmlSink Append(char c)
    {
        target.Write(c);
        return this;
    }
}

/// <summary>The report's labels in one culture (keys <c>Report_*</c> and the unit table's <c>Units_*</c>).</summary>
internal sealed class ReportLabels(CultureInfo culture)
{
    public CultureInfo Culture { get; } = culture;

    public string this[string key] => Messages.Get(key.StartsWith("Units_", StringComparison.Ordinal) ? key : "Report_" + key, Culture);

    public string Format(string key, params object[] args) => string.Format(CultureInfo.InvariantCulture, this[key], args);

    public string Status(ReportStatus status) => this[status switch
    {
        ReportStatus.Done => "Units_Done",
        ReportStatus.DoneLate => "Units_DoneLate",
        ReportStatus.Overdue => "Units_Overdue",
        ReportStatus.Waived => "Units_Waived",
        _ => "Units_Open",
    }];

    public string Severity(DiagnosticSeverity severity) => this["Sev_" + severity.ToText()];

    public string Month(int month) => this["MonthNames"].Split(',') is { Length: 12 } names ? names[month - 1] : month.ToString(CultureInfo.InvariantCulture);

    public string Every(Binding.Recurrence recurrence) => Format("Every", this["Every_" + recurrence.Period], recurrence.AtLeast);
}
