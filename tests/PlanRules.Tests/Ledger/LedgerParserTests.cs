using PlanRules.Diagnostics;
using PlanRules.Ledger;
using PlanRules.Text;
using static PlanRules.Tests.Analysis.ComplianceKit;

namespace PlanRules.Tests.Ledger;

/// <summary>The <c>*.ledger</c> grammar: statuses, clauses, date forms, comments, bad lines, CRLF and BOM.</summary>
public class LedgerParserTests
{
    private static LedgerFile Parse(string text) => LedgerParser.Parse(text, "p.ledger");

    private static LedgerRecord One(string text)
    {
        var file = Parse(text);
        Assert.True(file.Diagnostics.IsEmpty, "unexpected findings:\n" + string.Join("\n", file.Diagnostics));
        return Assert.Single(file.Records);
    }

    private static void Problem(Diagnostic d, string id, int line, int column, string zh, string en)
    {
        Assert.Equal(id, d.Id);
        Assert.Equal("p.ledger", d.Location.Path);
        Assert.Equal((line, column), (d.Location.Line, d.Location.Column));
        Assert.Equal(zh, d.GetMessage(Zh));
        Assert.Equal(en, d.GetMessage(En));
    }

    [Fact]
    public void Record_with_every_clause_reads_date_task_status_unit_evidence_and_note()
    {
        var r = One("2021-08-02 task 4 done by 区发展改革局 evidence \"https://www.panyu.gov.cn/a\" note \"已公开\"");

        Assert.Equal(D("2021-08-02"), r.Date);
        Assert.Equal("4", r.TaskId);
        Assert.Equal(LedgerStatus.Done, r.Status);
        Assert.Equal("区发展改革局", r.By);
        Assert.Equal("https://www.panyu.gov.cn/a", r.Evidence);
        Assert.Equal("已公开", r.Note);
        Assert.Null(r.Percent);
        Assert.Null(r.Reason);
        Assert.Equal((1, 1), (r.Location.Line, r.Location.Column));
        Assert.Equal((1, 17), (r.TaskLocation.Line, r.TaskLocation.Column));
        Assert.Equal((1, 27), (r.ByLocation.Line, r.ByLocation.Column));
    }

    [Theory]
    [InlineData("started", LedgerStatus.Started, null, null)]
    [InlineData("progress 60%", LedgerStatus.Progress, 60, null)]
    [InlineData("progress 0 ％", LedgerStatus.Progress, 0, null)]
    [InlineData("progress 100%", LedgerStatus.Progress, 100, null)]
    [InlineData("done", LedgerStatus.Done, null, null)]
    [InlineData("occurred", LedgerStatus.Occurred, null, null)]
    [InlineData("waived", LedgerStatus.Waived, null, null)]
    [InlineData("waived \"经区政府同意延期至2022年3月\"", LedgerStatus.Waived, null, "经区政府同意延期至2022年3月")]
    [InlineData("waived “不适用”", LedgerStatus.Waived, null, "不适用")]
    [InlineData("reopened", LedgerStatus.Reopened, null, null)]
    public void Every_status_is_read(string status, LedgerStatus expected, int? percent, string? reason)
    {
        var r = One($"2021-10-10 task 28 {status} by 市桥街");

        Assert.Equal(expected, r.Status);
        Assert.Equal(percent, r.Percent);
        Assert.Equal(reason, r.Reason);
        Assert.Equal("市桥街", r.By);
    }

    [Fact]
    public void Record_without_by_is_about_the_whole_task()
    {
        var r = One("2021-10-01 task 12 started");
        Assert.Null(r.By);
        Assert.Equal(r.Location, r.ByLocation);
    }

    [Fact]
    public void Chinese_date_form_quoted_names_dotted_ids_and_full_width_statement_end_are_read()
    {
        var file = Parse("2021年9月30日 task 3.1 done by \"区委编办(区绩效办)\"；\n2021年10月1日 task T33 occurred;");

        Assert.Empty(file.Diagnostics);
        Assert.Equal([D("2021-09-30"), D("2021-10-01")], file.Records.Select(r => r.Date));
        Assert.Equal(["3.1", "T33"], file.Records.Select(r => r.TaskId));
        Assert.Equal("区委编办(区绩效办)", file.Records[0].By);
    }

    [Fact]
    public void Comments_and_blank_lines_are_skipped_and_positions_stay_exact()
    {
        var file = Parse("""
            // 台账：番禺区2021年
            /* 多行
               注释 */

            2021-08-02 task 4 done // 已公开
              /* 行内 */ 2021-08-03 task 5 done
            """);

        Assert.Empty(file.Diagnostics);
        Assert.Equal(["4", "5"], file.Records.Select(r => r.TaskId));
        Assert.Equal((5, 1), (file.Records[0].Location.Line, file.Records[0].Location.Column));
        Assert.Equal((6, 12), (file.Records[1].Location.Line, file.Records[1].Location.Column));
    }

    [Fact]
    public void Impossible_date_is_reported_at_the_date_and_its_line_skipped()
    {
        var file = Parse("2021-08-01 task 1 done\n2021-02-30 task 2 done\n2021-08-03 task 3 done");

        Problem(Assert.Single(file.Diagnostics), "PR0002", 2, 1, "日期 '2021-02-30' 不存在", "The date '2021-02-30' does not exist");
        Assert.Equal(["1", "3"], file.Records.Select(r => r.TaskId));
    }

    [Fact]
    public void Unknown_status_is_reported_at_the_word_and_its_line_skipped()
    {
        var file = Parse("2021-08-01 task 1 finished by 市桥街\n2021-08-03 task 3 done");

        Problem(Assert.Single(file.Diagnostics), "PR0001", 1, 19,
            "应为状态（started、progress N%、done、occurred、waived、reopened），但遇到'finished'",
            "Expected a status (started, progress N%, done, occurred, waived, reopened) but found 'finished'");
        Assert.Equal(["3"], file.Records.Select(r => r.TaskId));
    }

    [Fact]
    public void Unterminated_string_is_reported_at_its_quote_and_its_line_skipped()
    {
        var file = Parse("2021-08-01 task 1 done note \"未闭合\n2021-08-03 task 3 done");

        Problem(Assert.Single(file.Diagnostics), "PR0001", 1, 29, "字符串缺少结束引号", "Unterminated string");
        Assert.Equal(["3"], file.Records.Select(r => r.TaskId));
    }

    [Fact]
    public void Trailing_junk_is_reported_at_the_junk_and_its_line_skipped()
    {
        var file = Parse("2021-08-01 task 1 done by 市桥街 按时\n2021-08-03 task 3 done");

        Problem(Assert.Single(file.Diagnostics), "PR0001", 1, 31,
            "应为by、evidence、note 或行尾，但遇到'按时'", "Expected by, evidence, note or end of line but found '按时'");
        Assert.Equal(["3"], file.Records.Select(r => r.TaskId));
    }

    [Fact]
    public void Line_that_is_not_a_record_is_reported_at_its_start()
    {
        var file = Parse("hello\n2021-08-03 task 3 done");

        Problem(Assert.Single(file.Diagnostics), "PR0001", 1, 1,
            "应为台账记录（日期 task 编号 状态），但遇到'hello'", "Expected a ledger record (DATE task ID STATUS) but found 'hello'");
        Assert.Single(file.Records);
    }

    [Fact]
    public void Missing_task_id_is_reported_at_the_line_end_and_the_record_does_not_swallow_the_next_line()
    {
        var file = Parse("2021-08-01 task\n2021-08-03 task 3 done");

        Problem(Assert.Single(file.Diagnostics), "PR0001", 1, 16, "应为编号，但遇到行尾", "Expected an id but found end of line");
        Assert.Equal(["3"], file.Records.Select(r => r.TaskId));
    }

    [Fact]
    public void Percentage_over_100_is_reported_and_its_line_skipped()
    {
        // Regression: the PR0002 was reported but the record still counted (as "150% done").
        var file = Parse("2021-08-01 task 1 progress 150%\n2021-08-02 task 2 progress 99999999999%\n2021-08-03 task 3 progress 60%");

        Assert.Equal(2, file.Diagnostics.Length);
        Problem(file.Diagnostics[0], "PR0002", 1, 28, "百分比 150 不在 0 到 100 之间", "The percentage 150 is not between 0 and 100");
        Assert.Equal(("PR0002", 2, 28), (file.Diagnostics[1].Id, file.Diagnostics[1].Location.Line, file.Diagnostics[1].Location.Column));
        Assert.Equal(["3"], file.Records.Select(r => r.TaskId));
    }

    [Fact]
    public void Several_bad_lines_are_each_reported_and_every_good_line_still_counts()
    {
        var text = string.Join("\n",
            "2021-08-01 task 1 done",
            "2021-13-01 task 2 done",
            "2021-08-03 task 3 finished",
            "2021-08-04 task 4 done evidence \"x",
            "2021-08-05 task 5 done junk",
            "2021-08-06 task 6 waived \"原因\" by 市桥街");
        var file = Parse(text);

        Assert.Equal([(2, 1), (3, 19), (4, 33), (5, 24)], file.Diagnostics.Select(d => (d.Location.Line, d.Location.Column)));
        Assert.Equal(["1", "6"], file.Records.Select(r => r.TaskId));
    }

    [Fact]
    public void CRLF_line_ends_and_a_byte_order_mark_keep_lines_and_columns_exact()
    {
        var bytes = new System.Text.UTF8Encoding(true).GetPreamble()
            .Concat(System.Text.Encoding.UTF8.GetBytes("// 台账\r\n2021-08-01 task 1 done by 市桥街\r\n2021-02-30 task 2 done\r\n2021-08-03 task 3 started\r\n"))
            .ToArray();
        var file = LedgerParser.Parse(SourceText.FromUtf8(bytes, "p.ledger"));

        Problem(Assert.Single(file.Diagnostics), "PR0002", 3, 1, "日期 '2021-02-30' 不存在", "The date '2021-02-30' does not exist");
        Assert.Equal(["1", "3"], file.Records.Select(r => r.TaskId));
        Assert.Equal((2, 27), (file.Records[0].ByLocation.Line, file.Records[0].ByLocation.Column));
        Assert.Equal((4, 1), (file.Records[1].Location.Line, file.Records[1].Location.Column));

        // A BOM left in a string given directly is skipped too.
        Assert.Single(Parse("\uFEFF2021-08-01 task 1 done\r\n").Records);
    }

    [Fact]
    public void Records_print_back_in_canonical_form()
    {
        var r = One("2021年11月1日 task 33 waived “经区政府同意” by 区政务服务数据管理局 note \"延期\"");
        Assert.Equal("2021-11-01 task 33 waived \"经区政府同意\" by 区政务服务数据管理局 note \"延期\"", LedgerStatusText.Format(r));
        Assert.Equal("progress 60%", LedgerStatusText.ToText(One("2021-11-01 task 1 progress 60%")));
    }

    [Fact]
    public void Any_text_parses_without_throwing()
    {
        foreach (var text in new[] { "", "\n\n", "2021", "2021-01-01 task", "2021-01-01 task 1 progress", "2021-01-01 task 1 progress 5", "/* never closed", "\"", "2021-01-01 task 1 done by" })
        {
            var file = Parse(text);
            Assert.Empty(file.Records);
            Assert.Equal(text.Trim().Length > 0, !file.Diagnostics.IsEmpty);
        }
    }
}
