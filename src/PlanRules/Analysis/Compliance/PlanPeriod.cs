using System.Globalization;
using NodaTime;
using NodaTime.Calendars;
using PlanRules.Diagnostics;
using PlanRules.Syntax;

namespace PlanRules.Analysis.Compliance;

/// <summary>One whole calendar period (year, half-year, quarter, month or ISO week) with its name in both languages.</summary>
public sealed record PlanPeriod(RecurrencePeriod Kind, LocalDate Start, LocalDate End)
{
    /// <summary>"2021年第3季度" / "2021 Q3", "2021年上半年" / "2021 H1", "2021年3月" / "2021-03", "2021年第5周" / "2021-W05", "2021年" / "2021".</summary>
    public LocalizableString Name => LocalizableString.FromTexts(new Dictionary<string, string>
    {
        ["zh-CN"] = Kind switch
        {
            RecurrencePeriod.Year => $"{Start.Year}年",
            RecurrencePeriod.HalfYear => $"{Start.Year}年{(Start.Month <= 6 ? "上" : "下")}半年",
            RecurrencePeriod.Quarter => $"{Start.Year}年第{(Start.Month - 1) / 3 + 1}季度",
            RecurrencePeriod.Month => $"{Start.Year}年{Start.Month}月",
            _ => $"{WeekYearRules.Iso.GetWeekYear(Start)}年第{WeekYearRules.Iso.GetWeekOfWeekYear(Start)}周",
        },
        ["en"] = Kind switch
        {
            RecurrencePeriod.Year => Start.Year.ToString(CultureInfo.InvariantCulture),
            RecurrencePeriod.HalfYear => $"{Start.Year} H{(Start.Month <= 6 ? 1 : 2)}",
            RecurrencePeriod.Quarter => $"{Start.Year} Q{(Start.Month - 1) / 3 + 1}",
            RecurrencePeriod.Month => PlanRules.Text.DateText.IsoMonth(Start),
            _ => $"{WeekYearRules.Iso.GetWeekYear(Start)}-W{WeekYearRules.Iso.GetWeekOfWeekYear(Start):00}",
        },
    });

    /// <summary>True when <paramref name="date"/> falls in the period.</summary>
    public bool Contains(LocalDate date) => date >= Start && date <= End;

    /// <summary>
    /// The whole periods of a kind that lie inside [<paramref name="from"/>, <paramref name="to"/>], in order.
    /// A period that only partly overlaps (a plan issued mid-quarter) is not whole and is left out.
    /// </summary>
    public static IEnumerable<PlanPeriod> WholePeriods(RecurrencePeriod kind, LocalDate from, LocalDate to)
    {
        if (to < from || FirstStartOnOrAfter(kind, from) is not { } start) yield break;
        while (true)
        {
            // The last period of the calendar (year 9999, its last quarter …) ends on its last day; a week that would run
            // past it is not whole. Computing the next start there overflowed.
            var next = NextStart(kind, start);
            LocalDate end;
            if (next is { } n) end = n.PlusDays(-1);
            else if (kind != RecurrencePeriod.Week) end = LastDay;
            else yield break;
            if (end > to) yield break;
            yield return new PlanPeriod(kind, start, end);
            if (next is null) yield break;
            start = next.Value;
        }
    }

    /// <summary>The last day of NodaTime's ISO calendar (9999-12-31).</summary>
    private static readonly LocalDate LastDay = new(CalendarSystem.Iso.MaxYear, 12, 31);

    private static LocalDate? FirstStartOnOrAfter(RecurrencePeriod kind, LocalDate date)
    {
        var candidate = kind switch
        {
            RecurrencePeriod.Year => new LocalDate(date.Year, 1, 1),
            RecurrencePeriod.HalfYear => new LocalDate(date.Year, date.Month <= 6 ? 1 : 7, 1),
            RecurrencePeriod.Quarter => new LocalDate(date.Year, (date.Month - 1) / 3 * 3 + 1, 1),
            RecurrencePeriod.Month => new LocalDate(date.Year, date.Month, 1),
            _ => date.PlusDays(-((int)date.DayOfWeek - 1)),
        };
        return candidate >= date ? candidate : NextStart(kind, candidate);
    }

    /// <summary>The start of the period after the one starting on <paramref name="start"/>; null past the calendar's last day.</summary>
    private static LocalDate? NextStart(RecurrencePeriod kind, LocalDate start)
    {
        var months = kind switch
        {
            RecurrencePeriod.Year => 12,
            RecurrencePeriod.HalfYear => 6,
            RecurrencePeriod.Quarter => 3,
            RecurrencePeriod.Month => 1,
            _ => 0,
        };
        if (months == 0) return start <= LastDay.PlusDays(-7) ? start.PlusWeeks(1) : null;
        return start.Year < LastDay.Year || start.Month + months <= 12 ? start.PlusMonths(months) : null;
    }
}
