using System.Text;
using NodaTime;
using NodaTime.Testing;
using PlanRules.Cli;
using PlanRules.Diagnostics;
using PlanRules.Ledger;
using PlanRules.Tests.Support;
using PlanRules.Text;
using static PlanRules.Tests.Analysis.ComplianceKit;

namespace PlanRules.Tests.Ledger;

/// <summary>
/// A ledger that is not valid UTF-8 is read, not refused: each line with an invalid byte sequence is PR0001 at
/// the sequence and skipped, and every good line still counts (LANGUAGE.md: "A bad line is reported with its
/// line (and column) and skipped; every good line still counts").
/// </summary>
public class InvalidUtf8LedgerTests
{
    private static byte[] Bytes(params object[] parts) =>
        [.. parts.SelectMany(p => p is string s ? Encoding.UTF8.GetBytes(s) : (byte[])p)];

    [Fact]
    public void Replacing_decoder_records_each_invalid_sequence_and_keeps_the_rest()
    {
        var source = SourceText.FromUtf8Replacing(Bytes(new byte[] { 0xEF, 0xBB, 0xBF }, "甲", new byte[] { 0xFF }, "乙\n", new byte[] { 0xE4, 0xB8 }), "x.ledger");

        Assert.Equal("甲\uFFFD乙\n\uFFFD", source.Text);
        Assert.Equal([new InvalidUtf8Sequence(1, "FF"), new InvalidUtf8Sequence(4, "E4B8")], source.InvalidUtf8.ToArray());
        Assert.Equal("0xE4 0xB8", source.InvalidUtf8[1].Display);
        Assert.Empty(SourceText.FromUtf8Replacing(Encoding.UTF8.GetBytes("甲乙")).InvalidUtf8);
    }

    [Fact]
    public void Text_ledger_skips_the_bad_line_and_keeps_every_good_one()
    {
        var source = SourceText.FromUtf8Replacing(Bytes(
            "2021-05-01 task 2 done by 甲\n",
            "2021-05-02 task 3 done note \"", new byte[] { 0xFF }, "\"\n",
            "2021-05-03 task 4 done\n"), "p.ledger");

        var file = LedgerParser.Parse(source);

        Assert.Equal(["2", "4"], file.Records.Select(r => r.TaskId));
        var d = Assert.Single(file.Diagnostics);
        Assert.Equal(("PR0001", DiagnosticSeverity.Error, 2, 30), (d.Id, d.Severity, d.Location.Line, d.Location.Column));
        Assert.Equal("无效的 UTF-8 字节序列（0xFF），该行已跳过", d.GetMessage(Zh));
        Assert.Equal("Invalid UTF-8 byte sequence (0xFF); the line is skipped", d.GetMessage(En));
    }

    [Fact]
    public void Csv_ledger_skips_the_bad_row_and_keeps_every_good_one()
    {
        var source = SourceText.FromUtf8Replacing(Bytes(
            "date,task,status,by\n",
            "2021-05-01,2,done,甲\n",
            "2021-05-02,3,done,\"", new byte[] { 0xE4, 0xB8 }, "\"\n",
            "2021-05-03,4,done,\n"), "p.ledger.csv");

        var file = LedgerCsvReader.Read(source);

        Assert.Equal(["2", "4"], file.Records.Select(r => r.TaskId));
        var d = Assert.Single(file.Diagnostics);
        Assert.Equal(("PR0001", 3, 20), (d.Id, d.Location.Line, d.Location.Column));
        Assert.Equal("Invalid UTF-8 byte sequence (0xE4 0xB8); the line is skipped", d.GetMessage(En));
    }

    [Fact]
    public void Csv_bad_line_that_opens_a_quote_loses_only_itself()
    {
        // Regression: the bad line opened a quote that never closed, so the row ran to the end of the file and the
        // good rows after it were skipped with the bad line, without a word.
        var source = SourceText.FromUtf8Replacing(Bytes(
            "date,task,status,by,evidence\n",
            "2021-05-01,2,done,甲,\"", new byte[] { 0xFF }, ",\n",
            "2021-05-02,3,done,,\n",
            "2021-05-03,4,done,,\n"), "p.ledger.csv");

        var file = LedgerCsvReader.Read(source);

        Assert.Equal(["3", "4"], file.Records.Select(r => r.TaskId));
        var d = Assert.Single(file.Diagnostics);
        Assert.Equal(("PR0001", 2, 22), (d.Id, d.Location.Line, d.Location.Column));
    }

    [Fact]
    public void Csv_row_with_an_unclosed_quote_that_runs_over_a_bad_line_is_reported_and_later_rows_count()
    {
        var source = SourceText.FromUtf8Replacing(Bytes(
            "date,task,status,by,evidence\n",
            "2021-05-01,2,done,,\"未闭合\n",
            "2021-05-02,3,done,", new byte[] { 0xFF }, ",\n",
            "2021-05-03,4,done,,\n"), "p.ledger.csv");

        var file = LedgerCsvReader.Read(source);

        Assert.Equal(["4"], file.Records.Select(r => r.TaskId));
        Assert.Equal([("PR0001", 2), ("PR0001", 3)], file.Diagnostics.Select(d => (d.Id, d.Location.Line)));
    }

    [Fact]
    public void A_ledger_in_another_encoding_gives_twenty_findings_and_one_that_names_the_likely_cause()
    {
        // GB18030 bytes for 完成 on every line, three invalid UTF-8 sequences each (CD, EA B3, C9).
        var gb = new byte[] { 0xCD, 0xEA, 0xB3, 0xC9 };
        var lines = Enumerable.Range(1, 30).SelectMany(i => Bytes($"2021-05-01 task {i} done note \"", gb, "\"\n")).ToArray();

        var file = LedgerParser.Parse(SourceText.FromUtf8Replacing(lines, "gb.ledger"));

        Assert.Empty(file.Records);
        Assert.Equal(21, file.Diagnostics.Length);
        Assert.All(file.Diagnostics, d => Assert.Equal("PR0001", d.Id));
        var last = file.Diagnostics[^1];
        Assert.Equal((7, 32), (last.Location.Line, last.Location.Column)); // the 21st sequence
        Assert.Equal(90, SourceText.FromUtf8Replacing(lines).InvalidUtf8.Length);
        Assert.Equal("70 more invalid UTF-8 byte sequences, their lines skipped; the file may not be UTF-8 (for example GB18030): convert it to UTF-8", last.GetMessage(En));
    }

    [Fact]
    public void Check_reads_a_ledger_with_a_bad_byte_instead_of_exiting_two()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(Path.Combine(dir.Path, "p.plan"), """
            plan "p" { period 2021-01-01 .. 2021-12-31 }
            unit 甲
            unit 乙
            task 2 "a" { lead 甲 due 2021-06-01 }
            task 3 "b" { lead 乙 due 2021-06-01 }
            """);
        File.WriteAllBytes(Path.Combine(dir.Path, "p.ledger"), Bytes("2021-05-01 task 2 done by 甲\n2021-05-01 task 3 done note \"", new byte[] { 0xFF }, "\"\n"));
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };

        var exit = CliApp.Run(["check", ".", "--as-of", "2021-12-31", "--no-default-rules", "--culture", "en"], stdout, stderr, dir.Path, new FakeClock(Instant.FromUtc(2022, 1, 1, 0, 0)));

        Assert.Equal("", stderr.ToString());
        Assert.Equal(1, exit);
        var lines = stdout.ToString().Split('\n');
        Assert.Contains("p.ledger(2,30): error PR0001: Invalid UTF-8 byte sequence (0xFF); the line is skipped", lines);
        // Task 2 counts as done (no PR3001 for it); task 3's record was on the bad line.
        Assert.Contains("p.plan(5,1): warning PR3001: Task 3 is 213 days overdue (乙)", lines);
        Assert.DoesNotContain(lines, l => l.Contains("Task 2 "));
    }
}
