using System.Globalization;
using PlanRules.Syntax;

namespace PlanRules.Import;

/// <summary>
/// Builds the draft's section tree and tasks from the body of a notice, cell by cell, in one of three
/// layouts (<see cref="LayoutMode"/>). Headings repeated because a table wrapped across pages are merged;
/// owner lines, deadline cells and owners in trailing brackets attach to the task they follow; text that
/// belongs nowhere becomes a note on the nearest task with a PR4001 finding. Nothing is dropped.
/// </summary>
internal sealed class PlanAssembler(LayoutMode mode, UnitRegistry units, ImportDiagnostics diagnostics, int? planYear)
{
    // The most comma clauses, and characters, a task's trailing owner clause may have (…,区财政局牵头,各有关单位配合,2021年底前完成).
    private const int MaxOwnerClauses = 4;
    private const int MaxOwnerTail = 200;

    private readonly ImportedPlan _plan = new();
    private readonly HashSet<string> _sectionIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _taskIds = new(StringComparer.Ordinal);
    private readonly List<Passage> _pendingNotes = [];
    private readonly List<(Passage Text, bool Bare)> _pendingTimes = [];
    private readonly List<(OwnerRole Role, string Unit)> _rootOwners = [];
    private ImportedSection? _section;
    private ImportedSection? _sub;
    private ImportedTask? _task;
    private List<ColumnRole>? _columns;
    private int _paragraphs;

    public ImportedPlan Plan => _plan;

    /// <summary>
    /// The notice numbers its tasks anew under each heading (一、 1. 2. 二、 1. 2.): task ids are qualified by the
    /// heading they stand under (<c>2.1</c>), so they stay unique and match the notice.
    /// </summary>
    public bool QualifiedIds { get; init; }

    /// <summary>The column roles of the table being read (from its header cells).</summary>
    public void SetColumns(List<ColumnRole> columns) => _columns = columns;

    /// <summary>Text the header could not place: a note on the first task.</summary>
    public void AddPendingNote(Passage passage) => _pendingNotes.Add(passage);

    /// <summary>Reads the cells of one row (or one whole line).</summary>
    public void Read(IReadOnlyList<NoticeCell> row)
    {
        for (var i = 0; i < row.Count; i++)
        {
            var cell = row[i];
            if (cell.Text.IsEmpty) continue;
            var role = RoleOf(cell);
            // A task-column cell without numbering, in the row of a numbered task: it names the group (a subsection).
            if (mode == LayoutMode.Numbered && role == ColumnRole.Task && cell.Heading is null
                && row.Skip(i + 1).Any(c => c.HeadingAccepted && c.Heading is { Kind: HeadingKind.Task or HeadingKind.Number }))
            {
                OpenSubsection(null, cell.Text);
                continue;
            }
            ReadCell(cell, role);
        }
    }

    private ColumnRole? RoleOf(NoticeCell cell)
    {
        if (cell.Row < 0 || _columns is null) return null;
        if (cell.Count == _columns.Count) return _columns[cell.Index];
        if (cell.Count < _columns.Count) return _columns[_columns.Count - cell.Count + cell.Index];
        return null;
    }

    private void ReadCell(NoticeCell cell, ColumnRole? role)
    {
        var text = cell.Text;
        var heading = cell.Heading;
        if (heading is { Kind: HeadingKind.Section })
        {
            OpenSection(heading.Value, text);
            return;
        }
        if (heading is { Kind: HeadingKind.Subsection })
        {
            if (mode == LayoutMode.Lettered) OpenLetteredTask(heading.Value, text);
            else OpenSubsection(heading.Value, text);
            return;
        }
        if (heading is { Kind: HeadingKind.Task or HeadingKind.Number } && cell.HeadingAccepted && mode == LayoutMode.Numbered)
        {
            OpenNumberedTask(heading.Value, text);
            return;
        }
        if (role is ColumnRole.Task or ColumnRole.Requirement)
        {
            // What the task is: never owners or a deadline cell, whatever it looks like.
            ReadText(text);
            return;
        }
        if (role == ColumnRole.Deadline || TimePhraseParser.IsTimeOnly(text, planYear))
        {
            if (_task is not null) _task.TimeTexts.Add((text, true));
            else _pendingTimes.Add((text, true));
            return;
        }
        if (role == ColumnRole.Remark)
        {
            if (_task is not null) _task.Notes.Add("备注：" + text.Original);
            else _pendingNotes.Add(text);
            return;
        }
        // An owner line may stand in brackets of its own: (区财政局牵头,区各有关单位配合).
        var owned = TrailingBracket(text.TrimEnd("。.;,")) is (0, var bracketed) ? bracketed : text;
        var parse = OwnerPhraseParser.Parse(owned, role == ColumnRole.Support ? OwnerRole.Support : OwnerRole.Lead);
        if (parse.IsOwnerLine || (role is ColumnRole.Owner or ColumnRole.Support && parse.Assignments.Count > 0 && parse.StartsWithOwners))
        {
            ReadOwners(parse, owned);
            return;
        }
        ReadText(text);
    }

    private void OpenSection(Heading heading, Passage line)
    {
        var title = TitleText(heading.Title);
        if (_section is not null && _section.Number == heading.Number && SameText(_section.Title, title)) return;
        AbandonOpenParagraph();
        var id = UniqueSectionId(heading.Number.ToString(CultureInfo.InvariantCulture));
        _section = new ImportedSection(id, title, heading.Number, line, null);
        _plan.Members.Add(_section);
        _sub = null;
        _task = null;
    }

    /// <summary>Opens a <c>(一)</c> subsection, or an unnumbered one (a task-column cell) when <paramref name="heading"/> is null.</summary>
    private void OpenSubsection(Heading? heading, Passage line)
    {
        var (titlePassage, owners) = SplitTrailingOwners(heading?.Title ?? line);
        var title = TitleText(titlePassage);
        var number = heading?.Number ?? (_section?.SubsectionCount ?? _plan.Members.OfType<ImportedSection>().Count()) + 1;
        if (_sub is not null && SameText(_sub.Title, title) && (heading is null || _sub.Number == number)) return;
        AbandonOpenParagraph();
        var id = UniqueSectionId(_section is null ? number.ToString(CultureInfo.InvariantCulture) : $"{_section.Id}.{number}");
        _sub = new ImportedSection(id, title, number, line, _section);
        if (_section is not null)
        {
            _section.Members.Add(_sub);
            _section.SubsectionCount++;
        }
        else
        {
            _plan.Members.Add(_sub);
        }
        foreach (var (parse, _) in owners)
        {
            foreach (var a in parse.Assignments) _sub.HeadingOwners.Add((a.Role, units.Resolve(a.Unit, null)));
        }
        _task = null;
    }

    private void OpenNumberedTask(Heading heading, Passage line)
    {
        var (title, owners) = SplitTrailingOwners(heading.Title);
        if (_task is not null && _task.Number == heading.Number && _task.TitleParts.Count > 0 && SameText(_task.TitleParts[0].Text, title.Text)) return;
        var parent = _sub ?? _section;
        var id = heading.Number.ToString(CultureInfo.InvariantCulture);
        if (QualifiedIds && parent is not null) id = parent.Id + "." + id;
        var task = NewTask(id, heading.Number, line, parent);
        AddTitle(task, title, owners);
    }

    private void OpenLetteredTask(Heading heading, Passage line)
    {
        var (title, owners) = SplitTrailingOwners(heading.Title);
        if (_task is not null && _task.Number == heading.Number && _task.TitleParts.Count > 0 && SameText(_task.TitleParts[0].Text, title.Text)) return;
        var id = _section is null ? heading.Number.ToString(CultureInfo.InvariantCulture) : $"{_section.Id}.{heading.Number}";
        var task = NewTask(id, heading.Number, line, _section);
        AddTitle(task, title, owners);
    }

    private ImportedTask NewTask(string id, int number, Passage heading, ImportedSection? parent)
    {
        if (!_taskIds.Add(id))
        {
            var wanted = id;
            var n = _plan.Tasks.Count + 1;
            while (!_taskIds.Add(n.ToString(CultureInfo.InvariantCulture))) n++;
            id = n.ToString(CultureInfo.InvariantCulture);
            diagnostics.NotUnderstood("PR4001_Renumbered", heading, id, wanted, id);
        }
        var task = new ImportedTask(id, number, heading, parent);
        (parent?.Members ?? _plan.Members).Add(task);
        _plan.Tasks.Add(task);
        foreach (var note in _pendingNotes)
        {
            task.Notes.Add(note.Original);
            diagnostics.NotUnderstood(note, task.Id);
        }
        _pendingNotes.Clear();
        task.TimeTexts.AddRange(_pendingTimes);
        _pendingTimes.Clear();
        _task = task;
        return task;
    }

    private void AddTitle(ImportedTask task, Passage title, List<(OwnerParse Parse, Passage At)> owners)
    {
        if (!title.IsEmpty)
        {
            task.TitleParts.Add(title);
            task.TimeTexts.Add((title, false));
        }
        foreach (var (parse, at) in owners) AddOwners(task, parse, at);
    }

    private void ReadOwners(OwnerParse parse, Passage text)
    {
        if (_task is null)
        {
            // Owners under a heading, before any task: they belong to the tasks of that heading that name none.
            var target = _sub?.HeadingOwners ?? _section?.HeadingOwners ?? _rootOwners;
            foreach (var a in parse.Assignments) target.Add((a.Role, units.Resolve(a.Unit, null)));
            foreach (var leftover in parse.Leftovers.Where(l => !l.IsEmpty)) _pendingNotes.Add(leftover);
            _pendingTimes.AddRange(parse.TimeParts.Select(t => (t, true)));
            return;
        }
        AddOwners(_task, parse, text);
        if (mode == LayoutMode.Paragraphs) _task.Closed = true;
    }

    private void AddOwners(ImportedTask task, OwnerParse parse, Passage text)
    {
        // A second bare list of names in a table with a 配合单位 column names the supporting units.
        var supportColumn = parse.IsBareList && task.HasBareOwnerCell && _columns?.Contains(ColumnRole.Support) == true;
        foreach (var a in parse.Assignments)
        {
            var role = supportColumn && a.Role == OwnerRole.Lead ? OwnerRole.Support : a.Role;
            task.AddOwner(role, units.Resolve(a.Unit, task.Id));
        }
        if (parse.IsBareList) task.HasBareOwnerCell = true;
        if (parse.Assignments.Count > 0) task.HasOwnerLine = true;
        if (parse.HasDetail) task.Notes.Add("责任单位原文：" + text.Original);
        foreach (var leftover in parse.Leftovers)
        {
            if (leftover.IsEmpty) continue;
            if (TimePhraseParser.IsTimeOnly(leftover, planYear))
            {
                task.TimeTexts.Add((leftover, true));
                continue;
            }
            task.Notes.Add(leftover.Original);
            diagnostics.NotUnderstood(leftover, task.Id);
        }
        task.TimeTexts.AddRange(parse.TimeParts.Select(t => (t, true)));
    }

    private void ReadText(Passage text)
    {
        switch (mode)
        {
            case LayoutMode.Paragraphs:
                if (_task is null || _task.Closed)
                {
                    var (title, owners) = SplitTrailingOwners(text);
                    _paragraphs++;
                    var id = _paragraphs.ToString(CultureInfo.InvariantCulture);
                    var task = NewTask(id, _paragraphs, text, _sub ?? _section);
                    AddTitle(task, title, owners);
                    if (owners.Count > 0) task.Closed = true;
                }
                else
                {
                    Append(_task, text);
                }
                break;
            case LayoutMode.Lettered:
                if (_task is not null) Append(_task, text);
                else _pendingNotes.Add(text);
                break;
            default:
                if (_task is not null && !_task.HasOwnerLine)
                {
                    Append(_task, text);
                }
                else if (_task is not null)
                {
                    _task.Notes.Add(text.Original);
                    diagnostics.NotUnderstood(text, _task.Id);
                }
                else
                {
                    _pendingNotes.Add(text);
                }
                break;
        }
    }

    private void Append(ImportedTask task, Passage text)
    {
        var (title, owners) = SplitTrailingOwners(text);
        AddTitle(task, title, owners);
        if (mode == LayoutMode.Paragraphs && owners.Count > 0) task.Closed = true;
    }

    /// <summary>No-numbering layout: a paragraph never followed by an owner line is not a task; it becomes a note.</summary>
    private void AbandonOpenParagraph()
    {
        if (mode != LayoutMode.Paragraphs || _task is null || _task.HasOwnerLine) return;
        var task = _task;
        _task = null;
        _plan.Tasks.Remove(task);
        (task.Parent?.Members ?? _plan.Members).Remove(task);
        _taskIds.Remove(task.Id);
        _paragraphs--;
        var previous = _plan.Tasks.LastOrDefault();
        foreach (var part in task.TitleParts)
        {
            if (previous is not null)
            {
                previous.Notes.Add(part.Original);
                diagnostics.NotUnderstood(part, previous.Id);
            }
            else
            {
                _pendingNotes.Add(part);
            }
        }
        foreach (var note in task.Notes) previous?.Notes.Add(note);
    }

    /// <summary>Ends the body: leftovers go to the last task (or, in a notice without tasks, stay unplaced).</summary>
    public ImportedPlan Finish()
    {
        AbandonOpenParagraph();
        var last = _plan.Tasks.LastOrDefault();
        foreach (var note in _pendingNotes)
        {
            if (last is not null)
            {
                last.Notes.Add(note.Original);
                diagnostics.NotUnderstood(note, last.Id);
            }
            else
            {
                _plan.Unplaced.Add(note);
                diagnostics.NotUnderstood(note, null);
            }
        }
        _pendingNotes.Clear();
        if (last is not null) last.TimeTexts.AddRange(_pendingTimes);
        else foreach (var (time, _) in _pendingTimes)
        {
            _plan.Unplaced.Add(time);
            diagnostics.NotUnderstood(time, null);
        }
        _pendingTimes.Clear();
        return _plan;
    }

    /// <summary>
    /// Owners at the end of a text: in a trailing bracket <c>(省教育厅牵头,各地级市政府配合)</c> (or <c>【】</c>, <c>[]</c>) or a last sentence
    /// <c>区财政局牵头。</c> or clause <c>,由区财政局负责</c>; the owners may carry a deadline (<c>区发展改革局牵头，各有关单位配合，2021年底前完成。</c>).
    /// </summary>
    private (Passage Title, List<(OwnerParse Parse, Passage At)> Owners) SplitTrailingOwners(Passage text)
    {
        var owners = new List<(OwnerParse, Passage)>();
        var trimmed = text.TrimEnd("。.;,");
        if (TrailingBracket(trimmed) is var (open, inner) && open > 0)
        {
            var parse = OwnerPhraseParser.Parse(inner);
            if (parse.StartsWithOwners && parse.Assignments.Count > 0 && OnlyTime(parse.Leftovers))
            {
                owners.Add((parse, inner));
                return (trimmed.Slice(0, open).TrimEnd(), owners);
            }
        }
        // The last sentence, or the last clauses of it (…,由区财政局负责): the longest tail that reads as owners. A
        // clause must be nothing but owners and role words (…,各部门协同联动… is a requirement, not owners).
        var sentences = OwnerPhraseParser.SplitTopLevel(trimmed, '。');
        var starts = new List<(int Start, bool Clause)>();
        if (sentences.Count >= 2) starts.Add((sentences[^1].Start, false));
        // Only the last few clauses, and a short tail: owners are a short phrase, and a long line must stay linear.
        var clauses = OwnerPhraseParser.SplitTopLevel(sentences[^1], ',');
        starts.AddRange(clauses.Skip(Math.Max(1, clauses.Count - MaxOwnerClauses))
            .Where(c => trimmed.End - c.Start <= MaxOwnerTail)
            .Select(c => (c.Start, true)));
        foreach (var (start, clause) in starts)
        {
            var tail = trimmed.Slice(start - trimmed.Start).Trim();
            if (tail.IsEmpty) continue;
            var parse = OwnerPhraseParser.Parse(tail);
            if (parse.IsOwnerLine && parse.HasRoleWord && OnlyTime(parse.Leftovers) && !(clause && parse.HasDetail))
            {
                owners.Add((parse, tail));
                return (trimmed.Slice(0, start - trimmed.Start).TrimEnd(","), owners);
            }
        }
        return (text, owners);
    }

    /// <summary>
    /// The bracket a text ends with — <c>(区财政局牵头)</c>, <c>【责任单位:区民政局】</c> or <c>[…]</c> — as the offset of its
    /// opening bracket and the text inside; null when the text does not end with a closed bracket.
    /// </summary>
    private static (int Open, Passage Inner)? TrailingBracket(Passage text)
    {
        var s = text.Text;
        var opener = s.Length == 0 ? '\0' : s[^1] switch { ')' => '(', '】' => '【', ']' => '[', _ => '\0' };
        if (opener == '\0') return null;
        var closer = s[^1];
        var depth = 0;
        for (var i = s.Length - 1; i >= 0; i--)
        {
            if (s[i] == closer) depth++;
            else if (s[i] == opener && --depth == 0) return (i, text.Between(i + 1, s.Length - 1));
        }
        return null;
    }

    /// <summary>True when what an owner phrase left over is nothing, or only deadlines (<see cref="AddOwners"/> takes those as the due).</summary>
    private bool OnlyTime(List<Passage> leftovers) => leftovers.All(l => l.IsEmpty || TimePhraseParser.IsTimeOnly(l, planYear));

    private string UniqueSectionId(string wanted)
    {
        if (_sectionIds.Add(wanted)) return wanted;
        var prefix = wanted.Contains('.') ? wanted[..(wanted.LastIndexOf('.') + 1)] : "";
        for (var n = 1; ; n++)
        {
            var candidate = prefix + n.ToString(CultureInfo.InvariantCulture);
            if (_sectionIds.Add(candidate)) return candidate;
        }
    }

    /// <summary>A heading's title: its text without the closing 。.</summary>
    private static string TitleText(Passage title) => title.TrimEnd("。.;,:").Original.Trim();

    private static bool SameText(string a, string b) =>
        PageFurniture.Squeeze(NoticeDocument.Normalize(a)).TrimEnd('。', '.') == PageFurniture.Squeeze(NoticeDocument.Normalize(b)).TrimEnd('。', '.');

    /// <summary>Root-level owners stated before any task (applied like heading owners).</summary>
    public IReadOnlyList<(OwnerRole Role, string Unit)> RootOwners => _rootOwners;
}
