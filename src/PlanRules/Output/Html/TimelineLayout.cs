using System.Collections.Immutable;
using NodaTime;

namespace PlanRules.Output.Html;

/// <summary>A row of the timeline: a section heading or a task.</summary>
public sealed record TimelineRow(int Index, double Y, double Height, int Depth, ReportSection? Section, ReportTask? Task)
{
    /// <summary>The row's vertical middle.</summary>
    public double CenterY => Y + Height / 2;
}

/// <summary>A task's span: from its start (or the period's start) to its due date (or the period's end); <see cref="Open"/> when it has no due date.</summary>
public sealed record TimelineBar(string TaskId, double X1, double X2, double Y, double Height, ReportStatus Status, bool Open);

/// <summary>What a marker shows.</summary>
public enum TimelineMarkerKind
{
    /// <summary>A due date (diamond).</summary>
    Due,
    /// <summary>The date the task's last obligation was done (circle).</summary>
    Completed,
}

/// <summary>A point marker on a task's row.</summary>
public sealed record TimelineMarker(string TaskId, TimelineMarkerKind Kind, double X, double Y, ReportStatus Status, LocalDate Date);

/// <summary>One period of a recurring duty on its task's row.</summary>
public sealed record TimelinePeriod(string TaskId, double X1, double X2, double Y, double Height, ReportPeriod Period);

/// <summary>An arrow from a dependency's due point (on its row) to the dependent's due point (on its row).</summary>
public sealed record TimelineArrow(string FromTaskId, string ToTaskId, double X1, double Y1, double X2, double Y2);

/// <summary>A gridline of the date axis.</summary>
public sealed record TimelineTick(double X, LocalDate Date);

/// <summary>
/// The geometry of the timeline, computed from a <see cref="ReportModel"/> (no SVG here): x grows with the date
/// across the plan period, one row per section heading and per task, markers, recurring periods, dependency arrows
/// and the as-of line. Dates outside the period are clamped to its edges so nothing is drawn outside it.
/// </summary>
public sealed class TimelineLayout
{
    /// <summary>Width of the label column.</summary>
    public const double LabelWidth = 300;
    /// <summary>Height of the date axis above the rows.</summary>
    public const double AxisHeight = 28;
    /// <summary>Height of one row.</summary>
    public const double RowHeight = 20;
    /// <summary>Room right of the chart for arrows that bend outwards.</summary>
    public const double RightMargin = 36;

    private TimelineLayout(ReportModel model, double chartWidth)
    {
        RangeStart = model.RangeStart;
        RangeEnd = model.RangeEnd;
        ChartLeft = LabelWidth + 10;
        ChartRight = ChartLeft + chartWidth;
        Width = ChartRight + RightMargin;
    }

    /// <summary>The first day drawn (x = <see cref="ChartLeft"/>).</summary>
    public LocalDate RangeStart { get; }
    /// <summary>The last day drawn (x = <see cref="ChartRight"/>).</summary>
    public LocalDate RangeEnd { get; }
    /// <summary>The x of <see cref="RangeStart"/>.</summary>
    public double ChartLeft { get; }
    /// <summary>The x of <see cref="RangeEnd"/>.</summary>
    public double ChartRight { get; }
    /// <summary>The SVG width.</summary>
    public double Width { get; }
    /// <summary>The SVG height.</summary>
    public double Height { get; private set; }
    /// <summary>Rows, top to bottom.</summary>
    public ImmutableArray<TimelineRow> Rows { get; private set; } = [];
    /// <summary>Task bars (tasks that are not drawn per period).</summary>
    public ImmutableArray<TimelineBar> Bars { get; private set; } = [];
    /// <summary>Due and completion markers.</summary>
    public ImmutableArray<TimelineMarker> Markers { get; private set; } = [];
    /// <summary>Recurring periods.</summary>
    public ImmutableArray<TimelinePeriod> Periods { get; private set; } = [];
    /// <summary>Dependency arrows.</summary>
    public ImmutableArray<TimelineArrow> Arrows { get; private set; } = [];
    /// <summary>Axis gridlines: month starts, or year starts for ranges over three years.</summary>
    public ImmutableArray<TimelineTick> Ticks { get; private set; } = [];
    /// <summary>The as-of date.</summary>
    public LocalDate AsOf { get; private set; }
    /// <summary>The x of the as-of line (clamped to the chart).</summary>
    public double AsOfX { get; private set; }
    /// <summary>False when the as-of date lies outside the range (the line is then not drawn).</summary>
    public bool AsOfInRange { get; private set; }

    /// <summary>The x of a date, clamped to [<see cref="ChartLeft"/>, <see cref="ChartRight"/>].</summary>
    public double X(LocalDate date)
    {
        var span = Period.Between(RangeStart, RangeEnd, PeriodUnits.Days).Days;
        var days = Period.Between(RangeStart, date, PeriodUnits.Days).Days;
        var fraction = span <= 0 ? 0 : Math.Clamp((double)days / span, 0, 1);
        return Round(ChartLeft + fraction * (ChartRight - ChartLeft));
    }

    /// <summary>The row of a task, or null.</summary>
    public TimelineRow? RowOf(string taskId) => Rows.FirstOrDefault(r => r.Task?.Id == taskId);

    /// <summary>Lays out the model's timeline with a chart <paramref name="chartWidth"/> wide.</summary>
    public static TimelineLayout Compute(ReportModel model, double chartWidth = 760)
    {
        ArgumentNullException.ThrowIfNull(model);
        var layout = new TimelineLayout(model, chartWidth);
        var rows = ImmutableArray.CreateBuilder<TimelineRow>();
        var bars = ImmutableArray.CreateBuilder<TimelineBar>();
        var markers = ImmutableArray.CreateBuilder<TimelineMarker>();
        var periods = ImmutableArray.CreateBuilder<TimelinePeriod>();
        var y = AxisHeight;
        foreach (var section in model.Sections)
        {
            if (section.Id is not null || section.Tasks.Length > 0)
            {
                rows.Add(new TimelineRow(rows.Count, y, RowHeight, section.Depth, section, null));
                y += RowHeight;
            }
            foreach (var task in section.Tasks)
            {
                var row = new TimelineRow(rows.Count, y, RowHeight, section.Depth + 1, null, task);
                rows.Add(row);
                y += RowHeight;
                layout.PlaceTask(row, task, bars, markers, periods);
            }
        }
        layout.Rows = rows.ToImmutable();
        layout.Bars = bars.ToImmutable();
        layout.Markers = markers.ToImmutable();
        layout.Periods = periods.ToImmutable();
        layout.Arrows = layout.ArrowsOf(model);
        layout.Ticks = layout.TicksOf();
        layout.AsOf = model.AsOf;
        layout.AsOfInRange = model.AsOf >= model.RangeStart && model.AsOf <= model.RangeEnd;
        layout.AsOfX = layout.X(model.AsOf);
        layout.Height = y + 8;
        return layout;
    }

    private void PlaceTask(TimelineRow row, ReportTask task, ImmutableArray<TimelineBar>.Builder bars,
        ImmutableArray<TimelineMarker>.Builder markers, ImmutableArray<TimelinePeriod>.Builder periods)
    {
        if (task.Periods.IsEmpty)
        {
            var from = task.Start ?? RangeStart;
            var to = task.Due ?? RangeEnd;
            if (to < from) (from, to) = (to, from);
            bars.Add(new TimelineBar(task.Id, X(from), X(to), Round(row.CenterY - 4), 8, task.Status, task.Due is null));
        }
        foreach (var p in task.Periods)
        {
            periods.Add(new TimelinePeriod(task.Id, X(p.Period.Start), X(p.End), Round(row.CenterY - 5), 10, p));
        }
        if (task.Due is { } due) markers.Add(new TimelineMarker(task.Id, TimelineMarkerKind.Due, X(due), row.CenterY, task.Status, due));
        if (task.CompletedOn is { } done) markers.Add(new TimelineMarker(task.Id, TimelineMarkerKind.Completed, X(done), row.CenterY, task.Status, done));
    }

    /// <summary>The point an arrow leaves from or arrives at: the due marker, else the end of the bar or last period.</summary>
    private double EndX(ReportTask task) => task.Due is { } due ? X(due) : X(task.Periods.IsEmpty ? RangeEnd : task.Periods[^1].End);

    private ImmutableArray<TimelineArrow> ArrowsOf(ReportModel model)
    {
        var byId = new Dictionary<string, (ReportTask Task, TimelineRow Row)>(StringComparer.Ordinal);
        foreach (var row in Rows)
        {
            if (row.Task is { } task) byId.TryAdd(task.Id, (task, row));
        }
        var arrows = ImmutableArray.CreateBuilder<TimelineArrow>();
        foreach (var task in model.Tasks)
        {
            var to = byId[task.Id];
            if (!ReferenceEquals(to.Task, task)) continue;
            foreach (var dependency in task.DependencyIds)
            {
                if (!byId.TryGetValue(dependency, out var from)) continue;
                arrows.Add(new TimelineArrow(dependency, task.Id, EndX(from.Task), from.Row.CenterY, EndX(task), to.Row.CenterY));
            }
        }
        return arrows.ToImmutable();
    }

    /// <summary>At most this many year gridlines: a longer range gets one every 2, 5, 10, 20, 50 … years.</summary>
    internal const int MaxYearTicks = 24;

    private ImmutableArray<TimelineTick> TicksOf()
    {
        var ticks = ImmutableArray.CreateBuilder<TimelineTick>();
        var yearly = Period.Between(RangeStart, RangeEnd, PeriodUnits.Days).Days > 3 * 366;
        var step = yearly ? YearStep(RangeEnd.Year - RangeStart.Year) : 1;
        // Year ticks on multiples of the step; month ticks on month starts. Never past the calendar's last day (9999-12-31).
        LocalDate? date = yearly
            ? new LocalDate(RangeStart.Year - RangeStart.Year % step + (RangeStart.Year % step == 0 ? 0 : step), 1, 1)
            : new LocalDate(RangeStart.Year, RangeStart.Month, 1);
        if (date < RangeStart) date = Next(date.Value, yearly, step);
        for (; date is { } d && d <= RangeEnd; date = Next(d, yearly, step)) ticks.Add(new TimelineTick(X(d), d));
        return ticks.ToImmutable();
    }

    /// <summary>1, 2, 5, 10, 20, 50 … years: the smallest that draws at most <see cref="MaxYearTicks"/> lines over <paramref name="years"/>.</summary>
    private static int YearStep(int years)
    {
        for (var magnitude = 1; ; magnitude *= 10)
        {
            foreach (var step in new[] { magnitude, 2 * magnitude, 5 * magnitude })
            {
                if (years / step < MaxYearTicks) return step;
            }
        }
    }

    /// <summary>The next tick after <paramref name="date"/>, or null past the last date NodaTime's ISO calendar has.</summary>
    private static LocalDate? Next(LocalDate date, bool yearly, int step) =>
        yearly
            ? (date.Year + step > CalendarSystem.Iso.MaxYear ? null : date.PlusYears(step))
            : (date.Year == CalendarSystem.Iso.MaxYear && date.Month == 12 ? null : date.PlusMonths(1));

    /// <summary>Two decimals, so the SVG text is short and the same on every machine.</summary>
    internal static double Round(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
