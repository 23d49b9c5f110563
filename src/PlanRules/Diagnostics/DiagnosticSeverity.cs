namespace PlanRules.Diagnostics;

/// <summary>How serious a finding is. <see cref="Hidden"/> findings stay in the API and are not printed.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Kept in the API, never printed.</summary>
    Hidden = 0,
    /// <summary>Information.</summary>
    Info = 1,
    /// <summary>A warning; does not fail a check.</summary>
    Warning = 2,
    /// <summary>An error; makes <c>planrules check</c> exit with 1.</summary>
    Error = 3,
}

/// <summary>Text forms of severities as the contract spells them.</summary>
public static class DiagnosticSeverityText
{
    /// <summary>"error", "warning", "info" or "hidden".</summary>
    public static string ToText(this DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "info",
        _ => "hidden",
    };

    /// <summary>Parses "error", "warning", "info"/"suggestion", "hidden"/"silent"; null when unknown.</summary>
    public static DiagnosticSeverity? Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "error" => DiagnosticSeverity.Error,
        "warning" or "warn" => DiagnosticSeverity.Warning,
        "info" or "suggestion" => DiagnosticSeverity.Info,
        "hidden" or "silent" => DiagnosticSeverity.Hidden,
        _ => null,
    };
}
