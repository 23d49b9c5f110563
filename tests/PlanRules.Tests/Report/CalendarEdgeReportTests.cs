using NodaTime;
using PlanRules.Analysis.Compliance;
using PlanRules.Output.Html;
using PlanRules.Syntax;

namespace PlanRules.Tests.Report;

/// <summary>Plans that reach the last day NodaTime's calendar has (9999-12-31) are checked and reported, not an internal error.</summary>
public sealed class CalendarEdgeReportTests
{
    private static readonly LocalDate LastDay = new(9999, 12, 31);

    [Fact]
    public void The_last_periods_of_the_calendar_are_whole_and_a_week_past_it_is_not()
    {
        Assert.Equal([new LocalDate(9999, 1, 1)], PlanPeriod.WholePeriods(RecurrencePeriod.Year, new LocalDate(9998, 6, 1), LastDay).Select(p => p.Start));
        Assert.Equal(LastDay, PlanPeriod.WholePeriods(RecurrencePeriod.Quarter, new LocalDate(9999, 1, 1), LastDay).Last().End);
        Assert.Equal(LastDay, PlanPeriod.WholePeriods(RecurrencePeriod.Month, new LocalDate(9999, 12, 1), LastDay).Single().End);
        Assert.Empty(PlanPeriod.WholePeriods(RecurrencePeriod.Month, new LocalDate(9999, 12, 2), LastDay));
        // 9999-12-31 is a Friday: the last whole ISO week is 9999-12-20 .. 9999-12-26.
        Assert.Equal(new LocalDate(9999, 12, 26), PlanPeriod.WholePeriods(RecurrencePeriod.Week, new LocalDate(9999, 12, 1), LastDay).Last().End);
    }

    [Theory]
    [InlineData("period 9999-01-01 .. 9999-12-31", "every month", "2021-12-31")]
    [InlineData("period 0001-01-01 .. 9999-12-31", "every year", "2021-12-31")]
    [InlineData("period 2021-01-01 .. 9999-12-31", "every quarter", "9999-12-31")]
    public void A_plan_reaching_9999_12_31_is_reported(string period, string every, string asOf)
    {
        var plan = $"plan \"p\" {{ ref \"r\" issued 2021-01-01 {period} }}\nunit A \"A局\"\ntask 1 \"t\" {{ lead A {every} }}\ntask 2 \"u\" {{ lead A due 9999-12-31 }}\n";
        var date = NodaTime.Text.LocalDatePattern.Iso.Parse(asOf).Value;

        var result = ReportKit.Check(plan, "", date);

        Assert.EndsWith("</html>\n", HtmlReportWriter.Render(result, ReportKit.Zh));
        // Year gridlines are thinned (every 500 years over 0001-9999), so the axis stays readable.
        Assert.InRange(TimelineLayout.Compute(ReportModel.Build(result, ReportKit.Zh)).Ticks.Length, 1, TimelineLayout.MaxYearTicks + 1);
    }
}
