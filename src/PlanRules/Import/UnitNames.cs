using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;

namespace PlanRules.Import;

/// <summary>
/// What counts as a unit name in a notice, how groups (<c>各镇(街)</c>, <c>各有关单位</c>) are named in a
/// plan, and the key under which spelling variants (<c>区府办</c> / <c>区政府办</c> / <c>番禺区人民政府办公室</c>)
/// are recognised as one unit.
/// </summary>
internal static partial class UnitNames
{
    private static readonly string[] Suffixes =
    [
        "局", "办", "委", "部", "厅", "院", "室", "中心", "政府", "街", "镇", "乡", "会", "所", "站", "队", "组", "处", "科", "署",
        "公司", "集团", "学校", "大学", "医院", "馆", "单位", "部门", "机关", "机构", "办事处", "区", "县", "市", "省", "指挥部", "街道",
        "社区", "小组",
    ];

    // Words of requirements, never of unit names.
    private static readonly string[] Verbs =
    [
        "加强", "推进", "做好", "开展", "建立", "健全", "提高", "确保", "围绕", "按照", "根据", "通过", "推动", "加快", "强化", "严格", "深化",
        "进一步", "积极", "认真", "及时", "要求", "牵头", "会同", "负责", "办理", "配合", "落实", "协助", "参与", "以及", "要", "的",
        "是", "了", "把", "将",
    ];

    private static readonly (string From, string To)[] Abbreviations =
    [
        ("中国共产党", ""), ("人民政府办公室", "政府办"), ("政府办公室", "政府办"), ("人民政府", "政府"), ("机构编制委员会办公室", "编办"),
        ("委编办", "编办"), ("办公室", "办"), ("政府办", "府办"), ("发展和改革局", "发改局"), ("发展改革局", "发改局"),
        ("市场监督管理局", "市场监管局"), ("卫生健康局", "卫健局"), ("卫生和健康局", "卫健局"), ("人力资源和社会保障局", "人社局"),
        ("住房和城乡建设局", "住建局"), ("政务服务数据管理局", "政数局"), ("城市管理和综合执法局", "城管局"), ("城市管理局", "城管局"),
        ("科技工业商务和信息化局", "科工商信局"), ("文化广电旅游体育局", "文广旅体局"), ("交通运输局", "交通局"), ("规划和自然资源局", "规划资源局"),
    ];

    [GeneratedRegex(@"^(?<prov>\p{IsCJKUnifiedIdeographs}{2,3}省)?(?<city>\p{IsCJKUnifiedIdeographs}{2,3}市)?(?<dist>\p{IsCJKUnifiedIdeographs}{2,3}[区县])?")]
    private static partial Regex PlacePrefix();

    /// <summary>A mention as it will be declared: no spaces, half-width brackets, no quotes or trailing punctuation.</summary>
    public static string Clean(string raw)
    {
        var builder = new StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            if (NoticeDocument.IsSpace(c) || c is '“' or '”' or '"' or '‘' or '’' or '《' or '》') continue;
            builder.Append(NoticeDocument.NormalizeChar(c));
        }
        return builder.ToString().TrimEnd('.', '。', ',', '、', ';', ':');
    }

    /// <summary>True when the text reads as the name of a unit or a group of units.</summary>
    public static bool LooksLikeUnit(string name)
    {
        if (name.Length < 2 || name.Length > 40) return false;
        var depth = 0;
        foreach (var c in name)
        {
            if (c is ',' or ';' or '。' or ':' or '!' or '?' or '、' or '“' or '”' or '"' or '《' or '》' or '|' || char.IsControl(c) || NoticeDocument.IsSpace(c)) return false;
            if (c == '(') depth++;
            else if (c == ')' && --depth < 0) return false;
        }
        if (depth != 0) return false;
        var core = name;
        if (core.EndsWith(')'))
        {
            var open = core.LastIndexOf('(');
            core = open > 0 ? core[..open] : "";
        }
        if (core.Length < 2) return false;
        foreach (var verb in Verbs)
        {
            if (core.Contains(verb, StringComparison.Ordinal)) return false;
        }
        // "等" ends an open list ("区民政局等"), except in words such as 高等学校.
        if (core.Replace("高等", "").Replace("中等", "").Replace("初等", "").Contains('等')) return false;
        foreach (var suffix in Suffixes)
        {
            // "幼儿园3所", "12个站" count things; a unit's name does not end in a number and a measure word.
            if (core.EndsWith(suffix, StringComparison.Ordinal)) return core.Length == suffix.Length || !char.IsAsciiDigit(core[^(suffix.Length + 1)]);
        }
        return false;
    }

    // Kinds of unit, named without a place: after 各 in a list ("各镇人民政府、街道办事处") they mean every unit of the kind.
    private static readonly FrozenSet<string> UnitKinds = new[]
    {
        "街道办事处", "街道办", "街道", "镇政府", "镇人民政府", "乡镇政府", "乡镇人民政府", "乡政府", "乡人民政府", "乡镇",
        "区直单位", "县直单位", "市直单位", "区直部门", "县直部门", "市直部门", "直属单位", "区属单位", "县属单位", "市属单位", "部门", "单位",
        "居委会", "村委会", "村(居)委会", "社区居委会", "管委会", "学校", "医院",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>True for a kind of unit named without a place (<c>街道办事处</c>, <c>县直单位</c>).</summary>
    public static bool IsUnitKind(string name) => UnitKinds.Contains(name);

    /// <summary>True for names standing for several units: <c>各…</c>, <c>有关单位</c>, <c>…各工作组</c>.</summary>
    public static bool IsGroup(string name)
    {
        if (name.StartsWith('各') && name.Length >= 2) return true;
        if (IsConcernedGroup(name) is not null) return true;
        var each = name.IndexOf('各', 1);
        return each > 0 && name.Length - each >= 3 && (name.EndsWith('组') || name.EndsWith("单位") || name.EndsWith("部门"));
    }

    /// <summary>"有关单位" or "有关部门" when the name means the units concerned, else null.</summary>
    private static string? IsConcernedGroup(string name)
    {
        foreach (var (ending, group) in new[] { ("有关单位", "有关单位"), ("相关单位", "有关单位"), ("有关部门", "有关部门"), ("相关部门", "有关部门") })
        {
            if (name.EndsWith(ending, StringComparison.Ordinal) && name.Length <= ending.Length + 4) return group;
        }
        return null;
    }

    /// <summary>The plan name of a group: <c>各镇(街)</c> → <c>镇街</c>, <c>各有关单位</c> → <c>有关单位</c>, others as written.</summary>
    public static string GroupName(string name)
    {
        if (IsConcernedGroup(name) is { } concerned) return concerned;
        if (name.StartsWith('各') && name.Length >= 2)
        {
            var rest = name[1..].Replace("(", "").Replace(")", "");
            return rest.Length == 0 ? name : rest;
        }
        return name;
    }

    /// <summary>The title a group is declared with: <c>各有关单位</c> for the units concerned, else the name as written when it differs.</summary>
    public static string? GroupTitle(string name)
    {
        var concerned = IsConcernedGroup(name);
        if (concerned is not null) return "各" + concerned;
        return GroupName(name) == name ? null : name;
    }

    /// <summary><c>区委编办(区绩效办)</c>: one office under two names; returns both, or null.</summary>
    public static (string First, string Second)? DualName(string name)
    {
        if (!name.EndsWith(')')) return null;
        var open = name.IndexOf('(');
        if (open <= 0 || open != name.LastIndexOf('(')) return null;
        var first = name[..open];
        var second = name[(open + 1)..^1];
        if (IsGroup(name) || !LooksLikeUnit(first) || !LooksLikeUnit(second) || second.Length < 3) return null;
        return (first, second);
    }

    /// <summary>The place prefixes of the issuing government (<c>广州市番禺区</c>, <c>番禺区</c>, <c>广州市</c>) read from a name.</summary>
    public static IEnumerable<string> PlacesOf(string name)
    {
        var match = PlacePrefix().Match(name);
        if (!match.Success || match.Length == 0) yield break;
        var prov = match.Groups["prov"].Value;
        var city = match.Groups["city"].Value;
        var dist = match.Groups["dist"].Value;
        if (match.Length >= name.Length) yield break;
        if (prov.Length + city.Length + dist.Length > 0) yield return prov + city + dist;
        if (city.Length + dist.Length > 0) yield return city + dist;
        if (dist.Length > 0) yield return dist;
        if (city.Length > 0) yield return city;
        if (prov.Length > 0) yield return prov;
    }

    /// <summary>
    /// The key under which variants of one unit meet: the issuing place dropped (<c>番禺区人民政府办公室</c> →
    /// <c>区人民政府办公室</c>), <c>中共</c> dropped, and common long forms shortened (<c>人民政府办公室</c> → <c>府办</c>).
    /// </summary>
    public static string VariantKey(string name, IReadOnlyList<string> places)
    {
        var key = name.Replace("(", "").Replace(")", "");
        if (key.StartsWith("中共", StringComparison.Ordinal) && key.Length > 4) key = key[2..];
        foreach (var place in places.OrderByDescending(p => p.Length))
        {
            if (key.Length > place.Length + 1 && key.StartsWith(place, StringComparison.Ordinal))
            {
                key = place[^1] + key[place.Length..];
                break;
            }
        }
        foreach (var (from, to) in Abbreviations) key = key.Replace(from, to, StringComparison.Ordinal);
        return key;
    }
}
