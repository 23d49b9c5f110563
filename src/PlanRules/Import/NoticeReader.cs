using System.Collections.Immutable;
using PlanRules.Syntax;

namespace PlanRules.Import;

/// <summary>
/// Walks a notice: drops page furniture, splits table rows into cells, reads the header (title, document
/// number, issue date, issuer, plan year), decides the layout, feeds the body to the
/// <see cref="PlanAssembler"/> and writes the draft text.
/// </summary>
internal sealed class NoticeReader(NoticeDocument document, ImportDiagnostics diagnostics, ImmutableArray<SkippedLine>.Builder skipped)
{
    private enum EntryKind
    {
        Furniture,
        ColumnHeader,
        HeaderRow,
        RuleRow,
        Content,
    }

    private sealed record Entry(EntryKind Kind, NoticeLine Line, List<NoticeCell> Cells, List<ColumnRole>? Columns);

    public string Read()
    {
        var entries = Split();
        var attachments = Attachments(entries);
        var (mode, restartsNumbering) = Recognize(entries, attachments);
        var bodyStart = BodyStart(entries, mode);

        // The header.
        var header = new NoticeHeader();
        var pending = new List<Passage>();
        List<ColumnRole>? columns = null;
        var previousWasColumnHeader = false;
        for (var i = 0; i < bodyStart; i++)
        {
            var entry = entries[i];
            columns = TrackColumns(entry, columns, ref previousWasColumnHeader);
            if (entry.Kind != EntryKind.Content)
            {
                Skip(entry.Line, entry.Kind.ToString());
                continue;
            }
            foreach (var cell in entry.Cells)
            {
                if (cell.Text.IsEmpty) continue;
                var kind = HeaderRecognizer.Classify(cell.Text, header);
                if (kind == HeaderLineKind.Unknown) pending.Add(cell.Text);
                else Skip(entry.Line, "Header:" + kind);
            }
        }
        HeaderRecognizer.Complete(header);

        var places = new List<string>();
        foreach (var name in new[] { header.Issuer, header.Source, header.TitleIssuer, header.Title })
        {
            if (name is null) continue;
            foreach (var place in UnitNames.PlacesOf(NoticeDocument.Normalize(name))) if (!places.Contains(place)) places.Add(place);
        }
        var units = new UnitRegistry(places, diagnostics);
        var assembler = new PlanAssembler(mode, units, diagnostics, header.Year) { QualifiedIds = restartsNumbering };
        if (columns is not null) assembler.SetColumns(columns);
        foreach (var passage in pending) assembler.AddPendingNote(passage);

        // The body, up to the signature that may close the notice.
        var bodyEnd = ClosingSignature(entries, bodyStart, header);
        var footer = false;
        for (var i = bodyStart; i < entries.Count; i++)
        {
            if (i >= bodyEnd)
            {
                Skip(entries[i].Line, "Header:Signature");
                continue;
            }
            var entry = entries[i];
            var text = entry.Line.Content.Text;
            if (footer)
            {
                Skip(entry.Line, "Footer");
                continue;
            }
            if (assembler.Plan.Tasks.Count > 0 && PageFurniture.IsFooterMarker(text) && !entry.Cells.Any(c => c.IsStructural))
            {
                // 附件 followed by a table or by 一、 sections is an attachment with plan content, not the page footer.
                footer = !attachments[i];
                Skip(entry.Line, "Footer");
                continue;
            }
            var before = columns;
            columns = TrackColumns(entry, columns, ref previousWasColumnHeader);
            if (!ReferenceEquals(before, columns) && columns is not null) assembler.SetColumns(columns);
            if (entry.Kind != EntryKind.Content)
            {
                Skip(entry.Line, entry.Kind.ToString());
                continue;
            }
            if (HeaderRecognizer.IsMetadata(text) && !entry.Cells.Any(c => c.IsStructural))
            {
                Skip(entry.Line, "Metadata");
                continue;
            }
            assembler.Read(entry.Cells);
        }

        var plan = assembler.Finish();
        if (plan.Tasks.Count == 0)
        {
            // An empty file, page furniture only, or a text that is not a plan: say so rather than print a bare header.
            diagnostics.NotUnderstood("PR4001_NoTasks", new Passage(document, 0, 0), null);
        }
        TaskFinalizer.Complete(plan, assembler, units, diagnostics, header.Year);
        var issuer = header.IssuingOffice is var (issuerName, issuerAt) ? units.ResolveIssuer(issuerName, issuerAt) : null;
        var title = header.Title ?? header.NoticeTitle ?? FirstContent(entries) ?? "导入的计划";
        var label = header.DocumentNumber ?? (Path.GetFileName(document.Source.Path) is { Length: > 0 } file ? file : "notice");
        return PlanTextWriter.Write(plan, new PlanHeaderValues(title, header.DocumentNumber, header.Issued, header.Year, issuer), units, label);
    }

    /// <summary>
    /// A notice usually ends with its signature: the issuing office on one line and the date under it
    /// (<c>番禺区人民政府办公室</c> / <c>2021年7月20日</c>), perhaps followed by a closing remark
    /// (<c>（此件公开发布）</c>). Those lines belong to the header (issuer, issue date), not to the last task.
    /// Returns where the body ends: the signature's first entry (what follows it is skipped), or
    /// <c>entries.Count</c> when there is none.
    /// </summary>
    private static int ClosingSignature(List<Entry> entries, int bodyStart, NoticeHeader header)
    {
        var last = PreviousContent(entries, entries.Count - 1, bodyStart);
        // Closing remarks after the date (此件公开发布, 联系人 …) are letter lines.
        while (last >= bodyStart && SingleCell(entries[last]) is { } remark && HeaderRecognizer.Classify(remark.Text, null) == HeaderLineKind.Letter)
        {
            last = PreviousContent(entries, last - 1, bodyStart);
        }
        if (last < bodyStart || SingleCell(entries[last]) is not { } date || HeaderRecognizer.Classify(date.Text, null) != HeaderLineKind.Date) return entries.Count;
        var signer = PreviousContent(entries, last - 1, bodyStart);
        if (signer < bodyStart || SingleCell(entries[signer]) is not { } office || HeaderRecognizer.Classify(office.Text, null) != HeaderLineKind.Signature) return entries.Count;
        // Record what they say (the first issuer and date seen win, as in the header).
        HeaderRecognizer.Classify(office.Text, header);
        HeaderRecognizer.Classify(date.Text, header);
        return signer;
    }

    /// <summary>
    /// For each entry, true when it is a 附件 label with plan content after it: a table header, or a <c>一、</c>
    /// section (a page footer's 附件 is followed by download links and widgets). One pass, from the end.
    /// </summary>
    private static bool[] Attachments(List<Entry> entries)
    {
        var result = new bool[entries.Count];
        var contentAfter = false;
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            var entry = entries[i];
            var text = PageFurniture.Squeeze(entry.Line.Content.Text);
            result[i] = contentAfter && text.StartsWith("附件", StringComparison.Ordinal) && PageFurniture.IsFooterMarker(text);
            contentAfter |= entry.Kind is EntryKind.ColumnHeader or EntryKind.HeaderRow
                || entry.Cells.Any(c => StructureRecognizer.Recognize(c.Text) is { Kind: HeadingKind.Section });
        }
        return result;
    }

    private static int PreviousContent(List<Entry> entries, int from, int bodyStart)
    {
        var i = from;
        while (i >= bodyStart && (entries[i].Kind != EntryKind.Content || SingleCell(entries[i]) is null && entries[i].Cells.All(c => c.Text.IsEmpty))) i--;
        return i;
    }

    /// <summary>The one non-empty, non-structural cell of an entry (a plain line), else null.</summary>
    private static NoticeCell? SingleCell(Entry entry)
    {
        NoticeCell? found = null;
        foreach (var cell in entry.Cells)
        {
            if (cell.Text.IsEmpty) continue;
            if (found is not null || cell.IsStructural) return null;
            found = cell;
        }
        return found;
    }

    private void Skip(NoticeLine line, string reason)
    {
        if (skipped.Count > 0 && skipped[^1].Line == line.Number) return;
        skipped.Add(new SkippedLine(line.Number, line.Content.Original, reason));
    }

    /// <summary>Lines as entries: furniture, column headers, table rows split into cells, or content.</summary>
    private List<Entry> Split()
    {
        var entries = new List<Entry>();
        var row = 0;
        foreach (var line in document.Lines)
        {
            var content = line.Content;
            if (content.IsEmpty) continue;
            var text = content.Text;
            var cells = StructureRecognizer.SplitRow(content);
            if (cells is not null)
            {
                if (StructureRecognizer.IsRuleRow(cells))
                {
                    entries.Add(new Entry(EntryKind.RuleRow, line, [], null));
                    continue;
                }
                var roles = cells.Select(c => c.IsEmpty ? null : PageFurniture.ColumnHeader(c.Text)).ToList();
                if (roles.All(r => r is not null))
                {
                    entries.Add(new Entry(EntryKind.HeaderRow, line, [], [.. roles.Select(r => r!.Value)]));
                    continue;
                }
                row++;
                entries.Add(new Entry(EntryKind.Content, line, [.. cells.Select((c, i) => new NoticeCell(c, line, row, i, cells.Count))], null));
                continue;
            }
            if (PageFurniture.ColumnHeader(text) is { } role)
            {
                entries.Add(new Entry(EntryKind.ColumnHeader, line, [], [role]));
                continue;
            }
            if (PageFurniture.IsFurniture(text))
            {
                entries.Add(new Entry(EntryKind.Furniture, line, [], null));
                continue;
            }
            entries.Add(new Entry(EntryKind.Content, line, [new NoticeCell(content, line, -1, 0, 1)], null));
        }
        return entries;
    }

    /// <summary>
    /// Recognises the numbering of every cell and decides the layout; also whether the task numbering starts again
    /// at 1 under a later heading (一、 1. 2. 二、 1. 2.).
    /// </summary>
    private static (LayoutMode Mode, bool RestartsNumbering) Recognize(List<Entry> entries, bool[] attachments)
    {
        var last = 0;
        var restarts = false;
        var headingSinceTask = false;
        var numberColumn = false;
        var anyTask = false;
        var anySubsection = false;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            // An attachment (附件 and a table or sections after it) numbers its items anew.
            if (attachments[i]) last = 0;
            if (entry.Columns is { } columns && columns.Contains(ColumnRole.Number)) numberColumn = true;
            foreach (var cell in entry.Cells)
            {
                var heading = StructureRecognizer.Recognize(cell.Text);
                cell.Heading = heading;
                if (heading is not { } h) continue;
                switch (h.Kind)
                {
                    case HeadingKind.Section:
                        headingSinceTask = true;
                        break;
                    case HeadingKind.Subsection:
                        anySubsection = true;
                        headingSinceTask = true;
                        break;
                    case HeadingKind.Task:
                        cell.HeadingAccepted = !h.DigitFollows || h.Number == last + 1;
                        break;
                    case HeadingKind.Number:
                        cell.HeadingAccepted = h.Number == last + 1 && ((cell.Row >= 0 && cell.Index == 0) || numberColumn);
                        break;
                }
                if (cell.HeadingAccepted)
                {
                    restarts |= h.Kind == HeadingKind.Task && h.Number == 1 && last >= 1 && headingSinceTask;
                    headingSinceTask = false;
                    last = h.Number;
                    anyTask = true;
                }
            }
        }
        return (anyTask ? LayoutMode.Numbered : anySubsection ? LayoutMode.Lettered : LayoutMode.Paragraphs, restarts);
    }

    /// <summary>Where the body begins: the first heading; without headings, after the last header line before the first owner line.</summary>
    private static int BodyStart(List<Entry> entries, LayoutMode mode)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Cells.Any(c => c.IsStructural && (mode != LayoutMode.Lettered || c.Heading?.Kind != HeadingKind.Task))) return i;
        }
        var scratch = new NoticeHeader();
        var lastHeader = -1;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry.Kind != EntryKind.Content) continue;
            var cell = entry.Cells[0];
            if (entry.Cells.Count == 1 && OwnerPhraseParser.Parse(cell.Text).IsOwnerLine) break;
            if (entry.Cells.Count == 1 && HeaderRecognizer.Classify(cell.Text, scratch) != HeaderLineKind.Unknown) lastHeader = i;
        }
        return lastHeader + 1;
    }

    private static List<ColumnRole>? TrackColumns(Entry entry, List<ColumnRole>? columns, ref bool previousWasColumnHeader)
    {
        switch (entry.Kind)
        {
            case EntryKind.HeaderRow:
                previousWasColumnHeader = false;
                return entry.Columns;
            case EntryKind.ColumnHeader:
                var role = entry.Columns![0];
                if (previousWasColumnHeader && columns is not null)
                {
                    columns.Add(role);
                    return columns;
                }
                previousWasColumnHeader = true;
                return [role];
            default:
                previousWasColumnHeader = false;
                return columns;
        }
    }

    private static string? FirstContent(List<Entry> entries)
    {
        var first = entries.FirstOrDefault(e => e.Kind == EntryKind.Content)?.Line.Content.Original.Trim();
        return first is null ? null : ImportDiagnostics.Excerpt(first);
    }
}
