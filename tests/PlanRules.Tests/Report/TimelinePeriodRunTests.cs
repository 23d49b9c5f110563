using NodaTime;
using PlanRules.Output.Html;

namespace PlanRules.Tests.Report;

/// <summary>A recurring task's row holds a bounded number of shapes however long its plan period.</summary>
public sealed class TimelinePeriodRunTests
{
    private const string Plan = """
        plan "p" { ref "r" issued 1900-01-01 period 1900-01-01 .. 2100-12-31 }
        unit A "A局"
        task 1 "每周" { lead A every week }
        """;

    [Fact]
    public void A_weekly_duty_over_two_centuries_is_drawn_in_runs_with_the_worst_status()
    {
        // 2021-06-16 and 2021-06-23 are in weeks 24 and 25 of 2021: met; every other week up to the as-of date is overdue.
        var result = ReportKit.Check(Plan, "2021-06-16 task 1 occurred\n2021-06-23 task 1 occurred\n", new LocalDate(2021, 12, 31));

        var task = ReportModel.Build(result, ReportKit.Zh).Sections.SelectMany(s => s.Tasks).Single();
        var html = HtmlReportWriter.Render(result, ReportKit.Zh);

        Assert.InRange(task.Periods.Length, ReportModel.MaxPeriodsPerTask / 2, ReportModel.MaxPeriodsPerTask);
        Assert.Equal(ReportStatus.Overdue, task.Status);
        Assert.Equal(new LocalDate(1900, 1, 1), task.Periods[0].Period.Start);
        Assert.Equal(new LocalDate(2100, 12, 26), task.Periods[^1].End);
        // Runs are contiguous, and a run with an overdue week is overdue; those after the as-of date are open.
        Assert.All(task.Periods.Zip(task.Periods.Skip(1)), pair => Assert.Equal(pair.First.End.PlusDays(1), pair.Second.Period.Start));
        Assert.Equal(ReportStatus.Overdue, task.Periods.Single(p => p.Period.Start <= new LocalDate(2021, 6, 16) && p.End >= new LocalDate(2021, 6, 23)).Status);
        Assert.Equal(ReportStatus.Open, task.Periods[^1].Status);
        Assert.Contains("<title>1900年第1周 – 1900年第", html);
        Assert.InRange(System.Text.RegularExpressions.Regex.Count(html, "<rect class=\"period "), 1, ReportModel.MaxPeriodsPerTask);
    }

    [Fact]
    public void A_duty_with_few_periods_is_drawn_one_shape_a_period()
    {
        var task = ReportKit.Model().Sections.SelectMany(s => s.Tasks).Single(t => t.Recurrence is not null);

        Assert.All(task.Periods, p => Assert.Null(p.Through));
        Assert.Equal(4, task.Periods.Length);
    }
}
