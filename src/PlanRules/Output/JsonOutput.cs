using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NodaTime;

namespace PlanRules.Output;

/// <summary>Shared JSON writer settings: indented, Chinese kept readable, '\n' line ends on every OS.</summary>
internal static class JsonOutput
{
    public static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
    };

    public static string Write(Action<Utf8JsonWriter> body)
    {
        var text = new StringWriter { NewLine = "\n" };
        Write(text, body);
        return text.ToString();
    }

    /// <summary>
    /// Writes JSON to <paramref name="target"/> as it is produced, then a line end: a report with millions of
    /// findings never exists as one string or one buffer (whose size .NET caps at 2 GB). Bodies call
    /// <see cref="FlushSometimes"/> inside long loops.
    /// </summary>
    public static void Write(TextWriter target, Action<Utf8JsonWriter> body)
    {
        using (var stream = new TextWriterStream(target))
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            body(writer);
        }
        target.Write('\n');
    }

    /// <summary>Hands what the writer holds to its stream once it passes 64 KiB.</summary>
    public static void FlushSometimes(this Utf8JsonWriter writer)
    {
        if (writer.BytesPending > 64 * 1024) writer.Flush();
    }

    /// <summary>A write-only stream that decodes UTF-8 into a text writer (a sequence split between writes is kept whole).</summary>
    private sealed class TextWriterStream(TextWriter target) : Stream
    {
        private readonly Decoder _decoder = new UTF8Encoding(false).GetDecoder();
        private char[] _chars = new char[4096];

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var needed = _decoder.GetCharCount(buffer, flush: false);
            if (needed > _chars.Length) _chars = new char[Math.Max(needed, _chars.Length * 2)];
            var count = _decoder.GetChars(buffer, _chars, flush: false);
            target.Write(_chars, 0, count);
        }

        public override void Flush() => target.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    public static string Iso(LocalDate date) => PlanRules.Text.DateText.Iso(date);

    public static void WriteDate(this Utf8JsonWriter writer, string name, LocalDate? date)
    {
        if (date is { } d) writer.WriteString(name, Iso(d));
        else writer.WriteNull(name);
    }

    public static void WriteStringOrNull(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null) writer.WriteNull(name);
        else writer.WriteString(name, value);
    }

    public static void WriteStrings(this Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var v in values) writer.WriteStringValue(v);
        writer.WriteEndArray();
    }
}
