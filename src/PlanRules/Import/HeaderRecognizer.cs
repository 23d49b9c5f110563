using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;

namespace PlanRules.Import;

/// <summary>What a line before the body of a notice is.</summary>
internal enum HeaderLineKind
{
    /// <summary>Not recognised: reported and kept as a note.</summary>
    Unknown,
    /// <summary><c>…关于印发X的通知</c></summary>
    NoticeTitle,
    /// <summary>The plan's own title standing alone.</summary>
    Title,
    /// <summary><c>番府办〔2021〕35号</c></summary>
    DocumentNumber,
    /// <summary><c>2021年7月20日</c> under the signature.</summary>
    Date,
    /// <summary><c>来源:… 发布时间:… 阅读次数:…</c></summary>
    Metadata,
    /// <summary><c>各镇政府、街道办事处,区属各有关单位:</c></summary>
    Addressee,
    /// <summary>The covering letter (<c>…现印发给你们,请认真贯彻执行</c>).</summary>
    Letter,
    /// <summary>The issuing office under the letter.</summary>
    Signature,
}

/// <summary>What the header of a notice says.</summary>
internal sealed class NoticeHeader
{
    public string? Title { get; set; }
    public string? NoticeTitle { get; set; }
    public string? DocumentNumber { get; set; }
    public LocalDate? SignedOn { get; set; }
    public LocalDate? WrittenOn { get; set; }
    public LocalDate? PublishedOn { get; set; }
    public string? Issuer { get; set; }
    public Passage? IssuerAt { get; set; }
    public string? Source { get; set; }
    public Passage? SourceAt { get; set; }
    public string? TitleIssuer { get; set; }
    public Passage? TitleIssuerAt { get; set; }

    /// <summary>The issue date: the date under the signature, else 成文日期, else 发布时间.</summary>
    public LocalDate? Issued => SignedOn ?? WrittenOn ?? PublishedOn;

    /// <summary>The issuing office, and where the notice names it.</summary>
    public (string Name, Passage At)? IssuingOffice =>
        Issuer is { } i ? (i, IssuerAt!.Value)
        : Source is { } s ? (s, SourceAt!.Value)
        : TitleIssuer is { } t ? (t, TitleIssuerAt!.Value)
        : null;

    /// <summary>The plan year: the first year in the title, else the issue year.</summary>
    public int? Year { get; set; }
}

/// <summary>
/// Recognises the header of a notice: the notice title (<c>关于印发X的通知</c>), the plan title, the document
/// number, the issue date (the date under the signature, or <c>发布时间</c>), the addressees, the covering
/// letter and the signature.
/// </summary>
internal static partial class HeaderRecognizer
{
    [GeneratedRegex(@"^(?<issuer>.*?)关于印发[《“""]?(?<title>.+?)[》”""]?的通知$")]
    private static partial Regex IssuingNotice();

    [GeneratedRegex(@"^(?<issuer>.*?)关于(?<title>.+)的(?:通知|意见|决定)$")]
    private static partial Regex OtherNotice();

    [GeneratedRegex(@"(?<org>\p{IsCJKUnifiedIdeographs}{1,12})\s*[〔\[【(﹝](?<y>(?:19|20)\d{2})[〕\]】)﹞]\s*(?<n>\d{1,5})\s*号")]
    private static partial Regex DocumentNumber();

    [GeneratedRegex(@"^(?<y>(?:19|20)\d{2})\s*年\s*(?<m>\d{1,2})\s*月\s*(?<d>\d{1,2})\s*日$|^(?<y>(?:19|20)\d{2})-(?<m>\d{1,2})-(?<d>\d{1,2})$" +
                    @"|^(?<y>[一二][〇零○O一二三四五六七八九]{3})年(?<m>[一二三四五六七八九十]{1,3})月(?<d>[一二三四五六七八九十]{1,3})日$")]
    private static partial Regex DateLine();

    [GeneratedRegex(@"(?<key>发布时间|发布日期|成文日期|印发日期)\s*:\s*(?<y>(?:19|20)\d{2})\s*[-年./]\s*(?<m>\d{1,2})\s*[-月./]\s*(?<d>\d{1,2})")]
    private static partial Regex MetaDate();

    [GeneratedRegex(@"(?<key>来源|发文机关|发布机构|发布机关)\s*:\s*(?<value>[^\s:]+)")]
    private static partial Regex MetaSource();

    [GeneratedRegex(@"(发布时间|发布日期|成文日期|来源|发文机关|发布机构|索引号|主题分类|阅读次数|浏览次数|文号|发文字号)\s*:")]
    private static partial Regex MetaKey();

    [GeneratedRegex(@"印发给你们|现印发|现予印发|请认真贯彻执行|请认真贯彻落实|请遵照执行|请认真组织实施|请结合实际|业经.{1,12}同意|现将.{0,40}印发|执行过程中|遇到的问题.{0,6}请|请径向|特此通知|^联系人|^联系电话|^抄送|^抄报|^\(?此件.{0,6}公开")]
    private static partial Regex Letter();

    [GeneratedRegex(@"(?<y>(?:19|20)\d{2})\s*年")]
    private static partial Regex Year();

    [GeneratedRegex(@"方案|要点|计划|安排|清单|分工|任务|意见|办法|措施|规划|细则|通知")]
    private static partial Regex TitleWord();

    /// <summary>Classifies a header line and records what it says in <paramref name="header"/> (when given).</summary>
    public static HeaderLineKind Classify(Passage line, NoticeHeader? header)
    {
        var text = line.Text;
        var squeezed = PageFurniture.Squeeze(text);
        if (squeezed.Length == 0) return HeaderLineKind.Unknown;

        if (DocumentNumber().Match(squeezed) is { Success: true } number && number.Length >= squeezed.Length - 2)
        {
            if (header is not null) header.DocumentNumber ??= FormatNumber(number);
            return HeaderLineKind.DocumentNumber;
        }
        if (DateLine().Match(squeezed) is { Success: true } date)
        {
            if (header is not null && ToDate(date) is { } d) header.SignedOn ??= d;
            return HeaderLineKind.Date;
        }
        if (MetaKey().IsMatch(text))
        {
            if (header is not null)
            {
                foreach (Match m in MetaDate().Matches(text))
                {
                    if (ToDate(m) is not { } d) continue;
                    if (m.Groups["key"].Value is "成文日期" or "印发日期") header.WrittenOn ??= d;
                    else header.PublishedOn ??= d;
                }
                if (MetaSource().Match(text) is { Success: true } source && UnitNames.LooksLikeUnit(UnitNames.Clean(source.Groups["value"].Value)))
                {
                    var value = source.Groups["value"];
                    header.Source ??= UnitNames.Clean(value.Value);
                    header.SourceAt ??= line.Slice(value.Index, value.Length);
                }
                if (header.DocumentNumber is null && DocumentNumber().Match(text) is { Success: true } n) header.DocumentNumber = FormatNumber(n);
            }
            return HeaderLineKind.Metadata;
        }
        // Notice titles are short; a long line is never one (and is not worth a backtracking match).
        var issuing = text.Length <= 300 ? IssuingNotice().Match(text) : Match.Empty;
        if (issuing.Success || (text.Length <= 300 && OtherNotice().Match(text) is { Success: true } other && (issuing = other).Success))
        {
            if (header is not null)
            {
                var title = line.Slice(issuing.Groups["title"].Index, issuing.Groups["title"].Length).Original.Trim();
                header.NoticeTitle ??= line.Original;
                if (issuing.Groups["title"].Success && text.Contains("关于印发")) header.Title ??= title;
                var issuer = issuing.Groups["issuer"];
                if (issuer.Length > 0 && UnitNames.LooksLikeUnit(UnitNames.Clean(issuer.Value)))
                {
                    header.TitleIssuer ??= UnitNames.Clean(issuer.Value);
                    header.TitleIssuerAt ??= line.Slice(issuer.Index, issuer.Length);
                }
            }
            return HeaderLineKind.NoticeTitle;
        }
        if (text.EndsWith(':') && text.Length <= 120 && (text.Contains('各') || text.Contains("单位") || text.Contains("部门") || text.Contains("政府")))
        {
            return HeaderLineKind.Addressee;
        }
        if (Letter().IsMatch(text)) return HeaderLineKind.Letter;
        var clean = UnitNames.Clean(text);
        if (UnitNames.LooksLikeUnit(clean) && !UnitNames.IsGroup(clean))
        {
            if (header is not null && header.Issuer is null)
            {
                header.Issuer = clean;
                header.IssuerAt = line;
            }
            return HeaderLineKind.Signature;
        }
        if (text.Length <= 80 && TitleWord().IsMatch(text) && !text.Contains(',') && !text.Contains('。') && !text.EndsWith(':'))
        {
            if (header is null) return HeaderLineKind.Title;
            if (header.Title is null)
            {
                header.Title = line.Original;
                return HeaderLineKind.Title;
            }
            return Same(header.Title, line.Original) ? HeaderLineKind.Title : HeaderLineKind.Unknown;
        }
        return HeaderLineKind.Unknown;
    }

    /// <summary>True for a metadata line (<c>来源:… 发布时间:…</c>), wherever it appears.</summary>
    public static bool IsMetadata(string text) => MetaKey().IsMatch(text) && text.Length <= 200;

    /// <summary>Completes the header once every line is read: the plan year.</summary>
    public static void Complete(NoticeHeader header)
    {
        var title = header.Title ?? header.NoticeTitle;
        if (title is not null && Year().Match(NoticeDocument.Normalize(title)) is { Success: true } year)
        {
            header.Year = int.Parse(year.Groups["y"].Value, CultureInfo.InvariantCulture);
        }
        else if (header.Issued is { } issued)
        {
            header.Year = issued.Year;
        }
    }

    private static bool Same(string a, string b) => Bare(a) == Bare(b);

    private static string Bare(string text) =>
        new(PageFurniture.Squeeze(NoticeDocument.Normalize(text)).Where(c => c is not ('《' or '》' or '“' or '”' or '"')).ToArray());

    /// <summary>A year written digit by digit: <c>2021</c> or <c>二〇二一</c> (〇 also written ○ or O).</summary>
    private static int YearNumber(string text)
    {
        var year = 0;
        foreach (var c in text)
        {
            var digit = char.IsAsciiDigit(c) ? c - '0' : c is '〇' or '零' or '○' or 'O' ? 0 : ChineseNumerals.TryParse(c.ToString(), out var v) && v < 10 ? v : -1;
            if (digit < 0) return -1;
            year = year * 10 + digit;
        }
        return year;
    }

    private static string FormatNumber(Match m) => $"{m.Groups["org"].Value}〔{m.Groups["y"].Value}〕{m.Groups["n"].Value}号";

    /// <summary>The date of a match: Arabic digits, or Chinese numerals as signatures often write it (<c>二〇二一年七月二十日</c>).</summary>
    private static LocalDate? ToDate(Match m)
    {
        var y = YearNumber(m.Groups["y"].Value);
        if (!ChineseNumerals.TryParse(m.Groups["m"].Value, out var mo) || !ChineseNumerals.TryParse(m.Groups["d"].Value, out var d)) return null;
        if (y is < 1900 or > 2099 || mo is < 1 or > 12 || d < 1 || d > CalendarSystem.Iso.GetDaysInMonth(y, mo)) return null;
        return new LocalDate(y, mo, d);
    }
}
