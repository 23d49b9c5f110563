using System.Collections.Immutable;
using System.Globalization;
using PlanRules.Diagnostics;
using PlanRules.Text;

namespace PlanRules.Configuration;

/// <summary>Parses <c>.planrules</c> files: <c>root = true</c>, <c>[glob]</c> sections, <c>key = value</c>, <c>#</c>/<c>;</c> comments.</summary>
public static class ConfigParser
{
    /// <summary>Parses one configuration file; <paramref name="directory"/> is the folder its globs are relative to.</summary>
    public static PlanRulesConfig Parse(SourceText source, string directory)
    {
        var diagnostics = new List<Diagnostic>();
        var sections = new List<ConfigSection>();
        var preamble = new List<ConfigEntry>();
        EditorConfigGlob? currentGlob = null;
        var current = new List<ConfigEntry>();
        var isRoot = false;
        // After a bad section header, entries belong to no section: they are checked, then ignored until the next
        // good header (as editorconfig ignores them), never added to the section before or to the preamble.
        var inBadSection = false;
        string? sectionPattern = null;
        var lineStarts = source.LineStarts;
        for (var line = 0; line < lineStarts.Count; line++)
        {
            var start = lineStarts[line];
            var end = line + 1 < lineStarts.Count ? lineStarts[line + 1] : source.Length;
            var raw = source.Text[start..end].TrimEnd('\r', '\n');
            var text = raw.Trim();
            var indent = raw.Length - raw.TrimStart().Length;
            if (text.Length == 0 || text[0] is '#' or ';') continue;
            var span = new TextSpan(start + indent, text.Length);
            if (text[0] == '[')
            {
                Flush();
                if (!text.EndsWith(']'))
                {
                    Report(diagnostics, DiagnosticCatalog.ConfigProblem, source, span, "PR0004_Header", text);
                    currentGlob = null;
                }
                else
                {
                    var pattern = text[1..^1];
                    sectionPattern = pattern;
                    currentGlob = EditorConfigGlob.TryCreate(pattern);
                    if (currentGlob is null) Report(diagnostics, DiagnosticCatalog.ConfigProblem, source, span, "PR0004_Glob", pattern);
                }
                inBadSection = currentGlob is null;
                continue;
            }
            var equals = text.IndexOfAny(['=', ':']);
            if (equals <= 0)
            {
                Report(diagnostics, DiagnosticCatalog.ConfigProblem, source, span, "PR0004_Line", text);
                continue;
            }
            var key = text[..equals].Trim().ToLowerInvariant();
            var value = StripComment(text[(equals + 1)..]).Trim();
            var entry = new ConfigEntry(key, value, Location.Create(source, span));
            if (currentGlob is null && !inBadSection && sections.Count == 0 && current.Count == 0 && key == "root")
            {
                isRoot = value.Equals("true", StringComparison.OrdinalIgnoreCase);
                continue;
            }
            if (!Validate(entry, source, span, diagnostics) || inBadSection) continue;
            // Thresholds are read from the plan file's configuration: in a section that names another kind of file
            // ([*.ledger]) they have no effect, which used to go unsaid.
            if (currentGlob is not null && key.StartsWith("planrules.", StringComparison.Ordinal) && OtherFilesOnly(sectionPattern!) is { } extension)
            {
                Report(diagnostics, DiagnosticCatalog.ConfigProblem, source, span, "PR0004_ThresholdSection", key, sectionPattern, extension);
            }
            if (currentGlob is null)
            {
                preamble.Add(entry);
            }
            else
            {
                current.Add(entry);
            }
        }
        Flush();
        return new PlanRulesConfig(directory, isRoot, [.. sections], [.. preamble], [.. diagnostics], source);

        void Flush()
        {
            if (currentGlob is not null) sections.Add(new ConfigSection(currentGlob, [.. current]));
            current = [];
        }
    }

    /// <summary>
    /// The extension a section's pattern names when it can only match files of one kind that is not a plan
    /// (<c>*.ledger</c>, <c>data/*.csv</c>: ".ledger", ".csv"); null when it may match a plan file.
    /// </summary>
    private static string? OtherFilesOnly(string pattern)
    {
        var name = pattern[(pattern.LastIndexOf('/') + 1)..];
        var dot = name.LastIndexOf('.');
        if (dot < 0) return null;
        var extension = name[dot..];
        return extension.AsSpan(1).ContainsAny("*?[]{},\\") || extension.Equals(".plan", StringComparison.OrdinalIgnoreCase) || extension.Length == 1
            ? null
            : extension;
    }

    private static string StripComment(string value)
    {
        // Inline comments start with " #" or " ;" (editorconfig allows them after a space).
        var index = value.IndexOf(" #", StringComparison.Ordinal);
        var semicolon = value.IndexOf(" ;", StringComparison.Ordinal);
        if (semicolon >= 0 && (index < 0 || semicolon < index)) index = semicolon;
        return index >= 0 ? value[..index] : value;
    }

    private static void Report(List<Diagnostic> diagnostics, DiagnosticDescriptor descriptor, SourceText source, TextSpan span, string key, params object?[] args) =>
        diagnostics.Add(Diagnostic.Create(descriptor, Location.Create(source, span), LocalizableString.FromResource(key, args),
            args.Select(a => LocalizableString.RenderArgument(a, null))));

    /// <summary>Checks a key and its value; reports PR0004 and returns false when either is unknown or bad.</summary>
    private static bool Validate(ConfigEntry entry, SourceText source, TextSpan span, List<Diagnostic> diagnostics)
    {
        const string diagnosticPrefix = "planrules_diagnostic.";
        const string severitySuffix = ".severity";
        if (entry.Key.StartsWith(diagnosticPrefix, StringComparison.Ordinal) && entry.Key.EndsWith(severitySuffix, StringComparison.Ordinal))
        {
            // Prefix and suffix overlap in "planrules_diagnostic.severity": no target at all.
            var target = entry.Key.Length > diagnosticPrefix.Length + severitySuffix.Length
                ? entry.Key[diagnosticPrefix.Length..^severitySuffix.Length]
                : "";
            if (target.Length == 0)
            {
                Report(diagnostics, DiagnosticCatalog.ConfigProblem, source, span, "PR0004_Message", entry.Key);
                return false;
            }
            if (SeverityValue(entry.Value) is null)
            {
                Report(diagnostics, DiagnosticCatalog.ConfigProblem, source, span, "PR0004_Value", entry.Key, entry.Value);
                return false;
            }
            return true;
        }
        if (entry.Key is "planrules.due_soon_days" or "planrules.at_risk_days")
        {
            if (!int.TryParse(entry.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days > 36_500)
            {
                Report(diagnostics, DiagnosticCatalog.ConfigProblem, source, span, "PR0004_Value", entry.Key, entry.Value);
                return false;
            }
            return true;
        }
        Report(diagnostics, DiagnosticCatalog.ConfigProblem, source, span, "PR0004_Message", entry.Key);
        return false;
    }

    /// <summary>A configured severity: a <see cref="DiagnosticSeverity"/>, or null for "none" (wrapped), or no value for bad text.</summary>
    internal static (bool Remove, DiagnosticSeverity Severity)? SeverityValue(string value)
    {
        var text = value.Trim().ToLowerInvariant();
        if (text == "none") return (true, DiagnosticSeverity.Hidden);
        return DiagnosticSeverityText.Parse(text) is { } severity ? (false, severity) : null;
    }
}
