namespace PlanRules.Rules.Runtime;

/// <summary>Statuses as rules see them (<c>open</c>, <c>started</c>, <c>done</c>, <c>waived</c>); progress counts as started.</summary>
public enum RuleStatus
{
    /// <summary>Nothing recorded.</summary>
    Open,
    /// <summary>Started or in progress.</summary>
    Started,
    /// <summary>Done.</summary>
    Done,
    /// <summary>Waived.</summary>
    Waived,
}

/// <summary>Text forms of <see cref="RuleStatus"/>.</summary>
internal static class RuleStatusText
{
    public static RuleStatus Parse(string word) => word switch
    {
        "started" => RuleStatus.Started,
        "done" => RuleStatus.Done,
        "waived" => RuleStatus.Waived,
        _ => RuleStatus.Open,
    };

    public static string ToText(RuleStatus status) => status.ToString().ToLowerInvariant();
}
