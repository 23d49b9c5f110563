using System.Text.RegularExpressions;

namespace PlanRules.Import;

/// <summary>What a numbered line opens.</summary>
internal enum HeadingKind
{
    /// <summary><c>一、</c></summary>
    Section,
    /// <summary><c>(一)</c> / <c>（一）</c></summary>
    Subsection,
    /// <summary><c>1.</c> / <c>1、</c></summary>
    Task,
    /// <summary>A cell holding only a number (the 序号 column of a table).</summary>
    Number,
}

/// <summary>A numbered heading: its kind, number and the text after the number.</summary>
/// <param name="Kind">What the numbering opens.</param>
/// <param name="Number">The number, Chinese numerals converted.</param>
/// <param name="Title">The text after the number.</param>
/// <param name="DigitFollows">For <c>1.</c> headings: the text starts with a digit (<c>33.2021年底前…</c>, or a decimal).</param>
internal readonly record struct Heading(HeadingKind Kind, int Number, Passage Title, bool DigitFollows);

/// <summary>
/// Recognises the numbering of notices: <c>一、</c> sections, <c>(一)</c> subsections and <c>1.</c>/<c>1、</c>
/// items, and splits <c>|</c>-separated table rows into cells.
/// </summary>
internal static partial class StructureRecognizer
{
    [GeneratedRegex(@"^([一二三四五六七八九十百零〇两]{1,4})\s*[、.]\s*")]
    private static partial Regex SectionNumber();

    [GeneratedRegex(@"^\(\s*([一二三四五六七八九十百零〇两]{1,4})\s*\)\s*")]
    private static partial Regex SubsectionNumber();

    [GeneratedRegex(@"^(\d{1,4})\s*[.、]\s*")]
    private static partial Regex TaskNumber();

    [GeneratedRegex(@"^\d{1,4}\.?$")]
    private static partial Regex NumberCell();

    [GeneratedRegex(@"^:?-{2,}:?$")]
    private static partial Regex RuleCell();

    /// <summary>The heading a line or cell starts with, if any.</summary>
    public static Heading? Recognize(Passage passage)
    {
        var text = passage.Text;
        if (text.Length == 0) return null;
        var match = SectionNumber().Match(text);
        if (match.Success && match.Length < text.Length && ChineseNumerals.TryParse(match.Groups[1].Value, out var section))
        {
            return new Heading(HeadingKind.Section, section, passage.Slice(match.Length).Trim(), false);
        }
        match = SubsectionNumber().Match(text);
        if (match.Success && ChineseNumerals.TryParse(match.Groups[1].Value, out var subsection))
        {
            return new Heading(HeadingKind.Subsection, subsection, passage.Slice(match.Length).Trim(), false);
        }
        if (NumberCell().IsMatch(text) && int.TryParse(text.TrimEnd('.'), out var cell) && cell > 0)
        {
            return new Heading(HeadingKind.Number, cell, passage.Slice(passage.Length), false);
        }
        match = TaskNumber().Match(text);
        if (match.Success && int.TryParse(match.Groups[1].Value, out var task) && task > 0)
        {
            var rest = passage.Slice(match.Length).Trim();
            var digitFollows = rest.Length > 0 && char.IsAsciiDigit(rest.Text[0]);
            // "1.5倍" is a number, not an item; "1.1 …" is a sub-item.
            var directDigit = match.Length < text.Length && char.IsAsciiDigit(text[match.Length]) && text[match.Length - 1] == '.';
            return new Heading(HeadingKind.Task, task, rest, digitFollows || directDigit);
        }
        return null;
    }

    /// <summary>The cells of a <c>|</c>-separated row (empty inner cells kept, the outer bars dropped), or null.</summary>
    public static List<Passage>? SplitRow(Passage line)
    {
        var text = line.Text;
        if (!text.Contains('|')) return null;
        var cells = new List<Passage>();
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == '|')
            {
                cells.Add(line.Between(start, i).Trim());
                start = i + 1;
            }
        }
        if (cells.Count > 0 && cells[0].IsEmpty) cells.RemoveAt(0);
        if (cells.Count > 0 && cells[^1].IsEmpty) cells.RemoveAt(cells.Count - 1);
        return cells.Count >= 2 ? cells : null;
    }

    /// <summary>True for a row of <c>---</c> cells (a Markdown table rule).</summary>
    public static bool IsRuleRow(List<Passage> cells) => cells.All(c => c.IsEmpty || RuleCell().IsMatch(c.Text.Replace(" ", "")));
}
