using System.Runtime.CompilerServices;
using NodaTime;

namespace PlanRules.Rules.Runtime;

/// <summary>
/// Date comparisons and differences for compiled rules. Every date a plan, a ledger or a rule literal holds is in the
/// ISO calendar; two ISO dates compare by year, month and day, and their difference is a difference of day numbers.
/// NodaTime's operators first check the calendars and then compare through calendar calls (about 40 ns per
/// comparison and 90 ns per difference on the benchmark machine, against a few ns here). Dates in any other
/// calendar (a host function may return one) go through NodaTime, with its results and its exceptions.
/// </summary>
internal static class IsoDates
{
    private static readonly CalendarSystem Iso = CalendarSystem.Iso;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool BothIso(LocalDate a, LocalDate b) => ReferenceEquals(a.Calendar, Iso) && ReferenceEquals(b.Calendar, Iso);

    /// <summary>Year, month and day in one increasing number (ISO years run from -9998 to 9999).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Key(LocalDate d) => d.Year * 512 + d.Month * 32 + d.Day;

    /// <summary><c>a &lt; b</c>.</summary>
    public static bool Less(LocalDate a, LocalDate b) => BothIso(a, b) ? Key(a) < Key(b) : a < b;

    /// <summary><c>a &lt;= b</c>.</summary>
    public static bool LessOrEqual(LocalDate a, LocalDate b) => BothIso(a, b) ? Key(a) <= Key(b) : a <= b;

    /// <summary><c>a &gt; b</c>.</summary>
    public static bool Greater(LocalDate a, LocalDate b) => BothIso(a, b) ? Key(a) > Key(b) : a > b;

    /// <summary><c>a &gt;= b</c>.</summary>
    public static bool GreaterOrEqual(LocalDate a, LocalDate b) => BothIso(a, b) ? Key(a) >= Key(b) : a >= b;

    /// <summary>Days from <paramref name="earlier"/> to <paramref name="later"/> (negative when it is later), as <see cref="Period.DaysBetween"/>.</summary>
    public static long DaysBetween(LocalDate later, LocalDate earlier) =>
        BothIso(later, earlier) ? DayNumber(later) - DayNumber(earlier) : Period.DaysBetween(earlier, later);

    /// <summary>
    /// Days since 0000-03-01 of the proleptic Gregorian calendar, for any ISO year: years counted from March (so the
    /// leap day ends a year), in 400-year eras of 146,097 days.
    /// </summary>
    private static long DayNumber(LocalDate date)
    {
        long year = date.Month <= 2 ? date.Year - 1 : date.Year;
        var era = (year >= 0 ? year : year - 399) / 400;
        var yearOfEra = year - era * 400;
        var month = date.Month;
        var dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + date.Day - 1;
        var dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra;
    }
}
