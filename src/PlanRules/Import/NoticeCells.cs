namespace PlanRules.Import;

/// <summary>
/// One piece of a notice's body as the importer walks it: a line, or a cell of a <c>|</c>-separated row.
/// Tables flattened one cell per line arrive as lines; rows arrive as cells sharing a row number.
/// </summary>
internal sealed class NoticeCell(Passage text, NoticeLine line, int row, int index, int count)
{
    public Passage Text { get; } = text;
    public NoticeLine Line { get; } = line;

    /// <summary>The row this cell belongs to, or -1 for a whole line.</summary>
    public int Row { get; } = row;

    /// <summary>Position in its row (0 for a whole line).</summary>
    public int Index { get; } = index;

    /// <summary>Cells in its row (1 for a whole line).</summary>
    public int Count { get; } = count;

    /// <summary>The numbering the cell starts with, if any.</summary>
    public Heading? Heading { get; set; }

    /// <summary>For task and number headings: the number continues the sequence (or cannot be a decimal).</summary>
    public bool HeadingAccepted { get; set; }

    /// <summary>The column-header role when the cell is a column header.</summary>
    public ColumnRole? HeaderRole { get; set; }

    /// <summary>The roles of the columns of a header row (set on its first cell).</summary>
    public List<ColumnRole>? HeaderRow { get; set; }

    public bool IsFurniture { get; set; }

    public bool IsStructural =>
        Heading is { Kind: HeadingKind.Section or HeadingKind.Subsection } || (Heading is not null && HeadingAccepted);
}

/// <summary>How a notice numbers its tasks.</summary>
internal enum LayoutMode
{
    /// <summary>Tasks numbered <c>1.</c> / <c>1、</c> (or by a 序号 column); <c>(一)</c> are subsections.</summary>
    Numbered,
    /// <summary>No digit numbering: the <c>(一)</c> items are the tasks.</summary>
    Lettered,
    /// <summary>No numbering at all: each requirement paragraph followed by its owner line is a task.</summary>
    Paragraphs,
}
