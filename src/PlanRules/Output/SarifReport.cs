using System.Globalization;
using System.Text.Json;
using PlanRules.Analysis;
using PlanRules.Diagnostics;
using PlanRules.Text;

namespace PlanRules.Output;

/// <summary>SARIF 2.1.0 as GitHub code scanning accepts it: rules with descriptions and help, results with a 1-based region, fingerprints and suppressions.</summary>
public static class SarifReport
{
    /// <summary>The SARIF level of a severity.</summary>
    public static string Level(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "note",
        _ => "none",
    };

    /// <summary>Renders the run. Hidden findings are not printed.</summary>
    public static string Render(CheckResult result, CultureInfo culture) => Render(result, culture, SarifOptions.Default);

    /// <summary>Renders the run with <paramref name="options"/>. Hidden findings are not printed.</summary>
    public static string Render(CheckResult result, CultureInfo culture, SarifOptions options)
    {
        var text = new StringWriter { NewLine = "\n" };
        Write(text, result, culture, options);
        return text.ToString();
    }

    /// <summary>Writes the run to <paramref name="target"/> as it is produced (what <see cref="Render(CheckResult, CultureInfo)"/> returns).</summary>
    public static void Write(TextWriter target, CheckResult result, CultureInfo culture) => Write(target, result, culture, SarifOptions.Default);

    /// <summary>Writes the run to <paramref name="target"/> as it is produced, with <paramref name="options"/>.</summary>
    public static void Write(TextWriter target, CheckResult result, CultureInfo culture, SarifOptions options) => JsonOutput.Write(target, writer =>
    {
        ArgumentNullException.ThrowIfNull(options);
        var visible = result.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Hidden).ToList();
        var runLocation = RunLocation(result);
        var descriptors = visible.Select(d => d.Descriptor).DistinctBy(d => d.Id).OrderBy(d => d.Id, StringComparer.Ordinal).ToList();
        var index = descriptors.Select((d, i) => (d.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        writer.WriteStartObject();
        writer.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        writer.WriteString("version", "2.1.0");
        writer.WriteStartArray("runs");
        writer.WriteStartObject();

        writer.WriteStartObject("tool");
        writer.WriteStartObject("driver");
        writer.WriteString("name", "planrules");
        writer.WriteString("version", JsonReport.ToolVersion);
        writer.WriteString("semanticVersion", JsonReport.ToolVersion);
        writer.WriteStartArray("rules");
        foreach (var descriptor in descriptors) WriteRule(writer, descriptor, culture, options);
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();

        writer.WriteString("columnKind", "utf16CodeUnits");
        writer.WriteStartArray("results");
        foreach (var diagnostic in visible)
        {
            WriteResult(writer, diagnostic, index[diagnostic.Id], culture, runLocation);
            writer.FlushSometimes();
        }
        writer.WriteEndArray();

        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    private static void WriteRule(Utf8JsonWriter writer, DiagnosticDescriptor descriptor, CultureInfo culture, SarifOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("id", descriptor.Id);
        writer.WriteStartObject("shortDescription");
        writer.WriteString("text", descriptor.Title.ToString(culture));
        writer.WriteEndObject();
        writer.WriteStartObject("fullDescription");
        writer.WriteString("text", descriptor.Description.ToString(culture));
        writer.WriteEndObject();
        writer.WriteStartObject("help");
        var help = descriptor.Description.ToString(culture) + (descriptor.HelpLinkUri is null ? "" : " " + descriptor.HelpLinkUri);
        writer.WriteString("text", help);
        writer.WriteEndObject();
        if (options.HelpUri(descriptor) is { } link) writer.WriteString("helpUri", link);
        writer.WriteStartObject("defaultConfiguration");
        writer.WriteString("level", Level(descriptor.DefaultSeverity));
        writer.WriteBoolean("enabled", descriptor.IsEnabledByDefault);
        writer.WriteEndObject();
        writer.WriteStartObject("properties");
        writer.WriteString("category", descriptor.Category);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>
    /// Where findings about the whole run (PR9001, ...) point: the start of the first plan file, because GitHub
    /// code scanning drops a result that has no location.
    /// </summary>
    private static Location RunLocation(CheckResult result)
    {
        var file = result.Plan.Files.FirstOrDefault(f => f.Source.Path.Length > 0);
        return file is null ? Location.None : Location.Create(file.Source, new TextSpan(0, 0));
    }

    /// <summary>The base every artifact uri is relative to: the current folder of the run.</summary>
    public const string SourceRoot = "%SRCROOT%";

    private static string ToUri(string path) => string.Join('/', path.Replace('\\', '/').Split('/').Select(System.Uri.EscapeDataString));

    private static void WriteLocation(Utf8JsonWriter writer, Location location, int? id = null)
    {
        writer.WriteStartObject();
        if (id is { } value) writer.WriteNumber("id", value);
        writer.WriteStartObject("physicalLocation");
        writer.WriteStartObject("artifactLocation");
        writer.WriteString("uri", ToUri(location.Path));
        // Paths are relative to the folder the check ran in, which CI runs from the checkout's root (SARIF 3.4.4:
        // a relative uri SHOULD name its base; GitHub code scanning, like CodeQL's output, uses %SRCROOT%).
        writer.WriteString("uriBaseId", SourceRoot);
        writer.WriteEndObject();
        writer.WriteStartObject("region");
        writer.WriteNumber("startLine", Math.Max(1, location.LineSpan.Start.Line));
        writer.WriteNumber("startColumn", Math.Max(1, location.LineSpan.Start.Column));
        writer.WriteNumber("endLine", Math.Max(1, location.LineSpan.End.Line));
        writer.WriteNumber("endColumn", Math.Max(1, location.LineSpan.End.Column));
        writer.WriteNumber("charOffset", location.SourceSpan.Start);
        writer.WriteNumber("charLength", location.SourceSpan.Length);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter writer, Diagnostic diagnostic, int ruleIndex, CultureInfo culture, Location runLocation)
    {
        writer.WriteStartObject();
        writer.WriteString("ruleId", diagnostic.Id);
        writer.WriteNumber("ruleIndex", ruleIndex);
        writer.WriteString("level", Level(diagnostic.Severity));
        writer.WriteStartObject("message");
        writer.WriteString("text", diagnostic.GetMessage(culture));
        writer.WriteEndObject();
        writer.WriteStartArray("locations");
        var location = diagnostic.Location.IsNone ? runLocation : diagnostic.Location;
        if (!location.IsNone) WriteLocation(writer, location);
        writer.WriteEndArray();
        if (!diagnostic.AdditionalLocations.IsEmpty)
        {
            writer.WriteStartArray("relatedLocations");
            var id = 0;
            foreach (var related in diagnostic.AdditionalLocations.Where(l => !l.IsNone)) WriteLocation(writer, related, id++);
            writer.WriteEndArray();
        }
        writer.WriteStartObject("partialFingerprints");
        writer.WriteString("planrules/v1", diagnostic.Fingerprint);
        writer.WriteEndObject();
        if (diagnostic.IsSuppressed)
        {
            writer.WriteStartArray("suppressions");
            writer.WriteStartObject();
            writer.WriteString("kind", diagnostic.Suppression == SuppressionKind.InSource ? "inSource" : "external");
            if (diagnostic.Justification is { } justification) writer.WriteString("justification", justification);
            writer.WriteEndObject();
            writer.WriteEndArray();
        }
        writer.WriteStartObject("properties");
        writer.WriteString("category", diagnostic.Descriptor.Category);
        if (diagnostic.TaskId is { } task) writer.WriteString("taskId", task);
        if (diagnostic.Unit is { } unit) writer.WriteString("unit", unit);
        foreach (var (key, value) in diagnostic.Properties) writer.WriteString(PropertyName(key, diagnostic), value);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>
    /// The name a finding's own property takes in SARIF's one property bag: its key, unless PlanRules writes that
    /// name there already (<c>category</c>, <c>taskId</c>, <c>unit</c>: a host analyzer may use them), then
    /// <c>finding.</c> before it, as often as needed. A bag with a name twice is not valid JSON for most readers.
    /// </summary>
    private static string PropertyName(string key, Diagnostic diagnostic)
    {
        bool Taken(string name) => name == "category" || (name == "taskId" && diagnostic.TaskId is not null)
            || (name == "unit" && diagnostic.Unit is not null) || (name != key && diagnostic.Properties.ContainsKey(name));
        var candidate = key;
        while (Taken(candidate)) candidate = "finding." + candidate;
        return candidate;
    }
}
