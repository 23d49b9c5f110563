using NodaTime;
using PlanRules.Output.Html;

namespace PlanRules.Tests.Report;

/// <summary>The SVG geometry, checked as numbers: rows, bars and markers inside the plan period, arrows, as-of line.</summary>
public class TimelineLayoutTests
{
    private static readonly ReportModel Model = ReportKit.Model();
    private static readonly TimelineLayout Layout = TimelineLayout.Compute(Model, chartWidth: 730);

    [Fact]
    public void XScale_PeriodStartAndEndAreTheChartEdges()
    {
        Assert.Equal(Layout.ChartLeft, Layout.X(new LocalDate(2021, 1, 1)));
        Assert.Equal(Layout.ChartRight, Layout.X(new LocalDate(2021, 12, 31)));
        Assert.Equal(730, Layout.ChartRight - Layout.ChartLeft);
        // 2021-07-02 is day 182 of 364 days from the first: the middle.
        Assert.Equal(Layout.ChartLeft + 365, Layout.X(new LocalDate(2021, 7, 2)));
        Assert.True(Layout.Width >= Layout.ChartRight + TimelineLayout.RightMargin);
    }

    [Fact]
    public void Rows_SectionHeadingsThenTheirTasks()
    {
        var rows = Layout.Rows.Select(r => r.Section is { } s ? "section " + s.Id : "task " + r.Task!.Id);

        Assert.Equal(["section 1", "task 1", "task 2", "section 2", "task 4", "section 2.1", "task 3"], rows);
        Assert.Equal(Layout.Rows.Select((_, i) => TimelineLayout.AxisHeight + i * TimelineLayout.RowHeight), Layout.Rows.Select(r => r.Y));
        Assert.Equal([0, 1, 1, 0, 1, 1, 2], Layout.Rows.Select(r => r.Depth));
        Assert.True(Layout.Height >= Layout.Rows[^1].Y + Layout.Rows[^1].Height);
    }

    [Fact]
    public void EveryBarMarkerAndPeriod_LiesInsideThePlanPeriodAndOnItsTasksRow()
    {
        Assert.NotEmpty(Layout.Bars);
        Assert.NotEmpty(Layout.Markers);
        Assert.NotEmpty(Layout.Periods);
        foreach (var bar in Layout.Bars)
        {
            Assert.InRange(bar.X1, Layout.ChartLeft, Layout.ChartRight);
            Assert.InRange(bar.X2, bar.X1, Layout.ChartRight);
            var row = Layout.RowOf(bar.TaskId)!;
            Assert.InRange(bar.Y, row.Y, row.Y + row.Height - bar.Height);
        }
        foreach (var marker in Layout.Markers)
        {
            Assert.InRange(marker.X, Layout.ChartLeft, Layout.ChartRight);
            Assert.Equal(Layout.RowOf(marker.TaskId)!.CenterY, marker.Y);
        }
        foreach (var period in Layout.Periods)
        {
            Assert.InRange(period.X1, Layout.ChartLeft, Layout.ChartRight);
            Assert.InRange(period.X2, period.X1, Layout.ChartRight);
        }
    }

    [Fact]
    public void Bars_FromStartOrPeriodStart_ToDue()
    {
        var bars = Layout.Bars.ToDictionary(b => b.TaskId);

        Assert.Equal((Layout.ChartLeft, Layout.X(new LocalDate(2021, 3, 31))), (bars["1"].X1, bars["1"].X2));
        Assert.Equal((Layout.X(new LocalDate(2021, 4, 1)), Layout.X(new LocalDate(2021, 6, 30))), (bars["2"].X1, bars["2"].X2));
        Assert.Equal(ReportStatus.Overdue, bars["2"].Status);
        Assert.False(bars["2"].Open);
        Assert.False(bars.ContainsKey("3")); // drawn per period
        var due = Assert.Single(Layout.Markers, m => m.TaskId == "2" && m.Kind == TimelineMarkerKind.Due);
        Assert.Equal(Layout.X(new LocalDate(2021, 6, 30)), due.X);
        var done = Assert.Single(Layout.Markers, m => m.Kind == TimelineMarkerKind.Completed);
        Assert.Equal(("1", Layout.X(new LocalDate(2021, 3, 20))), (done.TaskId, done.X));
    }

    [Fact]
    public void RecurringDuty_OneCellPerQuarter()
    {
        var periods = Layout.Periods.Where(p => p.TaskId == "3").ToList();

        Assert.Equal(4, periods.Count);
        Assert.Equal(Layout.ChartLeft, periods[0].X1);
        Assert.Equal(Layout.X(new LocalDate(2021, 3, 31)), periods[0].X2);
        Assert.Equal(Layout.X(new LocalDate(2021, 7, 1)), periods[2].X1);
        Assert.Equal(Layout.ChartRight, periods[3].X2);
        Assert.Equal([ReportStatus.Done, ReportStatus.Done, ReportStatus.Overdue, ReportStatus.Open], periods.Select(p => p.Period.Status));
    }

    [Fact]
    public void Arrows_StartAtTheDependencysRow_EndAtTheDependentsRow()
    {
        Assert.Equal([("1", "2"), ("2", "4")], Layout.Arrows.Select(a => (a.FromTaskId, a.ToTaskId)));
        foreach (var arrow in Layout.Arrows)
        {
            Assert.Equal(Layout.RowOf(arrow.FromTaskId)!.CenterY, arrow.Y1);
            Assert.Equal(Layout.RowOf(arrow.ToTaskId)!.CenterY, arrow.Y2);
        }
        var first = Layout.Arrows[0];
        Assert.Equal(Layout.X(new LocalDate(2021, 3, 31)), first.X1); // task 1's due date
        Assert.Equal(Layout.X(new LocalDate(2021, 6, 30)), first.X2); // task 2's due date
    }

    [Fact]
    public void AsOfLine_AtTheAsOfDate()
    {
        Assert.True(Layout.AsOfInRange);
        Assert.Equal(ReportKit.AsOf, Layout.AsOf);
        Assert.Equal(Layout.X(ReportKit.AsOf), Layout.AsOfX);
        Assert.Equal(Math.Round(Layout.ChartLeft + 287.0 / 364 * 730, 2), Layout.AsOfX);
    }

    [Fact]
    public void AsOfOutsideThePeriod_NotDrawn_AndDatesAreClamped()
    {
        var late = TimelineLayout.Compute(ReportModel.Build(ReportKit.Check(asOf: new LocalDate(2022, 3, 1)), ReportKit.Zh));

        Assert.False(late.AsOfInRange);
        Assert.Equal(late.ChartRight, late.AsOfX);
        Assert.Equal(late.ChartLeft, late.X(new LocalDate(2020, 6, 1)));
    }

    [Fact]
    public void Ticks_OnePerMonth()
    {
        Assert.Equal(Enumerable.Range(1, 12).Select(m => new LocalDate(2021, m, 1)), Layout.Ticks.Select(t => t.Date));
        Assert.Equal(Layout.ChartLeft, Layout.Ticks[0].X);
    }

    [Fact]
    public void DueOutsideThePeriod_IsClampedToTheEdge()
    {
        var plan = ReportKit.Plan.Replace("due 2021-12-15", "due 2022-03-01", StringComparison.Ordinal);
        var layout = TimelineLayout.Compute(ReportModel.Build(ReportKit.Check(plan), ReportKit.Zh));

        var due = Assert.Single(layout.Markers, m => m.TaskId == "4" && m.Kind == TimelineMarkerKind.Due);
        Assert.Equal(layout.ChartRight, due.X);
        Assert.Equal(layout.ChartRight, layout.Bars.Single(b => b.TaskId == "4").X2);
    }
}
