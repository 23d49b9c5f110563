using System.Collections.Immutable;
using PlanRules.Diagnostics;
using PlanRules.Text;

namespace PlanRules.Import;

/// <summary>
/// A notice being imported: its source text, a normalised copy of the same length (full-width brackets,
/// commas, colons, digits and spaces mapped to their half-width forms one character for one) and its lines.
/// Recognisers read the normalised copy; every position they report is therefore a position in the notice.
/// </summary>
internal sealed class NoticeDocument
{
    public NoticeDocument(SourceText source)
    {
        Source = source;
        Original = source.Text;
        Normalized = Normalize(Original);
        var lines = ImmutableArray.CreateBuilder<NoticeLine>();
        var starts = source.LineStarts;
        for (var i = 0; i < starts.Count; i++)
        {
            var start = starts[i];
            var end = i + 1 < starts.Count ? starts[i + 1] : Original.Length;
            while (end > start && Original[end - 1] is '\n' or '\r') end--;
            lines.Add(new NoticeLine(i + 1, new Passage(this, start, end - start).Trim()));
        }
        Lines = lines.ToImmutable();
    }

    public SourceText Source { get; }

    /// <summary>The notice text as read.</summary>
    public string Original { get; }

    /// <summary>The notice text with half-width punctuation; same length as <see cref="Original"/>.</summary>
    public string Normalized { get; }

    public ImmutableArray<NoticeLine> Lines { get; }

    /// <summary>Maps one character to its half-width form (never changes the length).</summary>
    public static char NormalizeChar(char c) => c switch
    {
        '（' => '(',
        '）' => ')',
        '，' => ',',
        '：' => ':',
        '；' => ';',
        '．' => '.',
        '｜' => '|',
        '［' => '[',
        '］' => ']',
        '－' => '-',
        '％' => '%',
        '／' => '/',
        '！' => '!',
        '？' => '?',
        '＂' => '"',
        '\u3000' or '\u00A0' or '\t' => ' ',
        >= '０' and <= '９' => (char)(c - '０' + '0'),
        >= 'Ａ' and <= 'Ｚ' => (char)(c - 'Ａ' + 'A'),
        >= 'ａ' and <= 'ｚ' => (char)(c - 'ａ' + 'a'),
        _ => c,
    };

    public static string Normalize(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++) chars[i] = NormalizeChar(chars[i]);
        return new string(chars);
    }

    /// <summary>True for characters trimmed from the ends of lines and cells.</summary>
    public static bool IsSpace(char c) => char.IsWhiteSpace(c) || c is '\u200B' or '\u200C' or '\u200D' or '\uFEFF';
}

/// <summary>One line of the notice: its 1-based number and its content without surrounding spaces.</summary>
internal sealed record NoticeLine(int Number, Passage Content);

/// <summary>A stretch of the notice, by position: read <see cref="Text"/> (normalised) or <see cref="Original"/>.</summary>
internal readonly record struct Passage(NoticeDocument Document, int Start, int Length)
{
    public int End => Start + Length;

    public bool IsEmpty => Length == 0;

    /// <summary>The normalised text (half-width punctuation).</summary>
    public string Text => Document.Normalized.Substring(Start, Length);

    /// <summary>The text exactly as the notice has it.</summary>
    public string Original => Document.Original.Substring(Start, Length);

    public Passage Slice(int offset) => Slice(offset, Length - offset);

    public Passage Slice(int offset, int length)
    {
        offset = Math.Clamp(offset, 0, Length);
        length = Math.Clamp(length, 0, Length - offset);
        return new Passage(Document, Start + offset, length);
    }

    /// <summary>The passage between two offsets relative to its start.</summary>
    public Passage Between(int from, int to) => Slice(from, to - from);

    public Passage Trim() => TrimEnd().TrimStart();

    public Passage TrimStart()
    {
        var text = Document.Normalized;
        var start = Start;
        while (start < End && NoticeDocument.IsSpace(text[start])) start++;
        return new Passage(Document, start, End - start);
    }

    public Passage TrimEnd()
    {
        var text = Document.Normalized;
        var end = End;
        while (end > Start && NoticeDocument.IsSpace(text[end - 1])) end--;
        return new Passage(Document, Start, end - Start);
    }

    /// <summary>Trims spaces and the given punctuation from the end.</summary>
    public Passage TrimEnd(string characters)
    {
        var text = Document.Normalized;
        var end = End;
        while (end > Start && (NoticeDocument.IsSpace(text[end - 1]) || characters.Contains(text[end - 1]))) end--;
        return new Passage(Document, Start, end - Start);
    }

    /// <summary>The 1-based line of the start.</summary>
    public int Line => Document.Source.GetLinePosition(Start).Line;

    public Location Location => Location.Create(Document.Source, new TextSpan(Start, Length));

    public override string ToString() => Text;
}
