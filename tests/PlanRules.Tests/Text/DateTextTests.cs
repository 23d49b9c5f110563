using System.Globalization;
using NodaTime;
using PlanRules.Text;

namespace PlanRules.Tests.Text;

/// <summary>The hand-written ISO forms are exactly NodaTime's <c>uuuu-MM-dd</c> and <c>uuuu-MM</c> patterns.</summary>
public class DateTextTests
{
    public static TheoryData<int, int, int> Dates => new()
    {
        { 1, 1, 1 }, { 9, 2, 3 }, { 99, 12, 31 }, { 999, 6, 15 }, { 1000, 1, 1 }, { 2021, 3, 5 }, { 2021, 12, 31 },
        { 2024, 2, 29 }, { 9999, 12, 31 }, { 0, 1, 1 }, { -1, 7, 4 }, { -9998, 1, 1 },
    };

    [Theory]
    [MemberData(nameof(Dates))]
    public void Iso_matches_the_NodaTime_pattern(int year, int month, int day)
    {
        var date = new LocalDate(year, month, day);
        Assert.Equal(date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture), DateText.Iso(date));
        Assert.Equal(date.ToString("uuuu-MM", CultureInfo.InvariantCulture), DateText.IsoMonth(date));
    }

    [Fact]
    public void Iso_matches_the_NodaTime_pattern_for_every_day_of_a_leap_and_a_plain_year()
    {
        for (var date = new LocalDate(2023, 1, 1); date <= new LocalDate(2024, 12, 31); date = date.PlusDays(1))
        {
            Assert.Equal(date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture), DateText.Iso(date));
        }
    }

    [Fact]
    public void Iso_round_trips_through_TryParse()
    {
        var date = new LocalDate(2021, 9, 30);
        Assert.True(DateText.TryParse(DateText.Iso(date), out var parsed));
        Assert.Equal(date, parsed);
    }
}
