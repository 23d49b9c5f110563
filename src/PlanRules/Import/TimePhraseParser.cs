using System.Text.RegularExpressions;
using NodaTime;
using PlanRules.Syntax;

namespace PlanRules.Import;

/// <summary>What a time phrase gives a task.</summary>
internal enum TimeKind
{
    /// <summary>A deadline: <c>due</c>.</summary>
    Due,
    /// <summary>A recurrence: <c>every … at-least N</c>.</summary>
    Every,
    /// <summary>A manner without a deadline (持续推进, 及时, 定期): <c>tag</c>.</summary>
    Tag,
    /// <summary>A deadline naming a date that does not exist (<c>2021年2月30日前</c>).</summary>
    Invalid,
    /// <summary>A recurrence the language has no period for (<c>每两年</c>, <c>每3个月</c>): kept as a note, reported.</summary>
    UnsupportedPeriod,
}

/// <summary>One time phrase found in a notice passage.</summary>
internal sealed record TimePhrase(TimeKind Kind, Passage Span, LocalDate Date = default, RecurrencePeriod Period = RecurrencePeriod.Year, int AtLeast = 1, string Tag = "");

/// <summary>
/// Deadlines, recurrences and manners in the words notices use: <c>2021年底前</c>, <c>年底前</c> (the plan
/// year), <c>2023年3月底前</c>, <c>2023年6月15日前</c>, <c>2021年上半年</c>, <c>三季度末前</c> → <c>due</c>; <c>每年至少…1次</c>, <c>每年不少于N次</c>,
/// <c>每季度</c>, <c>每月</c>, <c>每半年</c> → <c>every</c>; <c>持续推进</c>, <c>及时</c>, <c>定期</c> → a tag; <c>每两年</c>,
/// <c>每3个月</c> → a note and PR4001 (no period of the language says it).
/// Bare dates (<c>2021年12月</c>, <c>2021年12月31日</c>) are deadlines only where a deadline is expected
/// (a deadline column, a cell holding nothing else).
/// </summary>
internal static partial class TimePhraseParser
{
    /// <summary>The tag for work that goes on without an end date.</summary>
    public const string Continuing = "持续推进";

    [GeneratedRegex(@"(?<y>(?:19|20)\d{2})\s*年\s*(?<m>\d{1,2})\s*月\s*(?<d>\d{1,2})\s*日\s*(?<before>之前|以前|前|止)?" +
                    @"|(?<y>(?:19|20)\d{2})-(?<m>\d{1,2})-(?<d>\d{1,2})(?<before>之前|以前|前)?" +
                    @"|(?<y>(?:19|20)\d{2})\s*年\s*(?<m>\d{1,2})\s*月\s*(?<end>底|末|份)?\s*(?<before>之前|以前|前)?" +
                    @"|(?<y>(?:19|20)\d{2})\s*年\s*(?<ye>年底|年末|底|末)\s*(?<before>之前|以前|前)?" +
                    @"|(?<y>(?:19|20)\d{2})\s*年\s*(?<within>年内)" +
                    @"|(?<y>(?:19|20)\d{2})\s*年\s*(?:(?<half>上半年|下半年)|第?(?<q>[一二三四1-4])\s*季度)\s*(?<end>末|底)?\s*(?:(?<before>之前|以前|前)|(?<done>)(?=完成|办结|建成|落实|内))?" +
                    @"|(?<![\d年每])(?:(?<half>上半年|下半年)|第?(?<q>[一二三四1-4])\s*季度)\s*(?<end>末|底)?\s*(?:(?<before>之前|以前|前)|(?<done>)(?=完成|办结|建成|落实|内))" +
                    @"|(?<y>(?:19|20)\d{2})\s*年(?<bare>)(?![\d度])" +
                    @"|(?<![\d年])(?<m>\d{1,2})\s*月\s*(?<d>\d{1,2})\s*日\s*(?<before>之前|以前|前|止)" +
                    @"|(?<![\d年])(?<m>\d{1,2})\s*月\s*(?<end>底|末)\s*(?<before>之前|以前|前)?" +
                    @"|(?<![\d年])(?<m>\d{1,2})\s*月\s*(?<before>之前|以前|前)" +
                    @"|(?<![\d])(?:今|本)?(?<ye>年底|年末)\s*(?<before>之前|以前|前)?" +
                    @"|(?<![\d])(?<within>年内)(?=完成|前|办结|落实|建成)")]
    private static partial Regex Deadline();

    [GeneratedRegex(@"每(?<p>半年|年度|年|季度|季|月度|月|周|星期)|按(?<p>半年|季度|季|月度|月|周)(?![\d份])")]
    private static partial Regex Recurrence();

    /// <summary>Every N years, months, quarters or weeks (N ≥ 2): no <c>every</c> period says it.</summary>
    [GeneratedRegex(@"每(?:隔)?(?<n>[两二三四五六七八九十\d]+)\s*(?:个)?(?:年|季度|月|周|星期)")]
    private static partial Regex MultiplePeriod();

    [GeneratedRegex(@"^[^。;!?]{0,16}?(?<n>\d{1,5}|[一二两三四五六七八九十]{1,3})\s*(?:次|场|期|回)")]
    private static partial Regex Count();

    [GeneratedRegex(@"持续|坚持|不断完善|常态化|长期|及时|定期")]
    private static partial Regex Manner();

    [GeneratedRegex(@"完成时限|完成时间|时间要求|时限要求|完成期限|时间节点|时限|完成|办结|建成|落实|截至|截止|实施|开展|推进|每年|[于在到并和及至止内~～\-—–\s.,;:、。()]")]
    private static partial Regex Filler();

    /// <summary>Every time phrase in the passage, in order. <paramref name="planYear"/> resolves 年底前 and 3月底前.</summary>
    public static List<TimePhrase> Scan(Passage passage, int? planYear, bool bareDates)
    {
        var result = new List<TimePhrase>();
        var text = passage.Text;
        var taken = new bool[text.Length];
        foreach (Match match in Deadline().Matches(text))
        {
            if (ToPhrase(match, passage, planYear, bareDates) is { } phrase)
            {
                result.Add(phrase);
                for (var i = match.Index; i < match.Index + match.Length; i++) taken[i] = true;
            }
        }
        foreach (Match match in MultiplePeriod().Matches(text))
        {
            if (taken[match.Index]) continue;
            result.Add(new TimePhrase(TimeKind.UnsupportedPeriod, passage.Slice(match.Index, match.Length)));
            for (var i = match.Index; i < match.Index + match.Length; i++) taken[i] = true;
        }
        foreach (Match match in Recurrence().Matches(text))
        {
            if (taken[match.Index]) continue;
            var period = match.Groups["p"].Value switch
            {
                "半年" => RecurrencePeriod.HalfYear,
                "季度" or "季" => RecurrencePeriod.Quarter,
                "月度" or "月" => RecurrencePeriod.Month,
                "周" or "星期" => RecurrencePeriod.Week,
                _ => RecurrencePeriod.Year,
            };
            var end = match.Index + match.Length;
            var atLeast = 1;
            var count = Count().Match(text, end, text.Length - end);
            if (count.Success && ChineseNumerals.TryParse(count.Groups["n"].Value, out var n) && n is >= 1 and <= 1000)
            {
                atLeast = n;
                end = count.Index + count.Length;
            }
            result.Add(new TimePhrase(TimeKind.Every, passage.Between(match.Index, end), Period: period, AtLeast: atLeast));
            for (var i = match.Index; i < end; i++) taken[i] = true;
        }
        foreach (Match match in Manner().Matches(text))
        {
            if (taken[match.Index]) continue;
            var tag = match.Value switch
            {
                "及时" => "及时",
                "定期" => "定期",
                _ => Continuing,
            };
            result.Add(new TimePhrase(TimeKind.Tag, passage.Slice(match.Index, match.Length), Tag: tag));
        }
        result.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        return result;
    }

    /// <summary>
    /// True when the passage says nothing but time: a deadline cell (<c>2021年底前</c>, <c>长期</c>,
    /// <c>每季度</c>), with bare dates accepted.
    /// </summary>
    public static bool IsTimeOnly(Passage passage, int? planYear)
    {
        if (passage.IsEmpty || passage.Length > 60) return false;
        var phrases = Scan(passage, planYear, bareDates: true);
        if (phrases.Count == 0) return false;
        var text = passage.Text.ToCharArray();
        foreach (var phrase in phrases)
        {
            for (var i = phrase.Span.Start - passage.Start; i < phrase.Span.End - passage.Start; i++) text[i] = ' ';
        }
        var rest = Filler().Replace(new string(text), "");
        return rest.Length == 0;
    }

    private static TimePhrase? ToPhrase(Match match, Passage passage, int? planYear, bool bareDates)
    {
        var span = passage.Slice(match.Index, match.Length);
        var hasYear = match.Groups["y"].Success;
        var before = match.Groups["before"].Success;
        int year;
        if (hasYear)
        {
            year = int.Parse(match.Groups["y"].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (planYear is { } py)
        {
            year = py;
        }
        else
        {
            return null;
        }

        if (match.Groups["ye"].Success || match.Groups["within"].Success)
        {
            return new TimePhrase(TimeKind.Due, span, new LocalDate(year, 12, 31));
        }
        if (match.Groups["half"].Success || match.Groups["q"].Success)
        {
            // 上半年 / 下半年 / 第三季度 (末前): by the end of that half or quarter.
            if (!match.Groups["end"].Success && !before && !match.Groups["done"].Success && !bareDates) return null;
            var lastMonth = match.Groups["half"].Value switch
            {
                "上半年" => 6,
                "下半年" => 12,
                _ => ChineseNumerals.TryParse(match.Groups["q"].Value, out var quarter) ? quarter * 3 : 12,
            };
            return new TimePhrase(TimeKind.Due, span, new LocalDate(year, lastMonth, CalendarSystem.Iso.GetDaysInMonth(year, lastMonth)));
        }
        if (match.Groups["bare"].Success)
        {
            return bareDates ? new TimePhrase(TimeKind.Due, span, new LocalDate(year, 12, 31)) : null;
        }
        var month = int.Parse(match.Groups["m"].Value, System.Globalization.CultureInfo.InvariantCulture);
        if (match.Groups["d"].Success)
        {
            if (!before && !bareDates) return null;
            var day = int.Parse(match.Groups["d"].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month)) return new TimePhrase(TimeKind.Invalid, span);
            return new TimePhrase(TimeKind.Due, span, new LocalDate(year, month, day));
        }
        var end = match.Groups["end"].Success && match.Groups["end"].Value != "份";
        if (!end && !before && !bareDates) return null;
        if (month is < 1 or > 12) return new TimePhrase(TimeKind.Invalid, span);
        if (!end && before)
        {
            // "6月前": before June, i.e. by the last day of May.
            return new TimePhrase(TimeKind.Due, span, new LocalDate(year, month, 1).PlusDays(-1));
        }
        return new TimePhrase(TimeKind.Due, span, new LocalDate(year, month, CalendarSystem.Iso.GetDaysInMonth(year, month)));
    }
}
