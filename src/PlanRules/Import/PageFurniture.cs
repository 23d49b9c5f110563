using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;

namespace PlanRules.Import;

/// <summary>What a table column holds, from its header cell.</summary>
internal enum ColumnRole
{
    Number,
    Task,
    Requirement,
    Owner,
    Support,
    Deadline,
    Remark,
}

/// <summary>
/// Page furniture of notices copied from government web pages: navigation, language and font widgets,
/// share and scan-to-phone boxes, read counters, page numbers, and the column headers of flattened tables.
/// Such lines carry nothing for the plan and are dropped (listed in <see cref="ImportResult.SkippedLines"/>).
/// </summary>
internal static partial class PageFurniture
{
    // Whole-line words (after removing spaces, bullets and quotes).
    private static readonly FrozenSet<string> Words = new[]
    {
        "选择语言", "字体大小", "字体", "字号", "大", "中", "小", "大中小", "【大】【中】【小】", "打印", "【打印】", "打印本页", "关闭", "【关闭】",
        "关闭窗口", "关闭本页", "收藏", "分享", "分享到", "扫一扫", "微信", "微博", "QQ空间", "手机版", "智能问答", "机构专页", "小程序", "添加",
        "关注", "关注·微信", "附件", "附件:", "相关附件", "相关附件:", "相关链接", "相关文件", "相关解读", "上一篇", "下一篇", "返回顶部", "网站地图",
        "视力保护色", "穗好办", "“穗好办”", "无障碍", "English", "繁體", "简体", "繁体",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Distinctive beginnings of furniture lines.
    private static readonly string[] Prefixes =
    [
        "选择语言", "您当前所在位置", "您现在的位置", "当前位置:", "您的位置:", "字体大小", "字号:", "阅读次数", "浏览次数", "访问次数", "扫一扫",
        "分享到", "点击查看", "打印本页", "关闭窗口", "【打印】", "【关闭】", "【字体", "上一篇:", "下一篇:", "相关链接:",
    ];

    // Lines that start the page footer once the body has begun.
    private static readonly string[] FooterPrefixes =
    [
        "扫一扫", "点击查看", "附件", "相关附件", "分享到", "打印本页", "【打印】", "关闭窗口", "上一篇", "下一篇", "相关链接", "相关文章", "相关阅读",
    ];

    private static readonly FrozenDictionary<string, ColumnRole> Headers = new Dictionary<string, ColumnRole>
    {
        ["序号"] = ColumnRole.Number, ["编号"] = ColumnRole.Number,
        ["工作任务"] = ColumnRole.Task, ["重点任务"] = ColumnRole.Task, ["主要任务"] = ColumnRole.Task, ["任务"] = ColumnRole.Task,
        ["项目"] = ColumnRole.Task, ["类别"] = ColumnRole.Task, ["工作事项"] = ColumnRole.Task, ["任务名称"] = ColumnRole.Task, ["事项"] = ColumnRole.Task,
        ["具体要求"] = ColumnRole.Requirement, ["工作要求"] = ColumnRole.Requirement, ["工作内容"] = ColumnRole.Requirement,
        ["任务内容"] = ColumnRole.Requirement, ["工作措施"] = ColumnRole.Requirement, ["具体措施"] = ColumnRole.Requirement,
        ["主要内容"] = ColumnRole.Requirement, ["内容"] = ColumnRole.Requirement, ["要求"] = ColumnRole.Requirement, ["任务要求"] = ColumnRole.Requirement,
        ["责任单位"] = ColumnRole.Owner, ["牵头单位"] = ColumnRole.Owner, ["主责单位"] = ColumnRole.Owner, ["责任部门"] = ColumnRole.Owner,
        ["牵头部门"] = ColumnRole.Owner, ["责任主体"] = ColumnRole.Owner, ["责任单位和工作要求"] = ColumnRole.Owner,
        ["责任单位及工作要求"] = ColumnRole.Owner, ["牵头单位和配合单位"] = ColumnRole.Owner,
        ["配合单位"] = ColumnRole.Support, ["协办单位"] = ColumnRole.Support, ["参与单位"] = ColumnRole.Support, ["配合部门"] = ColumnRole.Support,
        ["完成时限"] = ColumnRole.Deadline, ["完成时间"] = ColumnRole.Deadline, ["时间要求"] = ColumnRole.Deadline, ["时限要求"] = ColumnRole.Deadline,
        ["时间节点"] = ColumnRole.Deadline, ["完成期限"] = ColumnRole.Deadline, ["时限"] = ColumnRole.Deadline, ["时间安排"] = ColumnRole.Deadline,
        ["备注"] = ColumnRole.Remark,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    [GeneratedRegex(@"^[-—–~]+\s*\d{1,4}\s*[-—–~]+$|^第\s*\d+\s*页(\s*/?\s*共\s*\d+\s*页)?$|^共\s*\d+\s*页$")]
    private static partial Regex PageNumber();

    [GeneratedRegex(@"^\s*\S.{0,40}\s>\s.+>")]
    private static partial Regex Breadcrumbs();

    /// <summary>The line reduced for comparison: no spaces, no leading bullets.</summary>
    public static string Squeeze(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (NoticeDocument.IsSpace(c)) continue;
            builder.Append(c);
        }
        var squeezed = builder.ToString();
        var start = 0;
        while (start < squeezed.Length && squeezed[start] is '•' or '·' or '●' or '◆' or '■' or '▪' or '*' or '►' or '▶') start++;
        return squeezed[start..];
    }

    /// <summary>True for navigation, widgets, counters and page numbers.</summary>
    public static bool IsFurniture(string text)
    {
        var squeezed = Squeeze(text);
        if (squeezed.Length == 0) return true;
        if (Words.Contains(squeezed) || Words.Contains(squeezed.TrimEnd(':'))) return true;
        foreach (var prefix in Prefixes)
        {
            if (squeezed.StartsWith(prefix, StringComparison.Ordinal)) return true;
        }
        if (squeezed.All(c => c is '•' or '·' or '●' or '-' or '—' or '_' or '=' or '*')) return true;
        return PageNumber().IsMatch(squeezed) || Breadcrumbs().IsMatch(text);
    }

    /// <summary>True for a line that begins the page footer (scan boxes, attachments, "related" links).</summary>
    public static bool IsFooterMarker(string text)
    {
        var squeezed = Squeeze(text);
        if (squeezed.Length > 60) return false;
        foreach (var prefix in FooterPrefixes)
        {
            if (squeezed.StartsWith(prefix, StringComparison.Ordinal))
            {
                // "附件" is a footer only as a label, not as the start of a sentence such as "附件所列…".
                return prefix != "附件" || squeezed.Length == 2 || squeezed[2] is ':' or '：' or '1' or '一';
            }
        }
        return false;
    }

    /// <summary>The role of a column-header cell, or null when the text is not a column header.</summary>
    public static ColumnRole? ColumnHeader(string text)
    {
        var squeezed = Squeeze(text).TrimEnd(':');
        return Headers.TryGetValue(squeezed, out var role) ? role : null;
    }
}
