namespace PlanRules.Analysis.Compliance;

/// <summary>Thresholds of as-of evaluation (configurable through <c>.planrules</c>).</summary>
public sealed record ComplianceOptions
{
    /// <summary>The defaults: 14 days for "due soon", 30 days for "at risk".</summary>
    public static ComplianceOptions Default { get; } = new();

    /// <summary>PR3006: an open obligation due within this many days is reported.</summary>
    public int DueSoonDays { get; init; } = 14;

    /// <summary>PR3004: a task whose dependency is undone within this many days of its due date is at risk.</summary>
    public int AtRiskDays { get; init; } = 30;
}
