using System.Globalization;
using System.Text;
using System.Text.Json;
using PlanRules.Analysis.Compliance;
using PlanRules.Resources;
using PlanRules.Text;

namespace PlanRules.Output;

/// <summary>The per-unit compliance table ("who owes what"), worst first, in text and JSON.</summary>
public static class UnitTable
{
    /// <summary>
    /// Writes an aligned text table; CJK characters count as two columns. A unit name's line breaks and control characters
    /// are escaped as in finding lines (<see cref="TextReport.OneLine"/>), so each unit keeps one row.
    /// </summary>
    public static string Format(ComplianceResult compliance, NodaTime.LocalDate asOf, CultureInfo culture)
    {
        if (compliance.Units.IsEmpty) return "";
        string[] headers =
        [
            Messages.Get("Units_Header", culture), Messages.Get("Units_Obligations", culture), Messages.Get("Units_Done", culture),
            Messages.Get("Units_DoneLate", culture), Messages.Get("Units_Overdue", culture), Messages.Get("Units_Waived", culture),
            Messages.Get("Units_Open", culture),
        ];
        var rows = compliance.Units.Select(u => new[]
        {
            TextReport.OneLine(u.Unit.Name), Num(u.Obligations), Num(u.Done), Num(u.DoneLate), Num(u.Overdue), Num(u.Waived), Num(u.Open),
        }).ToList();
        var widths = headers.Select((h, i) => Math.Max(Width(h), rows.Count == 0 ? 0 : rows.Max(r => Width(r[i])))).ToArray();
        var builder = new StringBuilder();
        builder.Append(string.Format(CultureInfo.InvariantCulture, Messages.Get("Units_Title", culture), DateText.Iso(asOf))).Append('\n');
        AppendRow(builder, headers, widths);
        AppendRow(builder, widths.Select(w => new string('-', w)).ToArray(), widths);
        foreach (var row in rows) AppendRow(builder, row, widths);
        return builder.ToString();
    }

    private static void AppendRow(StringBuilder builder, string[] cells, int[] widths)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0) builder.Append("  ");
            var pad = widths[i] - Width(cells[i]);
            if (i == 0) builder.Append(cells[i]).Append(' ', pad);
            else builder.Append(' ', pad).Append(cells[i]);
        }
        var line = builder.ToString();
        builder.Length = line.TrimEnd(' ').Length;
        builder.Append('\n');
    }

    /// <summary>Display width: East Asian wide characters take two columns.</summary>
    private static int Width(string text)
    {
        var width = 0;
        foreach (var c in text) width += c >= 0x1100 && (c <= 0x115F || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6)) ? 2 : 1;
        return width;
    }

    /// <summary>Writes the table as the JSON array <c>"units"</c>.</summary>
    public static void WriteJson(Utf8JsonWriter writer, ComplianceResult compliance)
    {
        writer.WriteStartArray("units");
        foreach (var u in compliance.Units)
        {
            writer.WriteStartObject();
            writer.WriteString("unit", u.Unit.Name);
            writer.WriteNumber("obligations", u.Obligations);
            writer.WriteNumber("done", u.Done);
            writer.WriteNumber("doneLate", u.DoneLate);
            writer.WriteNumber("overdue", u.Overdue);
            writer.WriteNumber("waived", u.Waived);
            writer.WriteNumber("open", u.Open);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);
}
