using PlanRules.Syntax;

namespace PlanRules.Import;

/// <summary>A unit named in a notice, as written there.</summary>
internal sealed record UnitMention(string Name, Passage Span);

/// <summary>One owner found in a responsibility phrase, with the role the phrase gives it.</summary>
internal sealed record OwnerAssignment(OwnerRole Role, UnitMention Unit);

/// <summary>What a responsibility phrase says.</summary>
internal sealed class OwnerParse
{
    public List<OwnerAssignment> Assignments { get; } = [];

    /// <summary>Parts of the phrase that name no owner (<c>在工作中加强与上级单位沟通对接</c>).</summary>
    public List<Passage> Leftovers { get; } = [];

    /// <summary>Values of time labels (<c>完成时限：2021年底前</c>).</summary>
    public List<Passage> TimeParts { get; } = [];

    /// <summary>The phrase says what is worked on, lists owners open-endedly or inside brackets: worth keeping as a note.</summary>
    public bool HasDetail { get; set; }

    /// <summary>The phrase begins with an owner statement (units followed by a role word, or a labelled list).</summary>
    public bool StartsWithOwners { get; set; }

    /// <summary>A role word (牵头, 会同, 负责, 办理, 配合, …) or a label (责任单位：) was found.</summary>
    public bool HasRoleWord { get; set; }

    /// <summary>True when every owner came from a bare list of names.</summary>
    public bool IsBareList { get; set; } = true;

    /// <summary>A responsibility line: starts with owners, and either uses a role word or is nothing but names.</summary>
    public bool IsOwnerLine => StartsWithOwners && Assignments.Count > 0 && (HasRoleWord || Leftovers.Count == 0);
}

/// <summary>
/// Reads responsibility phrases: <c>X牵头</c> / <c>X牵头办理</c> / <c>X牵头落实</c> / <c>X负责</c> / <c>X办理</c> /
/// <c>X按职责分工落实</c> (lead); <c>X会同Y办理</c>, <c>X牵头,会同Y</c> (lead X, with Y); <c>以及Z办理</c> (Z is
/// accountable too); <c>X、Y分别牵头</c>; <c>X配合</c> / <c>X做好配合</c> / <c>X做好指导工作</c> /
/// <c>X做好技术支持和指导</c> (support); <c>G(牵头单位:A、B等)</c> (A, B lead, the group G works with them);
/// <c>A等有关单位</c> (A and the units concerned); labels (<c>责任单位：</c>, <c>配合单位：</c>, <c>完成时限：</c>);
/// duties separated by <c>;</c> or <c>。</c>. What follows a verb (<c>办理区政府…工作</c>) is what is worked on,
/// never an owner.
/// </summary>
internal static class OwnerPhraseParser
{
    private enum Word
    {
        LeadHead,   // 牵头: may be followed by a verb and by 会同
        Lead,       // 负责, 办理, 落实: what follows is the object
        With,       // 会同
        Support,    // 配合, 指导, 技术支持
        Do,         // 做好…: lead if first, else support
        Verb,       // a verb after a 会同 list
    }

    private static readonly (string Text, Word Word)[] Words = new (string, Word)[]
    {
        ("分别牵头负责", Word.LeadHead), ("分别牵头", Word.LeadHead), ("牵头负责", Word.LeadHead), ("牵头落实", Word.LeadHead),
        ("牵头办理", Word.LeadHead), ("牵头", Word.LeadHead),
        ("按照职责分工落实", Word.Lead), ("按职责分工落实", Word.Lead), ("按职责分工负责", Word.Lead), ("按职责分工", Word.Lead),
        ("按职责", Word.Lead), ("分别负责", Word.Lead), ("负责", Word.Lead), ("办理", Word.Lead), ("具体落实", Word.Lead),
        ("组织落实", Word.Lead), ("落实", Word.Lead), ("承办", Word.Lead), ("主办", Word.Lead),
        ("并会同", Word.With), ("会同", Word.With),
        ("做好技术支持和指导", Word.Support), ("做好技术支持", Word.Support), ("做好指导工作", Word.Support), ("做好指导", Word.Support),
        ("做好配合工作", Word.Support), ("做好配合", Word.Support), ("配合做好", Word.Support), ("配合", Word.Support), ("协助", Word.Support),
        ("参与", Word.Support), ("协同", Word.Support), ("提供技术支持", Word.Support), ("提供支持", Word.Support), ("指导", Word.Support),
        ("做好", Word.Do),
    }.OrderByDescending(w => w.Item1.Length).ToArray();

    private static readonly (string Label, OwnerRole? Role)[] Labels =
    [
        ("责任单位", OwnerRole.Lead), ("牵头单位", OwnerRole.Lead), ("主责单位", OwnerRole.Lead), ("责任部门", OwnerRole.Lead),
        ("牵头部门", OwnerRole.Lead), ("责任主体", OwnerRole.Lead), ("配合单位", OwnerRole.Support), ("协办单位", OwnerRole.Support),
        ("参与单位", OwnerRole.Support), ("配合部门", OwnerRole.Support), ("完成时限", null), ("完成时间", null), ("时间要求", null),
        ("时限要求", null), ("完成期限", null),
    ];

    private static readonly string[] ListLabels = ["牵头单位", "成员单位", "责任单位", "包括", "主要包括", "含"];

    /// <summary>Parses a responsibility phrase. <paramref name="bareRole"/> is the role of names given without a role word.</summary>
    public static OwnerParse Parse(Passage phrase, OwnerRole bareRole = OwnerRole.Lead)
    {
        var result = new OwnerParse();
        var first = true;
        foreach (var duty in SplitTopLevel(phrase, ';', '。'))
        {
            var d = duty.Trim().TrimEnd(".,、");
            if (d.IsEmpty) continue;
            var label = LabelAt(d.Text);
            if (label is { } l)
            {
                result.HasRoleWord = true;
                if (first) result.StartsWithOwners = true;
                var rest = d.Slice(l.Length).Trim();
                if (l.Role is null)
                {
                    result.TimeParts.Add(rest);
                }
                else
                {
                    new Statements(result, rest, l.Role.Value, first, labelled: true).Run();
                }
            }
            else
            {
                new Statements(result, d, bareRole, first, labelled: false).Run();
            }
            first = false;
        }
        return result;
    }

    private static (int Length, OwnerRole? Role)? LabelAt(string text)
    {
        foreach (var (label, role) in Labels)
        {
            if (text.StartsWith(label, StringComparison.Ordinal) && text.Length > label.Length && text[label.Length] == ':')
            {
                return (label.Length + 1, role);
            }
        }
        return null;
    }

    /// <summary>Splits at the given separators outside brackets.</summary>
    public static List<Passage> SplitTopLevel(Passage passage, params char[] separators)
    {
        var parts = new List<Passage>();
        var text = passage.Text;
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsOpen(c)) depth++;
            else if (IsClose(c)) depth = Math.Max(0, depth - 1);
            else if (depth == 0 && separators.Contains(c))
            {
                parts.Add(passage.Between(start, i));
                start = i + 1;
            }
        }
        parts.Add(passage.Between(start, text.Length));
        return parts;
    }

    private static bool IsOpen(char c) => c is '(' or '[' or '【' or '〔' or '《' or '“';

    private static bool IsClose(char c) => c is ')' or ']' or '】' or '〕' or '》' or '”';

    private static (string Text, Word Word)? WordAt(string text, int i)
    {
        foreach (var w in Words)
        {
            if (string.CompareOrdinal(text, i, w.Text, 0, w.Text.Length) == 0) return w;
        }
        return null;
    }

    private static bool At(string text, int i, string word) => string.CompareOrdinal(text, i, word, 0, word.Length) == 0;

    /// <summary>The statements of one duty, parsed left to right.</summary>
    private sealed class Statements(OwnerParse result, Passage duty, OwnerRole bareRole, bool firstDuty, bool labelled)
    {
        private readonly string _text = duty.Text;
        private readonly List<(UnitMention Unit, bool Container)> _pending = [];

        // Units marked as the lead inside a list of owners: 区财政局(牵头)、区民政局.
        private readonly HashSet<UnitMention> _marked = [];
        private bool _firstChunk = firstDuty;

        public void Run()
        {
            var pos = 0;
            while (true)
            {
                pos = SkipConnectors(pos);
                if (pos >= _text.Length) break;
                var (names, after, ok) = ScanNames(pos);
                if (!ok)
                {
                    var end = NextComma(pos);
                    result.Leftovers.Add(duty.Between(pos, end).Trim());
                    _firstChunk = false;
                    pos = end;
                    continue;
                }
                if (_firstChunk) result.StartsWithOwners = true;
                _firstChunk = false;
                var word = WordAt(_text, after);
                if (word is null || labelled)
                {
                    _pending.AddRange(names);
                    pos = after;
                    if (labelled && word is not null) pos = NextComma(after);
                    continue;
                }
                result.HasRoleWord = true;
                result.IsBareList = false;
                var subjects = _pending.Concat(names).ToList();
                _pending.Clear();
                pos = after + word.Value.Text.Length;
                switch (word.Value.Word)
                {
                    case Word.LeadHead:
                        Assign(OwnerRole.Lead, subjects);
                        pos = OptionalVerb(pos);
                        var next = SkipSpacesAndCommas(pos);
                        if (WordAt(_text, next) is { Word: Word.With } with)
                        {
                            pos = ParseWith(next + with.Text.Length);
                        }
                        break;
                    case Word.Lead:
                    case Word.Verb:
                        Assign(OwnerRole.Lead, subjects);
                        pos = ParseObject(pos);
                        break;
                    case Word.With:
                        Assign(OwnerRole.Lead, subjects);
                        pos = ParseWith(pos);
                        break;
                    case Word.Support:
                        Assign(OwnerRole.Support, subjects);
                        pos = ParseObject(pos);
                        break;
                    case Word.Do:
                        var end = NextComma(pos);
                        var work = _text[pos..end];
                        var supporting = work.Contains("指导") || work.Contains("支持") || work.Contains("配合") || work.Contains("协助");
                        var hasLead = result.Assignments.Any(a => a.Role == OwnerRole.Lead);
                        Assign(supporting || hasLead ? OwnerRole.Support : OwnerRole.Lead, subjects);
                        if (work.Trim().Length > 0) result.HasDetail = true;
                        pos = end;
                        break;
                }
            }
            if (_pending.Count > 0)
            {
                Assign(bareRole, [.. _pending]);
                _pending.Clear();
            }
        }

        private void Assign(OwnerRole role, List<(UnitMention Unit, bool Container)> units)
        {
            // In 区财政局(牵头)、区民政局 the marked unit leads (whatever the statement says) and the others work with it.
            var marked = role == OwnerRole.Lead && units.Any(u => _marked.Contains(u.Unit));
            foreach (var (unit, container) in units)
            {
                // The group named before a bracketed list of lead units works with them.
                var effective = _marked.Contains(unit) ? OwnerRole.Lead
                    : (container || marked) && role == OwnerRole.Lead ? OwnerRole.With
                    : role;
                result.Assignments.Add(new OwnerAssignment(effective, unit));
            }
        }

        private int ParseWith(int pos)
        {
            var (names, after, ok) = ScanNames(SkipSpacesAndCommas(pos));
            if (!ok || names.Count == 0)
            {
                var end = NextComma(pos);
                result.Leftovers.Add(duty.Between(pos, end).Trim());
                return end;
            }
            Assign(OwnerRole.With, names);
            var word = WordAt(_text, after);
            if (word is { Word: not Word.With } verb)
            {
                return ParseObject(after + verb.Text.Length);
            }
            if (after < _text.Length && word is null)
            {
                // Something other than a verb follows the 会同 list: keep it as a leftover.
                var end = NextComma(after);
                if (end > after) result.Leftovers.Add(duty.Between(after, end).Trim());
                return end;
            }
            return after;
        }

        private int OptionalVerb(int pos)
        {
            foreach (var verb in new[] { "办理", "落实", "负责", "实施" })
            {
                if (At(_text, pos, verb)) return pos + verb.Length;
            }
            return pos;
        }

        /// <summary>What a verb governs (<c>办理区政府…工作</c>): understood, kept as detail, never owners.</summary>
        private int ParseObject(int pos)
        {
            var end = NextComma(pos);
            if (_text[pos..end].Trim().Trim('。', '.').Length > 0) result.HasDetail = true;
            return end;
        }

        private int SkipConnectors(int pos)
        {
            while (pos < _text.Length)
            {
                var c = _text[pos];
                if (NoticeDocument.IsSpace(c) || c is ',' or '、' or '.') pos++;
                else if (At(_text, pos, "以及")) pos += 2;
                else if (c is '及' or '并' or '由' or '和' or '与' or '另') pos++;
                else break;
            }
            return pos;
        }

        private int SkipSpacesAndCommas(int pos)
        {
            while (pos < _text.Length && (NoticeDocument.IsSpace(_text[pos]) || _text[pos] == ',')) pos++;
            return pos;
        }

        private int NextComma(int pos)
        {
            var depth = 0;
            for (var i = pos; i < _text.Length; i++)
            {
                var c = _text[i];
                if (IsOpen(c)) depth++;
                else if (IsClose(c)) depth = Math.Max(0, depth - 1);
                else if (depth == 0 && c == ',') return i;
            }
            return _text.Length;
        }

        /// <summary>
        /// Names separated by <c>、</c>, <c>以及</c> or <c>,以及</c>, up to a role word, a plain comma or the end.
        /// ok is false when a name does not read as a unit.
        /// </summary>
        private (List<(UnitMention Unit, bool Container)> Names, int After, bool Ok) ScanNames(int pos)
        {
            var raw = new List<Passage>();
            var i = pos;
            var nameStart = pos;
            var depth = 0;
            while (i < _text.Length)
            {
                var c = _text[i];
                if (IsOpen(c))
                {
                    depth++;
                    i++;
                    continue;
                }
                if (IsClose(c))
                {
                    depth = Math.Max(0, depth - 1);
                    i++;
                    continue;
                }
                if (depth > 0)
                {
                    i++;
                    continue;
                }
                if (c == '、')
                {
                    raw.Add(duty.Between(nameStart, i));
                    nameStart = ++i;
                    continue;
                }
                if (At(_text, i, "以及"))
                {
                    raw.Add(duty.Between(nameStart, i));
                    i += 2;
                    nameStart = i;
                    continue;
                }
                if (c == ',')
                {
                    var j = i + 1;
                    while (j < _text.Length && NoticeDocument.IsSpace(_text[j])) j++;
                    if (At(_text, j, "以及") || (j < _text.Length && _text[j] == '及'))
                    {
                        raw.Add(duty.Between(nameStart, i));
                        i = j + (At(_text, j, "以及") ? 2 : 1);
                        nameStart = i;
                        continue;
                    }
                    break;
                }
                if (c is ';' or '。') break;
                if (i > nameStart && WordAt(_text, i) is not null) break;
                i++;
            }
            raw.Add(duty.Between(nameStart, i));
            var names = new List<(UnitMention Unit, bool Container)>();
            var each = false;
            foreach (var part in raw)
            {
                var trimmed = part.Trim();
                if (trimmed.IsEmpty) continue;
                var count = names.Count;
                if (!Expand(trimmed, names)) return (names, i, false);
                // "各镇人民政府、街道办事处": the 各 of a list carries over to the kinds of unit that follow it.
                if (each && names.Count == count + 1 && UnitNames.IsUnitKind(names[count].Unit.Name))
                {
                    names[count] = (names[count].Unit with { Name = "各" + names[count].Unit.Name }, names[count].Container);
                }
                each = names.Count > count && names[^1].Unit.Name.StartsWith('各');
            }
            return (names, i, names.Count > 0);
        }

        /// <summary>Turns one listed name into mentions: <c>A等有关单位</c>, <c>G(牵头单位:A、B等)</c>, <c>A和B</c>.</summary>
        private bool Expand(Passage name, List<(UnitMention, bool)> into)
        {
            var text = name.Text;
            // 区财政局(牵头): the unit that leads, in a list of owners.
            foreach (var marker in new[] { "(牵头)", "(牵头单位)", "(主责)", "(主责单位)" })
            {
                if (text.EndsWith(marker, StringComparison.Ordinal) && text.Length > marker.Length)
                {
                    var count = into.Count;
                    if (!Expand(name.Slice(0, text.Length - marker.Length).Trim(), into)) return false;
                    for (var k = count; k < into.Count; k++) _marked.Add(into[k].Item1);
                    return true;
                }
            }
            // G(牵头单位:A、B…等)
            var open = text.IndexOf('(');
            if (open > 0 && text.EndsWith(')'))
            {
                var inner = name.Between(open + 1, text.Length - 1).Trim();
                var innerText = inner.Text;
                foreach (var label in ListLabels)
                {
                    if (innerText.StartsWith(label, StringComparison.Ordinal))
                    {
                        var listStart = label.Length;
                        while (listStart < innerText.Length && (innerText[listStart] == ':' || NoticeDocument.IsSpace(innerText[listStart]))) listStart++;
                        var group = name.Slice(0, open).Trim();
                        if (!UnitNames.LooksLikeUnit(UnitNames.Clean(group.Text))) return false;
                        var listed = new List<(UnitMention, bool)>();
                        foreach (var item in SplitTopLevel(inner.Slice(listStart), '、', ','))
                        {
                            var t = item.Trim();
                            if (t.IsEmpty) continue;
                            if (!Expand(t, listed)) return false;
                        }
                        into.Add((new UnitMention(UnitNames.Clean(group.Text), group), true));
                        into.AddRange(listed);
                        result.HasDetail = true;
                        return true;
                    }
                }
            }
            foreach (var (ending, groupName) in new[] { ("等有关单位", "有关单位"), ("等相关单位", "有关单位"), ("等有关部门", "有关部门"), ("等相关部门", "有关部门") })
            {
                if (text.EndsWith(ending, StringComparison.Ordinal))
                {
                    var head = name.Slice(0, text.Length - ending.Length).Trim();
                    var tail = name.Slice(text.Length - ending.Length + 1);
                    if (!head.IsEmpty && !Expand(head, into)) return false;
                    into.Add((new UnitMention(groupName, tail), false));
                    return true;
                }
            }
            foreach (var ending in new[] { "等单位", "等部门", "等" })
            {
                if (text.EndsWith(ending, StringComparison.Ordinal) && text.Length > ending.Length)
                {
                    result.HasDetail = true;
                    return Expand(name.Slice(0, text.Length - ending.Length).Trim(), into);
                }
            }
            // "区卫生健康局和区民政局": split at 和/及/与 only when every part is a unit by itself
            // (so 区城市管理和综合执法局 stays whole).
            foreach (var joiner in new[] { '和', '及', '与' })
            {
                var parts = SplitTopLevel(name, joiner);
                if (parts.Count > 1 && parts.All(p => p.Trim().Length >= 3 && UnitNames.LooksLikeUnit(UnitNames.Clean(p.Trim().Text))))
                {
                    foreach (var p in parts) into.Add((new UnitMention(UnitNames.Clean(p.Trim().Text), p.Trim()), false));
                    return true;
                }
            }
            var clean = UnitNames.Clean(text);
            if (!UnitNames.LooksLikeUnit(clean)) return false;
            into.Add((new UnitMention(clean, name), false));
            return true;
        }
    }
}
