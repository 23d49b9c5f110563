using System.Text;
using PlanRules.Diagnostics;
using PlanRules.Ledger;
using PlanRules.Text;
using static PlanRules.Tests.Analysis.ComplianceKit;

namespace PlanRules.Tests.Ledger;

/// <summary>The <c>*.ledger.csv</c> form: header, RFC 4180 quoting, BOM, and bad rows reported at their line and column.</summary>
public class LedgerCsvReaderTests
{
    private const string HeaderRow = "date,task,status,by,evidence,note";

    private static LedgerFile Read(string text) => LedgerCsvReader.Read(new SourceText(text, "p.ledger.csv"));

    private static void Problem(Diagnostic d, string id, int line, int column, string zh, string en)
    {
        Assert.Equal(id, d.Id);
        Assert.Equal("p.ledger.csv", d.Location.Path);
        Assert.Equal((line, column), (d.Location.Line, d.Location.Column));
        Assert.Equal(zh, d.GetMessage(Zh));
        Assert.Equal(en, d.GetMessage(En));
    }

    [Fact]
    public void Rows_read_every_column_and_status_form()
    {
        var file = Read($""""
            {HeaderRow}
            2021-08-02,4,done,区发展改革局,https://www.panyu.gov.cn/a,已公开
            2021-10-10,28,progress 60%,,,
            2021-11-01,33,waived 经区政府同意延期至2022年3月,,,
            2021-11-02,34,"waived ""不适用""",,,
            2021年9月15日,43,occurred,市桥街,,听取汇报
            2021-10-12,2,reopened,新造镇,,退回补充
            2021-10-13,3,started,,,
            """");

        Assert.Empty(file.Diagnostics);
        Assert.Equal(7, file.Records.Length);
        var first = file.Records[0];
        Assert.Equal((D("2021-08-02"), "4", LedgerStatus.Done, "区发展改革局", "https://www.panyu.gov.cn/a", "已公开"),
            (first.Date, first.TaskId, first.Status, first.By, first.Evidence, first.Note));
        Assert.Equal((LedgerStatus.Progress, 60), (file.Records[1].Status, file.Records[1].Percent));
        Assert.Null(file.Records[1].By);
        Assert.Equal("经区政府同意延期至2022年3月", file.Records[2].Reason);
        Assert.Equal("不适用", file.Records[3].Reason);
        Assert.Equal((D("2021-09-15"), LedgerStatus.Occurred), (file.Records[4].Date, file.Records[4].Status));
        Assert.Equal([LedgerStatus.Reopened, LedgerStatus.Started], file.Records.Skip(5).Select(r => r.Status));
        Assert.Equal((2, 12), (first.TaskLocation.Line, first.TaskLocation.Column));
        Assert.Equal((2, 19), (first.ByLocation.Line, first.ByLocation.Column));
    }

    [Fact]
    public void Header_with_a_byte_order_mark_and_CRLF_line_ends_is_read()
    {
        var bytes = new UTF8Encoding(true).GetPreamble()
            .Concat(Encoding.UTF8.GetBytes($"{HeaderRow}\r\n2021-08-02,4,done,,,\r\n2021-02-30,5,done,,,\r\n"))
            .ToArray();
        var file = LedgerCsvReader.Read(SourceText.FromUtf8(bytes, "p.ledger.csv"));

        Assert.Equal(["4"], file.Records.Select(r => r.TaskId));
        Problem(Assert.Single(file.Diagnostics), "PR0002", 3, 1, "日期 '2021-02-30' 不存在", "The date '2021-02-30' does not exist");

        // A BOM character still in the text (a host that decoded without stripping it) is accepted too.
        Assert.Single(LedgerCsvReader.Read(new SourceText("\uFEFF" + HeaderRow + "\n2021-08-02,4,done,,,\n")).Records);
    }

    [Fact]
    public void Header_columns_are_matched_by_name_in_any_order_and_optional_ones_may_be_left_out()
    {
        var file = Read("status,task,date\ndone,4,2021-08-02\n");
        var record = Assert.Single(file.Records);
        Assert.Equal((D("2021-08-02"), "4", LedgerStatus.Done), (record.Date, record.TaskId, record.Status));
        Assert.Empty(file.Diagnostics);
    }

    [Fact]
    public void Header_without_a_required_column_is_reported_and_nothing_is_read()
    {
        var file = Read("date,status,by\n2021-08-02,done,市桥街\n");
        Assert.Empty(file.Records);
        Problem(Assert.Single(file.Diagnostics), "PR0001", 1, 1,
            "CSV 表头应为 date,task,status,by,evidence,note", "The CSV header must be date,task,status,by,evidence,note");
    }

    [Fact]
    public void Unknown_column_is_reported_at_its_header_cell_and_ignored_while_every_row_still_counts()
    {
        // Regression: one column the reader does not know (a spreadsheet's 序号) refused the whole ledger with
        // "the header must be …" at column 1, without naming the column.
        var file = Read("序号,date,task,status,by,备注\n1,2021-08-02,4,done,市桥街,已公开\n2,2021-08-03,5,done,,\n");

        Assert.Equal(["4", "5"], file.Records.Select(r => r.TaskId));
        Assert.Equal("市桥街", file.Records[0].By);
        Assert.Equal((2, 1), (file.Records[0].Location.Line, file.Records[0].Location.Column));
        Assert.Equal(2, file.Diagnostics.Length);
        Problem(file.Diagnostics[0], "PR0001", 1, 1, "CSV 表头中的列 '序号' 未知，该列已忽略（可用的列：date,task,status,by,evidence,note）",
            "Unknown CSV column '序号' ignored (the columns are date,task,status,by,evidence,note)");
        Problem(file.Diagnostics[1], "PR0001", 1, 24, "CSV 表头中的列 '备注' 未知，该列已忽略（可用的列：date,task,status,by,evidence,note）",
            "Unknown CSV column '备注' ignored (the columns are date,task,status,by,evidence,note)");
    }

    [Fact]
    public void Column_named_twice_is_reported_at_its_second_header_cell_and_nothing_is_read()
    {
        var file = Read("date,task,status,By,by\n2021-08-02,4,done,市桥街,石楼镇\n");

        Assert.Empty(file.Records);
        Problem(Assert.Single(file.Diagnostics), "PR0001", 1, 21, "CSV 表头中的列 'by' 重复", "CSV column 'by' appears twice in the header");
    }

    [Fact]
    public void RFC_4180_quoting_keeps_commas_doubled_quotes_and_line_breaks_inside_fields()
    {
        var file = Read($"{HeaderRow}\n2021-08-02,4,done,区发展改革局,\"清单, 第1版\",\"他说\"\"已公开\"\"\"\n2021-08-03,5,done,,\"第一行\n第二行\",\n2021-02-30,6,done,,,\n");

        Assert.Equal(2, file.Records.Length);
        Assert.Equal("清单, 第1版", file.Records[0].Evidence);
        Assert.Equal("他说\"已公开\"", file.Records[0].Note);
        Assert.Equal("第一行\n第二行", file.Records[1].Evidence);
        // The quoted line break does not put the next row's position off.
        Problem(Assert.Single(file.Diagnostics), "PR0002", 5, 1, "日期 '2021-02-30' 不存在", "The date '2021-02-30' does not exist");
    }

    [Fact]
    public void Row_with_the_wrong_number_of_columns_is_reported_at_its_line_and_skipped()
    {
        var file = Read($"{HeaderRow}\n2021-08-02,4,done,,\n2021-08-03,5,done,,,,\n2021-08-04,6,done,,,\n");

        Assert.Equal(["6"], file.Records.Select(r => r.TaskId));
        Assert.Equal(2, file.Diagnostics.Length);
        Problem(file.Diagnostics[0], "PR0001", 2, 1, "CSV 行应有 6 列，实际为 5 列", "A CSV row must have 6 columns, found 5");
        Problem(file.Diagnostics[1], "PR0001", 3, 1, "CSV 行应有 6 列，实际为 7 列", "A CSV row must have 6 columns, found 7");
    }

    [Fact]
    public void Bad_date_is_reported_at_its_column_and_the_row_skipped()
    {
        var file = Read("task,date,status\n28,2021-02-30,done\n28,2021-12-01,done\n");

        Problem(Assert.Single(file.Diagnostics), "PR0002", 2, 4, "日期 '2021-02-30' 不存在", "The date '2021-02-30' does not exist");
        Assert.Equal([D("2021-12-01")], file.Records.Select(r => r.Date));
    }

    [Theory]
    [InlineData("finished")]
    [InlineData("progress")]
    [InlineData("progress 150%")]
    [InlineData("done twice")]
    [InlineData("")]
    public void Bad_status_is_reported_at_its_column_and_the_row_skipped(string status)
    {
        var file = Read($"{HeaderRow}\n2021-08-02,4,{status},,,\n2021-08-03,5,done,,,\n");

        Problem(Assert.Single(file.Diagnostics), "PR0001", 2, 14, $"CSV 字段 status 无效：'{status}'", $"Invalid CSV field status: '{status}'");
        Assert.Equal(["5"], file.Records.Select(r => r.TaskId));
    }

    [Fact]
    public void Bad_task_id_is_reported_at_its_column()
    {
        var file = Read($"{HeaderRow}\n2021-08-02,T-33,done,,,\n");
        Problem(Assert.Single(file.Diagnostics), "PR0001", 2, 12, "CSV 字段 task 无效：'T-33'", "Invalid CSV field task: 'T-33'");
        Assert.Empty(file.Records);
    }

    [Fact]
    public void Blank_lines_are_skipped_and_later_rows_keep_their_line_and_column()
    {
        // Regression: blank lines were dropped from CsvHelper's raw record and every later position was off.
        var file = Read($"\n{HeaderRow}\n\n2021-08-02,4,done,市桥街,,\n\n   \n2021-02-30,5,done,,,\n");

        var record = Assert.Single(file.Records);
        Assert.Equal((4, 1), (record.Location.Line, record.Location.Column));
        Assert.Equal((4, 19), (record.ByLocation.Line, record.ByLocation.Column));
        Problem(Assert.Single(file.Diagnostics), "PR0002", 7, 1, "日期 '2021-02-30' 不存在", "The date '2021-02-30' does not exist");
    }

    [Fact]
    public void Spans_cover_fields_and_rows_as_written_quotes_included()
    {
        // Regression: a quoted field's span had the length of its value, so it stopped short of the closing quote,
        // and a row ending in a quoted field was cut short too.
        const string good = "2021-08-03,5,done,\"区司法局\",\"证据, 第1号\",\"说\"\"明\"\"\"";
        var file = Read($"{HeaderRow}\n\"2021-02-30\",4,done,,,\n{good}\n");

        var d = Assert.Single(file.Diagnostics);
        Assert.Equal(((2, 1), (2, 13)), ((d.Location.LineSpan.Start.Line, d.Location.LineSpan.Start.Column), (d.Location.LineSpan.End.Line, d.Location.LineSpan.End.Column)));
        var r = Assert.Single(file.Records);
        Assert.Equal("说\"明\"", r.Note);
        Assert.Equal(((3, 19), (3, 25)), ((r.ByLocation.LineSpan.Start.Line, r.ByLocation.LineSpan.Start.Column), (r.ByLocation.LineSpan.End.Line, r.ByLocation.LineSpan.End.Column)));
        Assert.Equal(((3, 1), (3, good.Length + 1)), ((r.Location.LineSpan.Start.Line, r.Location.LineSpan.Start.Column), (r.Location.LineSpan.End.Line, r.Location.LineSpan.End.Column)));
        Assert.Equal(((3, 12), (3, 13)), ((r.TaskLocation.LineSpan.Start.Line, r.TaskLocation.LineSpan.Start.Column), (r.TaskLocation.LineSpan.End.Line, r.TaskLocation.LineSpan.End.Column)));
    }

    [Fact]
    public void Unbalanced_quote_is_reported_at_its_row()
    {
        var file = Read($"{HeaderRow}\n2021-08-02,4,done,,,\n2021-08-03,5,done,,\"未闭合,\n");
        Assert.Equal(["4"], file.Records.Select(r => r.TaskId));
        Problem(Assert.Single(file.Diagnostics), "PR0001", 3, 1, "CSV 引号不匹配", "Unbalanced quote in CSV");
    }

    [Fact]
    public void Unclosed_quote_in_the_middle_of_the_file_loses_only_its_own_line()
    {
        // Regression: the quote opened on line 3 never closes, so CsvHelper read lines 3..6 as one bad row; the
        // good rows on lines 4 and 6 were skipped without a word.
        var file = Read($"{HeaderRow}\r\n2021-08-02,4,done,,,\r\n2021-08-03,5,done,,\"未闭合,\r\n2021-08-04,6,done,,,\r\n2021-02-30,7,done,,,\r\n2021-08-05,8,done,,\"证据\",\r\n");

        Assert.Equal(["4", "6", "8"], file.Records.Select(r => r.TaskId));
        Assert.Equal([(4, 1), (6, 1)], file.Records.Skip(1).Select(r => (r.Location.Line, r.Location.Column)));
        Assert.Equal(2, file.Diagnostics.Length);
        Problem(file.Diagnostics[0], "PR0001", 3, 1, "CSV 引号不匹配", "Unbalanced quote in CSV");
        Problem(file.Diagnostics[1], "PR0002", 5, 1, "日期 '2021-02-30' 不存在", "The date '2021-02-30' does not exist");
    }

    [Fact]
    public void Quote_closed_on_a_later_line_with_text_after_it_loses_only_its_first_line()
    {
        // The field opened on line 2 closes on line 3 and is followed by more text: a bad row; line 3 is read again
        // on its own (and is bad too), line 4 counts.
        var file = Read($"{HeaderRow}\n2021-08-02,4,done,,\"开头,\n2021-08-03,5\" x,done,,,\n2021-08-04,6,done,,,\n");

        Assert.Equal(["6"], file.Records.Select(r => r.TaskId));
        Assert.Equal([2, 3], file.Diagnostics.Select(d => d.Location.Line));
        Assert.All(file.Diagnostics, d => Assert.Equal("PR0001", d.Id));
    }

    [Fact]
    public void Empty_file_and_header_only_file_have_no_records_and_no_findings()
    {
        Assert.Empty(Read("").Records);
        Assert.Empty(Read("").Diagnostics);
        Assert.Empty(Read(HeaderRow + "\n").Records);
        Assert.Empty(Read(HeaderRow + "\n").Diagnostics);
    }
}
