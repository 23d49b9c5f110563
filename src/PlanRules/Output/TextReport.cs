using System.Globalization;
using System.Text;
using PlanRules.Analysis;
using PlanRules.Diagnostics;
using PlanRules.Resources;

namespace PlanRules.Output;

/// <summary>The default text format: one line per finding, then a summary line.</summary>
public static class TextReport
{
    /// <summary>Formats one finding as <c>path(line,col): severity ID: message</c>.</summary>
    public static string FormatFinding(Diagnostic diagnostic, CultureInfo culture)
    {
        var location = diagnostic.Location.IsNone ? "planrules" : $"{diagnostic.Location.Path}({diagnostic.Location.Line},{diagnostic.Location.Column})";
        return $"{location}: {diagnostic.Severity.ToText()} {diagnostic.Id}: {diagnostic.GetMessage(culture)}";
    }

    /// <summary>The summary line, e.g. <c>3 errors, 12 warnings, 4 info</c>.</summary>
    public static string FormatSummary(FindingSummary summary, CultureInfo culture) =>
        string.Format(CultureInfo.InvariantCulture, Messages.Get("Summary", culture), summary.Errors, summary.Warnings, summary.Infos);

    /// <summary>Writes the whole report. Hidden findings, and suppressed ones unless asked, are left out.</summary>
    public static void Write(TextWriter writer, CheckResult result, CultureInfo culture, bool showSuppressed = false, bool explain = false)
    {
        var builder = new StringBuilder();
        foreach (var diagnostic in result.Diagnostics)
        {
            if (diagnostic.Severity == DiagnosticSeverity.Hidden) continue;
            if (diagnostic.IsSuppressed && !showSuppressed) continue;
            builder.Append(FormatFinding(diagnostic, culture));
            if (diagnostic.IsSuppressed) builder.Append(" [suppressed: ").Append(diagnostic.Justification).Append(']');
            builder.Append('\n');
            if (explain)
            {
                foreach (var (key, value) in diagnostic.Properties) builder.Append("    ").Append(key).Append(" = ").Append(value).Append('\n');
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
