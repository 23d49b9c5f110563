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
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            body(writer);
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
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
