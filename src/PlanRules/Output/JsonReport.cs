using System.Globalization;
using System.Text.Json;
using PlanRules.Analysis;
using PlanRules.Diagnostics;

namespace PlanRules.Output;

/// <summary>The JSON format of FINDINGS.md: byte-identical for identical input.</summary>
public static class JsonReport
{
    /// <summary>The tool version printed in reports.</summary>
    public static string ToolVersion => "1.0.0";

    /// <summary>Renders the report. Hidden findings are not printed.</summary>
    public static string Render(CheckResult result, CultureInfo culture, Action<Utf8JsonWriter>? extra = null)
    {
        var text = new StringWriter { NewLine = "\n" };
        Write(text, result, culture, extra);
        return text.ToString();
    }

    /// <summary>Writes the report to <paramref name="target"/> as it is produced (what <see cref="Render"/> returns).</summary>
    public static void Write(TextWriter target, CheckResult result, CultureInfo culture, Action<Utf8JsonWriter>? extra = null) => JsonOutput.Write(target, writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartObject("tool");
        writer.WriteString("name", "planrules");
        writer.WriteString("version", ToolVersion);
        writer.WriteEndObject();
        writer.WriteString("asOf", JsonOutput.Iso(result.AsOf));
        writer.WriteStartObject("plan");
        writer.WriteString("title", result.Plan.Plan.Title);
        writer.WriteStringOrNull("ref", result.Plan.Plan.Ref);
        writer.WriteNumber("tasks", result.Plan.Tasks.Length);
        writer.WriteNumber("units", result.Plan.Units.Length);
        writer.WriteNumber("obligations", result.Plan.Obligations.Length);
        writer.WriteEndObject();
        writer.WriteStartArray("findings");
        foreach (var diagnostic in result.Diagnostics)
        {
            // Hidden findings stay in the API and are not printed (FINDINGS.md).
            if (diagnostic.Severity != DiagnosticSeverity.Hidden) WriteFinding(writer, diagnostic, culture);
            writer.FlushSometimes();
        }
        writer.WriteEndArray();
        writer.WriteStartObject("summary");
        writer.WriteNumber("error", result.Summary.Errors);
        writer.WriteNumber("warning", result.Summary.Warnings);
        writer.WriteNumber("info", result.Summary.Infos);
        writer.WriteEndObject();
        UnitTable.WriteJson(writer, result.Compliance);
        extra?.Invoke(writer);
        writer.WriteEndObject();
    });

    /// <summary>Writes one finding object.</summary>
    public static void WriteFinding(Utf8JsonWriter writer, Diagnostic diagnostic, CultureInfo culture)
    {
        writer.WriteStartObject();
        writer.WriteString("id", diagnostic.Id);
        writer.WriteString("severity", diagnostic.Severity.ToText());
        writer.WriteString("category", diagnostic.Descriptor.Category);
        writer.WriteString("message", diagnostic.GetMessage(culture));
        var location = diagnostic.Location;
        writer.WriteStringOrNull("path", location.IsNone ? null : location.Path);
        writer.WriteNumber("line", location.LineSpan.Start.Line);
        writer.WriteNumber("column", location.LineSpan.Start.Column);
        writer.WriteNumber("endLine", location.LineSpan.End.Line);
        writer.WriteNumber("endColumn", location.LineSpan.End.Column);
        writer.WriteStringOrNull("taskId", diagnostic.TaskId);
        writer.WriteStringOrNull("unit", diagnostic.Unit);
        writer.WriteStartObject("properties");
        foreach (var (key, value) in diagnostic.Properties) writer.WriteString(key, value);
        writer.WriteEndObject();
        if (!diagnostic.AdditionalLocations.IsEmpty)
        {
            writer.WriteStartArray("relatedLocations");
            foreach (var related in diagnostic.AdditionalLocations)
            {
                writer.WriteStartObject();
                writer.WriteString("path", related.Path);
                writer.WriteNumber("line", related.Line);
                writer.WriteNumber("column", related.Column);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteBoolean("suppressed", diagnostic.IsSuppressed);
        writer.WriteStringOrNull("justification", diagnostic.Justification);
        writer.WriteString("fingerprint", diagnostic.Fingerprint);
        writer.WriteEndObject();
    }
}
