namespace PlanRules.Output.Html;

/// <summary>
/// Limits that keep the HTML report a page a browser can open, and its memory bounded, whatever the size of the
/// plan: past a limit a list is cut and the page says so. The header counts stay the true totals. The defaults are
/// far above a real plan (the bundled example has 36 findings, 41 units, 708 obligations — at most 38 for one unit —
/// and 50 tasks) and keep a page of a plan with a million obligations to a few megabytes.
/// </summary>
public sealed record HtmlReportOptions
{
    /// <summary>The default limits.</summary>
    public static HtmlReportOptions Default { get; } = new();

    /// <summary>Every limit set to <paramref name="maxItems"/> (<c>planrules report --max-items</c>).</summary>
    public static HtmlReportOptions WithMaxItems(int maxItems) => new()
    {
        MaxFindings = maxItems,
        MaxUnits = maxItems,
        MaxObligations = maxItems,
        MaxObligationsPerUnit = maxItems,
        MaxTimelineTasks = maxItems,
    };

    /// <summary>
    /// Most findings listed (each is listed by unit and by task). Kept: the most severe first (errors, then warnings,
    /// then infos), in the check's order within a severity; they are listed in the check's order.
    /// </summary>
    public int MaxFindings { get; init => field = NotNegative(value); } = 5_000;

    /// <summary>Most units in the per-unit table and in the obligations part: the worst first, as the table orders them.</summary>
    public int MaxUnits { get; init => field = NotNegative(value); } = 500;

    /// <summary>Most obligations listed in all (units in table order share them).</summary>
    public int MaxObligations { get; init => field = NotNegative(value); } = 10_000;

    /// <summary>
    /// Most obligations listed for one unit. Kept: overdue first, then open, done late, done and waived, in plan order
    /// within a status; they are listed in plan order.
    /// </summary>
    public int MaxObligationsPerUnit { get; init => field = NotNegative(value); } = 500;

    /// <summary>
    /// Most tasks the timeline draws, and most section headings: the first in timeline order (section by section); the
    /// timeline stops at the first task or heading past the limit.
    /// </summary>
    public int MaxTimelineTasks { get; init => field = NotNegative(value); } = 2_000;

    private static int NotNegative(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return value;
    }
}
