using System.Text;

namespace PlanRules.Import;

/// <summary>How the bytes of a notice are to be read.</summary>
public enum NoticeEncoding
{
    /// <summary>Detect: a BOM decides; else strict UTF-8 if it decodes, else GB18030 (which covers GBK and GB2312).</summary>
    Auto,
    /// <summary>UTF-8, with or without a BOM.</summary>
    Utf8,
    /// <summary>GB18030 (a superset of GBK and GB2312), common for government files.</summary>
    Gb18030,
}

/// <summary>A notice whose bytes cannot be read in the requested (or any detected) encoding.</summary>
public sealed class NoticeDecodingException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The text of a notice and the encoding it was read with.</summary>
/// <param name="Text">The decoded text, without a byte-order mark.</param>
/// <param name="EncodingName">"UTF-8", "UTF-16" or "GB18030".</param>
public sealed record DecodedNotice(string Text, string EncodingName);

/// <summary>
/// Turns notice bytes into text. Detection is deliberately simple and strict: a byte-order mark decides;
/// otherwise the bytes are UTF-8 when they decode as strict UTF-8, else GB18030 when they decode as strict
/// GB18030; anything else (or a NUL byte, the mark of a binary file) is an error, never mojibake.
/// </summary>
public static class NoticeDecoder
{
    private static readonly Lazy<Encoding> Gb18030 = new(() =>
    {
        // The code-page encodings ship with .NET but must be registered before use.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(54936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    });

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The GB18030 encoding with exception fallbacks (tests use it to re-encode notices).</summary>
    public static Encoding Gb18030Encoding => Gb18030.Value;

    /// <summary>Parses an <c>--encoding</c> value: <c>auto</c>, <c>utf-8</c> (<c>utf8</c>), <c>gb18030</c> (<c>gbk</c>, <c>gb2312</c>); null when unknown.</summary>
    public static NoticeEncoding? ParseName(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => NoticeEncoding.Auto,
        "utf-8" or "utf8" => NoticeEncoding.Utf8,
        "gb18030" or "gbk" or "gb2312" or "cp936" => NoticeEncoding.Gb18030,
        _ => null,
    };

    /// <summary>Decodes notice bytes; throws <see cref="NoticeDecodingException"/> with a one-line reason when it cannot.</summary>
    public static DecodedNotice Decode(byte[] bytes, NoticeEncoding encoding = NoticeEncoding.Auto)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var hasUtf8Bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
        switch (encoding)
        {
            case NoticeEncoding.Utf8:
                return new DecodedNotice(DecodeUtf8(bytes, hasUtf8Bom) ?? throw Invalid("UTF-8", bytes), "UTF-8");
            case NoticeEncoding.Gb18030:
                return new DecodedNotice(DecodeGb18030(bytes) ?? throw Invalid("GB18030", bytes), "GB18030");
        }

        if (hasUtf8Bom) return new DecodedNotice(DecodeUtf8(bytes, true) ?? throw Invalid("UTF-8", bytes), "UTF-8");
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            var bigEndian = bytes[0] == 0xFE;
            try
            {
                var utf16 = new UnicodeEncoding(bigEndian, byteOrderMark: false, throwOnInvalidBytes: true);
                return new DecodedNotice(utf16.GetString(bytes, 2, bytes.Length - 2), "UTF-16");
            }
            catch (DecoderFallbackException e)
            {
                throw new NoticeDecodingException($"通知不是有效的 UTF-16 / notice is not valid UTF-16 (byte {e.Index + 2})", e);
            }
        }
        var nul = Array.IndexOf(bytes, (byte)0);
        if (nul >= 0)
        {
            throw new NoticeDecodingException($"通知看起来是二进制文件，无法识别编码 / notice looks binary (NUL byte at {nul}); expected UTF-8 or GB18030 text");
        }
        if (DecodeUtf8(bytes, false) is { } utf8) return new DecodedNotice(utf8, "UTF-8");
        if (DecodeGb18030(bytes) is { } gb) return new DecodedNotice(gb, "GB18030");
        throw new NoticeDecodingException(
            $"无法识别通知的编码 / cannot decode notice: neither UTF-8 (invalid byte at {FirstInvalid(StrictUtf8, bytes)}) nor GB18030 (invalid byte at {FirstInvalid(Gb18030.Value, bytes)}); try --encoding");
    }

    private static string? DecodeUtf8(byte[] bytes, bool skipBom)
    {
        try
        {
            var offset = skipBom ? 3 : 0;
            return StrictUtf8.GetString(bytes, offset, bytes.Length - offset);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static string? DecodeGb18030(byte[] bytes)
    {
        try
        {
            return Gb18030.Value.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static NoticeDecodingException Invalid(string name, byte[] bytes)
    {
        var encoding = name == "UTF-8" ? (Encoding)StrictUtf8 : Gb18030.Value;
        return new NoticeDecodingException($"通知不是有效的 {name} / notice is not valid {name} (invalid byte at {FirstInvalid(encoding, bytes)})");
    }

    /// <summary>The offset of the first byte the encoding rejects (best effort, for the message).</summary>
    private static int FirstInvalid(Encoding encoding, byte[] bytes)
    {
        try
        {
            encoding.GetString(bytes);
            return -1;
        }
        catch (DecoderFallbackException e)
        {
            return Math.Max(0, e.Index);
        }
    }
}
