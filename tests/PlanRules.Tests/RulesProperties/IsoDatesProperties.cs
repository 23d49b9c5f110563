using FsCheck;
using FsCheck.Xunit;
using NodaTime;
using PlanRules.Rules.Runtime;

namespace PlanRules.Tests.RulesProperties;

/// <summary>The compiled rules' date comparisons and differences agree with NodaTime's, in and out of the ISO calendar.</summary>
public class IsoDatesProperties
{
    private static readonly LocalDate Min = new(-9998, 1, 1);
    private static readonly int Span = Period.DaysBetween(Min, new LocalDate(9999, 12, 31));

    private static LocalDate Date(int seed, int near)
    {
        // Half the dates anywhere in the ISO range, half close to another (same month, same day, leap days, year ends).
        var anywhere = Min.PlusDays((int)((uint)seed % (uint)(Span + 1)));
        return near % 2 == 0 ? anywhere : new LocalDate(2020, 2, 29).PlusDays(seed % 800);
    }

    private static object Outcome<T>(Func<T> f)
    {
        try
        {
            return f()!;
        }
        catch (Exception e)
        {
            return e.GetType();
        }
    }

    [Property(MaxTest = 2000)]
    public bool Iso_dates_compare_and_subtract_as_NodaTime_does(int x, int y, int near)
    {
        var a = Date(x, near);
        var b = Date(y, near >> 1);
        return IsoDates.Less(a, b) == (a < b) && IsoDates.LessOrEqual(a, b) == (a <= b)
            && IsoDates.Greater(a, b) == (a > b) && IsoDates.GreaterOrEqual(a, b) == (a >= b)
            && IsoDates.DaysBetween(a, b) == Period.DaysBetween(b, a);
    }

    [Property(MaxTest = 300)]
    public bool Other_calendars_go_through_NodaTime_with_its_exceptions(int x, int y, bool mixed)
    {
        var a = new LocalDate(2021, 1, 1).PlusDays(x % 5000).WithCalendar(CalendarSystem.Julian);
        var b = new LocalDate(2021, 1, 1).PlusDays(y % 5000);
        if (!mixed) b = b.WithCalendar(CalendarSystem.Julian);
        return Outcome(() => IsoDates.Less(a, b)).Equals(Outcome(() => a < b))
            && Outcome(() => IsoDates.GreaterOrEqual(b, a)).Equals(Outcome(() => b >= a))
            && Outcome(() => IsoDates.DaysBetween(a, b)).Equals(Outcome(() => (long)Period.DaysBetween(b, a)));
    }

    [Fact]
    public void The_ends_of_the_range_and_the_leap_days()
    {
        var max = new LocalDate(9999, 12, 31);
        Assert.Equal(Period.DaysBetween(Min, max), IsoDates.DaysBetween(max, Min));
        Assert.Equal(1, IsoDates.DaysBetween(new LocalDate(2000, 3, 1), new LocalDate(2000, 2, 29)));
        Assert.Equal(1, IsoDates.DaysBetween(new LocalDate(1900, 3, 1), new LocalDate(1900, 2, 28)));
        Assert.Equal(366, IsoDates.DaysBetween(new LocalDate(0, 12, 31), new LocalDate(-1, 12, 31)));
        Assert.True(IsoDates.Less(new LocalDate(-1, 12, 31), new LocalDate(0, 1, 1)));
    }
}
