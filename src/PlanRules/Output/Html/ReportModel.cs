using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using PlanRules.Analysis;
using PlanRules.Analysis.Compliance;
using PlanRules.Binding;
using PlanRules.Diagnostics;

namespace PlanRules.Output.Html;

/// <summary>The status a report colours: one of five, for an obligation, a task or a recurring period.</summary>
public enum ReportStatus
{
    /// <summary>Done on time (or without a due date).</summary>
    Done,
    /// <summary>Done after the due date.</summary>
    DoneLate,
    /// <summary>Due date passed, not done or waived (for a period: fewer occurrences than required).</summary>
    Overdue,
    /// <summary>Not done yet, not overdue.</summary>
    Open,
    /// <summary>Waived.</summary>
    Waived,
}

/// <summary>Counts in the report header: findings by severity (not suppressed) and obligations by status.</summary>
public sealed record ReportCounts(
    int Errors, int Warnings, int Infos, int Suppressed,
    int Obligations, int Done, int DoneLate, int Overdue, int Waived, int Open);

/// <summary>One obligation (task × unit) as the report lists it.</summary>
public sealed record ReportObligation(
    string TaskId, string TaskTitle, string Unit, ReportStatus Status, ObligationStatus LedgerStatus,
    LocalDate? Due, LocalDate? CompletedOn, int DaysOverdue, int DaysLate, int? Percent);

/// <summary>
/// One row of the per-unit table, with the key used by links and the filter (<c>u0</c>, <c>u1</c>, …), and the
/// obligations listed for it (at most <see cref="HtmlReportOptions.MaxObligationsPerUnit"/> of the
/// <see cref="UnitCompliance.Obligations"/> it has).
/// </summary>
public sealed record ReportUnit(string Key, string Name, string? Title, UnitCompliance Compliance, ImmutableArray<ReportObligation> Obligations);

/// <summary>
/// One period of a recurring duty, with whether every owing unit met it; or, when a row has more periods than the
/// timeline can draw apart (<see cref="ReportModel.MaxPeriodsPerTask"/>), a run of consecutive periods from
/// <see cref="Period"/> through <see cref="Through"/>, with the worst status among them.
/// </summary>
public sealed record ReportPeriod(PlanPeriod Period, ReportStatus Status)
{
    /// <summary>The last period of the run this one stands for (null: just <see cref="Period"/>).</summary>
    public PlanPeriod? Through { get; init; }

    /// <summary>The last day the shape covers.</summary>
    public LocalDate End => (Through ?? Period).End;
}

/// <summary>One task as the timeline draws it.</summary>
public sealed record ReportTask(
    string Id, string Title, LocalDate? Start, LocalDate? Due, LocalDate? CompletedOn, Recurrence? Recurrence,
    ReportStatus Status, ImmutableArray<string> DependencyIds, ImmutableArray<ReportPeriod> Periods, int Line);

/// <summary>A section with the tasks directly inside it; <see cref="Id"/> is null for tasks outside every section.</summary>
public sealed record ReportSection(string? Id, string Title, int Depth, ImmutableArray<ReportTask> Tasks);

/// <summary>One finding: id, severity, message, where it points (and that plan line's text, when known).</summary>
public sealed record ReportFinding(
    string Id, DiagnosticSeverity Severity, string Message, string? Path, int Line, int Column,
    string? TaskId, string? Unit, string? SourceLine, ImmutableArray<string> UnitKeys);

/// <summary>Findings about one unit (<see cref="Key"/> = its unit key) or one task (<see cref="Key"/> = the task id); null key: the rest.</summary>
public sealed record ReportFindingGroup(string? Key, string? Label, ImmutableArray<ReportFinding> Findings);

/// <summary>
/// Everything the HTML report shows, computed from a <see cref="CheckResult"/> without any HTML: header facts, counts,
/// the unit table (worst first), sections with tasks, and findings grouped by unit and by task.
/// </summary>
public sealed class ReportModel
{
    /// <summary>
    /// Most shapes a recurring task's row holds: the chart is 760 px wide and a period at least 2 px, so more could
    /// not be told apart; beyond it consecutive periods are drawn as runs (a weekly duty over a century was 5,000
    /// shapes, over 0001–9999 half a million and a 64 MB page).
    /// </summary>
    public const int MaxPeriodsPerTask = 380;

    /// <summary>The plan's title.</summary>
    public required string Title { get; init; }
    /// <summary>The document number.</summary>
    public string? Ref { get; init; }
    /// <summary>The issue date.</summary>
    public LocalDate? Issued { get; init; }
    /// <summary>The as-of date of the check.</summary>
    public LocalDate AsOf { get; init; }
    /// <summary>First day the timeline shows: the plan period's start, or (without one) the earliest date known.</summary>
    public LocalDate RangeStart { get; init; }
    /// <summary>Last day the timeline shows: the plan period's end, or (without one) the latest date known.</summary>
    public LocalDate RangeEnd { get; init; }
    /// <summary>True when the range is the declared plan period.</summary>
    public bool HasDeclaredPeriod { get; init; }
    /// <summary>How many tasks the plan has.</summary>
    public int TaskCount { get; init; }
    /// <summary>Header counts.</summary>
    public required ReportCounts Counts { get; init; }
    /// <summary>The per-unit table, worst first (as <see cref="ComplianceResult.Units"/>), at most <see cref="HtmlReportOptions.MaxUnits"/> units.</summary>
    public ImmutableArray<ReportUnit> Units { get; init; } = [];
    /// <summary>How many units owe something: the rows of the table when none is cut.</summary>
    public int UnitTotal { get; init; }
    /// <summary>
    /// Sections in declaration order (tasks outside every section first), each with its tasks in plan order, up to the
    /// timeline's limit (<see cref="HtmlReportOptions.MaxTimelineTasks"/>): the timeline is cut there.
    /// </summary>
    public ImmutableArray<ReportSection> Sections { get; init; } = [];
    /// <summary>How many sections the plan declares (<see cref="Sections"/> may draw fewer).</summary>
    public int SectionTotal { get; init; }
    /// <summary>
    /// The findings listed (neither hidden nor suppressed), in the check's order: all of them, or the most severe
    /// <see cref="HtmlReportOptions.MaxFindings"/>.
    /// </summary>
    public ImmutableArray<ReportFinding> Findings { get; init; } = [];
    /// <summary>How many findings are neither hidden nor suppressed (<see cref="Findings"/> may list fewer).</summary>
    public int FindingTotal { get; init; }
    /// <summary>Findings by unit: units in table order, then other units by name, then findings about no unit.</summary>
    public ImmutableArray<ReportFindingGroup> FindingsByUnit { get; init; } = [];
    /// <summary>Findings by task: tasks in plan order, then findings about no task of the plan.</summary>
    public ImmutableArray<ReportFindingGroup> FindingsByTask { get; init; } = [];
    /// <summary>The unit keys of the filter, with the unit names, in table order then by name.</summary>
    public ImmutableArray<KeyValuePair<string, string>> UnitKeys { get; init; } = [];

    /// <summary>All tasks, in timeline order (section by section).</summary>
    public IEnumerable<ReportTask> Tasks => Sections.SelectMany(s => s.Tasks);

    /// <summary>How many obligations are listed, unit by unit (<see cref="ReportCounts.Obligations"/> is how many there are).</summary>
    public int ObligationsListed => Units.Sum(u => u.Obligations.Length);

    /// <summary>How many tasks the timeline draws (<see cref="TaskCount"/> is how many there are).</summary>
    public int TimelineTasks => Sections.Sum(s => s.Tasks.Length);

    /// <summary>How many declared sections the timeline draws (<see cref="SectionTotal"/> is how many there are).</summary>
    public int TimelineSections => Sections.Count(s => s.Id is not null);

    /// <summary>Builds the model with the default limits; messages are rendered in <paramref name="culture"/>.</summary>
    public static ReportModel Build(CheckResult result, CultureInfo culture) => ReportModelBuilder.Build(result, culture, HtmlReportOptions.Default);

    /// <summary>Builds the model within <paramref name="options"/>' limits; messages are rendered in <paramref name="culture"/>.</summary>
    public static ReportModel Build(CheckResult result, CultureInfo culture, HtmlReportOptions options) => ReportModelBuilder.Build(result, culture, options);
}
