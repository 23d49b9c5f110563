using System.Collections.Immutable;
using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using PlanRules.Diagnostics;
using PlanRules.Syntax;
using PlanRules.Text;

namespace PlanRules.Ledger;

/// <summary>
/// Reads the <c>*.ledger.csv</c> form with CsvHelper: header <c>date,task,status,by,evidence,note</c>
/// (columns matched by name, so a reordered header still reads), RFC 4180 quoting, UTF-8 with or without
/// BOM. A bad row is reported at its line and the column of the bad field, and skipped.
/// </summary>
public static class LedgerCsvReader
{
    private static readonly string[] Columns = ["date", "task", "status", "by", "evidence", "note"];

    /// <summary>Reads a CSV ledger with the default limits. Never throws for any input.</summary>
    public static LedgerFile Read(SourceText source) => Read(source, null);

    /// <summary>Reads a CSV ledger. Never throws for any input; beyond <see cref="ParseOptions.MaxLedgerLength"/> it is PR0003.</summary>
    public static LedgerFile Read(SourceText source, ParseOptions? options)
    {
        var diagnostics = new List<Diagnostic>();
        var records = ImmutableArray.CreateBuilder<LedgerRecord>();
        var limit = (options ?? ParseOptions.Default).MaxLedgerLength;
        if (source.Length > limit)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.LimitExceeded, Location.Create(source, new TextSpan(0, 0)),
                LocalizableString.FromResource("PR0003_Size", source.Length, limit), [source.Length.ToString(CultureInfo.InvariantCulture), limit.ToString(CultureInfo.InvariantCulture)]));
            return new LedgerFile(source, [], [.. diagnostics]);
        }
        void Report(DiagnosticDescriptor descriptor, int start, int length, string key, params object?[] args) =>
            diagnostics.Add(Diagnostic.Create(descriptor, Location.Create(source, new TextSpan(start, length)),
                LocalizableString.FromResource(key, args), args.Select(a => LocalizableString.RenderArgument(a, null))));

        var badLines = InvalidUtf8Lines.Report(source, (start, length, key, args) => Report(DiagnosticCatalog.SyntaxError, start, length, key, args));
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            // Bad quotes are found by NextBadRow below, in linear time. CsvHelper's own callback makes the row
            // so far into a string at every bad quote: a row of n bad quotes spanning n lines cost n² (64 KB of
            // lines like `…,x"y"z,"a""b` took minutes).
            BadDataFound = null,
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
            // Blank lines are read (and skipped below) rather than ignored by CsvHelper, whose raw record
            // would then leave them out and put every later row's line and column off.
            IgnoreBlankLines = false,
        };
        int[]? map = null;
        var expectedColumns = 0;
        // Where reading (re)starts. A bad row that spans lines (a quote that never closes, or closes on a later line
        // with text after it) is reported at its first line, and reading starts again on the line after that one:
        // the lines the bad quote ran over still count, each on its own. Those lines are read one at a time (up to
        // `lineByLine`), so no row found there spans lines again: re-reading the rest of the file after each bad
        // line made 64 KB of lines like `…,x"y"z,"a""b` take minutes.
        var resume = 0;
        var lineByLine = 0;
        while (resume < source.Length)
        {
            // CsvHelper reads up to the next row whose quotes are bad (found first, in linear time): its lenient
            // reading of such a row can run to the end of the file, and reading a row of many bad quotes costs it
            // time quadratic in the row. The header and the lines a bad row ran over are read one line at a time.
            var (badStart, badEnd) = (-1, -1);
            var singleLine = map is null || resume < lineByLine;
            int end;
            if (singleLine)
            {
                end = LineEnd(source.Text, resume);
            }
            else
            {
                (badStart, badEnd) = NextBadRow(source.Text, resume);
                end = badStart < 0 ? source.Length : badStart;
            }
            var offset = resume;
            resume = end;
            if (badStart >= 0 && badStart == offset)
            {
                // The bad row comes first: given up at its first line (reported unless that line's UTF-8 is bad,
                // which was reported already); the lines it ran over are read one at a time.
                var firstLineEnd = LineEnd(source.Text, badStart);
                if (!badLines.Contains(source.GetLinePosition(badStart).Line))
                {
                    Report(DiagnosticCatalog.SyntaxError, badStart, source.Text.AsSpan(badStart, firstLineEnd - badStart).TrimEnd("\r\n").Length, "PR0001_CsvQuote");
                }
                resume = firstLineEnd;
                lineByLine = Math.Max(lineByLine, badEnd);
                continue;
            }
            using var parser = new CsvParser(new TailReader(source.Text, offset, end), configuration);
            try
            {
                while (parser.Read())
                {
                    var raw = parser.RawRecord;
                    var rowStart = offset;
                    offset += raw.Length;
                    if (string.IsNullOrWhiteSpace(raw)) continue;
                    var content = raw.TrimEnd('\r', '\n');
                    var fields = parser.Record ?? [];
                    var holdsBadLine = badLines.Count > 0 && HasBadLine(source, rowStart, raw.Length, badLines);
                    // Rows read many at a time were checked by NextBadRow already; a line read on its own is checked here.
                    var quoteProblem = map is not null && singleLine && NextBadRow(content, 0).Start >= 0;
                    if (holdsBadLine || quoteProblem)
                    {
                        // A line with invalid UTF-8 was reported already. A bad row that runs over lines (its quote
                        // never closes, or opens on a bad line) is given up at its first line only.
                        var firstLineBad = holdsBadLine && badLines.Contains(source.GetLinePosition(rowStart).Line);
                        var lineBreak = content.IndexOfAny(['\r', '\n']);
                        if (quoteProblem && !firstLineBad)
                        {
                            Report(DiagnosticCatalog.SyntaxError, rowStart, lineBreak < 0 ? content.Length : lineBreak, "PR0001_CsvQuote");
                        }
                        if (lineBreak < 0 || !(quoteProblem || firstLineBad)) continue;
                        resume = rowStart + lineBreak + (content[lineBreak] == '\r' && lineBreak + 1 < content.Length && content[lineBreak + 1] == '\n' ? 2 : 1);
                        lineByLine = Math.Max(lineByLine, rowStart + raw.Length);
                        break;
                    }
                    var starts = FieldStarts(raw, rowStart);
                    if (map is null)
                    {
                        map = MapHeader(fields, starts, rowStart, content.Length, Report);
                        expectedColumns = fields.Length;
                        if (map is null) return new LedgerFile(source, records.ToImmutable(), DiagnosticOrder.Sort(diagnostics));
                        continue;
                    }
                    if (fields.Length != expectedColumns)
                    {
                        Report(DiagnosticCatalog.SyntaxError, rowStart, content.Length, "PR0001_CsvColumns", expectedColumns, fields.Length);
                        continue;
                    }
                    if (fields.All(string.IsNullOrWhiteSpace)) continue;
                    var record = ReadRow(fields, starts, map, source, Report);
                    if (record is not null) records.Add(record with { Order = records.Count });
                }
            }
            catch (CsvHelperException e)
            {
                Report(DiagnosticCatalog.SyntaxError, Math.Min(offset, source.Length), 0, "PR0001_CsvField", "csv", e.Message.Split('\n')[0]);
                break;
            }
        }
        return new LedgerFile(source, records.ToImmutable(), DiagnosticOrder.Sort(diagnostics));
    }

    /// <summary>True when a row (which may span lines) holds a line with invalid UTF-8, reported already.</summary>
    private static bool HasBadLine(SourceText source, int start, int length, HashSet<int> badLines)
    {
        var first = source.GetLinePosition(start).Line;
        var last = source.GetLinePosition(Math.Max(start, start + length - 1)).Line;
        for (var line = first; line <= last; line++) if (badLines.Contains(line)) return true;
        return false;
    }

    private delegate void Reporter(DiagnosticDescriptor descriptor, int start, int length, string key, params object?[] args);

    private static LedgerRecord? ReadRow(string[] fields, int[] starts, int[] map, SourceText source, Reporter report)
    {
        string Field(int column) => map[column] < 0 ? "" : fields[map[column]].Trim();
        int Start(int column) => map[column] < 0 || map[column] + 1 >= starts.Length ? starts[0] : starts[map[column]];
        // As written: a quoted field's span covers its quotes (the value's length would fall short of them).
        int Length(int column) => map[column] < 0 || map[column] + 1 >= starts.Length ? 0 : starts[map[column] + 1] - 1 - starts[map[column]];

        var dateText = Field(0);
        if (!DateText.TryParse(dateText, out var date))
        {
            report(DiagnosticCatalog.InvalidLiteral, Start(0), Length(0), "PR0002_Date", dateText);
            return null;
        }
        var task = Field(1);
        if (task.Length == 0 || !(SyntaxFacts.IsIdentifier(task) || Lexer.ScanNumericId(task, 0) == task.Length))
        {
            report(DiagnosticCatalog.SyntaxError, Start(1), Length(1), "PR0001_CsvField", "task", task);
            return null;
        }
        var statusText = Field(2);
        var parts = statusText.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0 || LedgerStatusText.Parse(parts[0]) is not { } status)
        {
            report(DiagnosticCatalog.SyntaxError, Start(2), Length(2), "PR0001_CsvField", "status", statusText);
            return null;
        }
        int? percent = null;
        string? reason = null;
        if (status == LedgerStatus.Progress)
        {
            var number = parts.Length > 1 ? parts[1].TrimEnd('%', '％').Trim() : "";
            if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > 100)
            {
                report(DiagnosticCatalog.SyntaxError, Start(2), Length(2), "PR0001_CsvField", "status", statusText);
                return null;
            }
            percent = value;
        }
        else if (status == LedgerStatus.Waived && parts.Length > 1)
        {
            reason = parts[1].Trim('"', '“', '”');
        }
        else if (parts.Length > 1)
        {
            report(DiagnosticCatalog.SyntaxError, Start(2), Length(2), "PR0001_CsvField", "status", statusText);
            return null;
        }
        var rowStart = starts[0];
        var rowEnd = starts[^1] - 1;
        return new LedgerRecord(date, task, status)
        {
            Percent = percent,
            Reason = reason,
            By = Field(3) is { Length: > 0 } by ? by : null,
            Evidence = Field(4) is { Length: > 0 } evidence ? evidence : null,
            Note = Field(5) is { Length: > 0 } note ? note : null,
        }.WrittenAt(source,
            TextSpan.FromBounds(rowStart, Math.Max(rowStart, rowEnd)),
            new TextSpan(Start(1), Length(1)),
            map[3] >= 0 ? new TextSpan(Start(3), Length(3)) : new TextSpan(rowStart, 0));
    }

    /// <summary>
    /// Maps each known column to its index in the header (-1 when absent). A column the reader does not know is
    /// PR0001 at its cell and ignored; a missing required column, or a column named twice, is PR0001 and null: the
    /// rows cannot be read.
    /// </summary>
    private static int[]? MapHeader(string[] header, int[] starts, int rowStart, int rowLength, Reporter report)
    {
        var names = header.Select(h => h.TrimStart('\uFEFF').Trim()).ToArray();
        var known = names.Select(n => Array.IndexOf(Columns, n.ToLowerInvariant())).ToArray();
        if (!known.Contains(0) || !known.Contains(1) || !known.Contains(2))
        {
            report(DiagnosticCatalog.SyntaxError, rowStart, rowLength, "PR0001_CsvHeader", string.Join(",", Columns));
            return null;
        }
        var map = Enumerable.Repeat(-1, Columns.Length).ToArray();
        for (var i = 0; i < names.Length; i++)
        {
            var (start, length) = i + 1 < starts.Length ? (starts[i], starts[i + 1] - 1 - starts[i]) : (rowStart, 0);
            if (known[i] < 0)
            {
                report(DiagnosticCatalog.SyntaxError, start, length, "PR0001_CsvUnknownColumn", names[i], string.Join(",", Columns));
            }
            else if (map[known[i]] >= 0)
            {
                report(DiagnosticCatalog.SyntaxError, start, length, "PR0001_CsvDuplicateColumn", Columns[known[i]]);
                return null;
            }
            else
            {
                map[known[i]] = i;
            }
        }
        return map;
    }

    /// <summary>
    /// The offset in the source where each field of a raw record starts (quotes respected), then one more
    /// entry as if a separator followed the last field, so field <c>i</c> spans <c>starts[i]..starts[i + 1] - 1</c>
    /// as written (quotes included).
    /// </summary>
    private static int[] FieldStarts(string raw, int rowStart)
    {
        var starts = new List<int> { rowStart };
        var quoted = false;
        var end = raw.Length;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) starts.Add(rowStart + i + 1);
            else if ((c == '\n' || c == '\r') && !quoted)
            {
                end = i;
                break;
            }
        }
        starts.Add(rowStart + end + 1);
        return [.. starts];
    }

    private static readonly System.Buffers.SearchValues<char> FieldEnds = System.Buffers.SearchValues.Create(",\r\n\"");

    /// <summary>
    /// The first row from <paramref name="from"/> on whose quotes break RFC 4180 (a quote inside a field that does not
    /// start with one, text after a field's closing quote, or a quote that never closes), as its start and the end of what it covers: to the end of the file for a quote that never closes, else to the end
    /// of the line where the bad quote is; (-1, -1) when every row is good. Linear in the text it reads.
    /// </summary>
    private static (int Start, int End) NextBadRow(string text, int from)
    {
        var pos = from;
        while (pos < text.Length)
        {
            var rowStart = pos;
            while (true)
            {
                if (pos < text.Length && text[pos] == '"')
                {
                    pos++;
                    while (true)
                    {
                        var quote = text.IndexOf('"', pos);
                        if (quote < 0) return (rowStart, text.Length);
                        pos = quote + 1;
                        if (pos < text.Length && text[pos] == '"')
                        {
                            pos++;
                            continue;
                        }
                        break;
                    }
                    if (pos == text.Length) break;
                    if (text[pos] == ',')
                    {
                        pos++;
                        continue;
                    }
                    if (text[pos] is '\r' or '\n')
                    {
                        pos = LineEnd(text, pos);
                        break;
                    }
                    return (rowStart, LineEnd(text, pos));
                }
                var stop = text.AsSpan(pos).IndexOfAny(FieldEnds);
                if (stop < 0)
                {
                    pos = text.Length;
                    break;
                }
                pos += stop;
                if (text[pos] == '"') return (rowStart, LineEnd(text, pos));
                if (text[pos] == ',')
                {
                    pos++;
                    continue;
                }
                pos = LineEnd(text, pos);
                break;
            }
        }
        return (-1, -1);
    }

    /// <summary>The offset just after the line break that ends the line at <paramref name="start"/> (or the end of the text).</summary>
    private static int LineEnd(string text, int start)
    {
        var brk = text.AsSpan(start).IndexOfAny('\r', '\n');
        if (brk < 0) return text.Length;
        var at = start + brk;
        return at + (text[at] == '\r' && at + 1 < text.Length && text[at + 1] == '\n' ? 2 : 1);
    }

    /// <summary>Reads a string from <paramref name="start"/> to <paramref name="end"/> without copying it (reading restarts after a bad row that spans lines).</summary>
    private sealed class TailReader(string text, int start, int end) : TextReader
    {
        private int _position = start;

        public override int Peek() => _position < end ? text[_position] : -1;

        public override int Read() => _position < end ? text[_position++] : -1;

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            var n = Math.Min(buffer.Length, end - _position);
            text.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }
    }
}
