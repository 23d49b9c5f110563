using System.Collections.Immutable;
using System.Text;

namespace PlanRules.Text;

/// <summary>
/// The text of one source file with its path. Line starts are computed once, so every
/// position-to-line/column conversion afterwards is a binary search.
/// </summary>
public sealed class SourceText
{
    private int[]? _lineStarts;

    /// <summary>Creates a source text. A leading byte-order mark character is removed.</summary>
    public SourceText(string text, string path = "")
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        Path = path ?? "";
    }

    /// <summary>The path the text was read from (as given; may be empty).</summary>
    public string Path { get; }

    /// <summary>The text itself, without a byte-order mark.</summary>
    public string Text { get; }

    /// <summary>Number of UTF-16 code units.</summary>
    public int Length => Text.Length;

    /// <summary>Decodes UTF-8 bytes (BOM allowed). Invalid sequences throw <see cref="DecoderFallbackException"/>.</summary>
    public static SourceText FromUtf8(byte[] bytes, string path = "")
    {
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        var offset = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        return new SourceText(encoding.GetString(bytes, offset, bytes.Length - offset), path);
    }

    /// <summary>
    /// Decodes UTF-8 bytes (BOM allowed), replacing each invalid sequence with U+FFFD and recording where
    /// (<see cref="InvalidUtf8"/>), so a reader can report the lines and skip them instead of refusing the file.
    /// </summary>
    public static SourceText FromUtf8Replacing(byte[] bytes, string path = "")
    {
        try
        {
            return FromUtf8(bytes, path);
        }
        catch (DecoderFallbackException)
        {
            // The slow path, for files that are not valid UTF-8 only: rune by rune, remembering each bad sequence.
        }
        var span = bytes.AsSpan(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0);
        var text = new StringBuilder(span.Length);
        var invalid = ImmutableArray.CreateBuilder<InvalidUtf8Sequence>();
        Span<char> chars = stackalloc char[2];
        while (!span.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(span, out var rune, out var consumed);
            if (status == System.Buffers.OperationStatus.Done)
            {
                text.Append(chars[..rune.EncodeToUtf16(chars)]);
            }
            else
            {
                invalid.Add(new InvalidUtf8Sequence(text.Length, Convert.ToHexString(span[..consumed])));
                text.Append('\uFFFD');
            }
            span = span[consumed..];
        }
        return new SourceText(text.ToString(), path) { InvalidUtf8 = invalid.ToImmutable() };
    }

    /// <summary>
    /// Where <see cref="FromUtf8Replacing"/> replaced invalid UTF-8 with U+FFFD, in text order; empty for text
    /// that decoded cleanly or was given as a string.
    /// </summary>
    public ImmutableArray<InvalidUtf8Sequence> InvalidUtf8 { get; private init; } = [];

    /// <summary>Reads a UTF-8 file (BOM allowed).</summary>
    public static SourceText FromFile(string path, string? displayPath = null) =>
        FromUtf8(File.ReadAllBytes(path), displayPath ?? path);

    /// <summary>Offsets at which each line begins; line ends are \n, \r\n or a lone \r.</summary>
    public IReadOnlyList<int> LineStarts => _lineStarts ??= ComputeLineStarts(Text);

    private static int[] ComputeLineStarts(string text)
    {
        var starts = new List<int>(text.Length / 32 + 1) { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n') i++;
                starts.Add(i + 1);
            }
            else if (c == '\n')
            {
                starts.Add(i + 1);
            }
        }
        return starts.ToArray();
    }

    /// <summary>The 1-based line and column of an offset.</summary>
    public LinePosition GetLinePosition(int position)
    {
        position = Math.Clamp(position, 0, Text.Length);
        var starts = _lineStarts ??= ComputeLineStarts(Text);
        var index = Array.BinarySearch(starts, position);
        if (index < 0) index = ~index - 1;
        return new LinePosition(index + 1, position - starts[index] + 1);
    }

    /// <summary>Start and end line/column of a span.</summary>
    public LinePositionSpan GetLinePositionSpan(TextSpan span) =>
        new(GetLinePosition(span.Start), GetLinePosition(span.End));

    /// <summary>The text covered by a span.</summary>
    public string ToString(TextSpan span) => Text.Substring(span.Start, Math.Min(span.Length, Text.Length - span.Start));

    /// <inheritdoc/>
    public override string ToString() => Text;
}

/// <summary>An invalid UTF-8 sequence replaced by U+FFFD: its offset in the text and the bytes, in hexadecimal.</summary>
/// <param name="Position">Offset of the U+FFFD in <see cref="SourceText.Text"/>.</param>
/// <param name="Bytes">The bytes that were not UTF-8, e.g. <c>FF</c> or <c>E4B8</c>.</param>
public readonly record struct InvalidUtf8Sequence(int Position, string Bytes)
{
    /// <summary>The bytes as <c>0xFF 0xFE</c>.</summary>
    public string Display
    {
        get
        {
            var hex = Bytes;
            return string.Join(" ", Enumerable.Range(0, hex.Length / 2).Select(i => "0x" + hex.Substring(i * 2, 2)));
        }
    }
}
