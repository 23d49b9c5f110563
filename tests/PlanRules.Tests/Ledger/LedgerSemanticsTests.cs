using PlanRules.Analysis.Compliance;
using static PlanRules.Tests.Analysis.ComplianceKit;

namespace PlanRules.Tests.Ledger;

/// <summary>What ledger records mean for obligations: which obligations a record applies to, and which record decides.</summary>
public class LedgerSemanticsTests
{
    // Task 28: obligations 区司法局, 区政府办, 有关单位 (open group: one obligation), 市桥街 and 石楼镇 (closed group 镇街).
    private const string Plan = Header + """
        task 28 "集中公开现行有效规范性文件" {
          lead 区司法局
          with 区政府办, 有关单位, 镇街
          due 2021-12-31
        }
        task 43 "听取汇报" {
          lead 镇街
          every year
        }
        """;

    private static readonly string[] Owners = ["区司法局", "区政府办", "有关单位", "市桥街", "石楼镇"];

    private static ObligationStatus[] Statuses(string ledger, string asOf = "2021-12-31")
    {
        var result = Check(Plan, ledger, asOf);
        return [.. Owners.Select(o => result.State("28", o).Status)];
    }

    [Fact]
    public void Record_without_by_applies_to_every_obligation_of_the_task()
    {
        Assert.All(Statuses("2021-12-01 task 28 done"), s => Assert.Equal(ObligationStatus.Done, s));
    }

    [Fact]
    public void Record_by_a_closed_group_applies_to_each_member()
    {
        Assert.Equal(
            [ObligationStatus.Open, ObligationStatus.Open, ObligationStatus.Open, ObligationStatus.Done, ObligationStatus.Done],
            Statuses("2021-12-01 task 28 done by 镇街"));
    }

    [Fact]
    public void Record_by_an_open_group_applies_to_its_single_obligation()
    {
        Assert.Equal(
            [ObligationStatus.Open, ObligationStatus.Open, ObligationStatus.Done, ObligationStatus.Open, ObligationStatus.Open],
            Statuses("2021-12-01 task 28 done by 有关单位"));
    }

    [Fact]
    public void Record_by_one_member_of_a_closed_group_applies_to_that_member_only()
    {
        Assert.Equal(
            [ObligationStatus.Open, ObligationStatus.Open, ObligationStatus.Open, ObligationStatus.Open, ObligationStatus.Done],
            Statuses("2021-12-01 task 28 done by 石楼镇"));
    }

    [Fact]
    public void Record_by_an_alias_applies_to_the_unit()
    {
        var plan = Header.Replace("unit 区政府办", "unit 区政府办 { alias 区府办 }") + "task 2 \"归集\" { lead 区政府办 }";
        var result = Check(plan, "2021-09-10 task 2 done by 区府办");
        Assert.Equal(ObligationStatus.Done, result.State("2", "区政府办").Status);
        Assert.Empty(result.Findings("PR3008"));
    }

    [Fact]
    public void Statuses_map_started_progress_done_waived_and_occurred_leaves_the_status_alone()
    {
        var ledger = """
            2021-10-01 task 28 started by 区司法局
            2021-10-10 task 28 progress 60% by 区政府办
            2021-10-11 task 28 done by 有关单位 evidence "专栏链接"
            2021-10-12 task 28 waived by 市桥街
            2021-10-13 task 28 occurred by 石楼镇
            """;
        var result = Check(Plan, ledger);

        Assert.Equal(
            [ObligationStatus.Started, ObligationStatus.InProgress, ObligationStatus.Done, ObligationStatus.Waived, ObligationStatus.Open],
            Owners.Select(o => result.State("28", o).Status));
        Assert.Equal(60, result.State("28", "区政府办").Percent);
        Assert.Equal(100, result.State("28", "有关单位").Percent);
        Assert.Equal(D("2021-10-11"), result.State("28", "有关单位").CompletedOn);
        Assert.Equal(["专栏链接"], result.State("28", "有关单位").Evidence.ToArray());
        Assert.Null(result.State("28", "市桥街").WaiverReason);
        Assert.Equal([D("2021-10-13")], result.State("28", "石楼镇").Occurrences.ToArray());
    }

    [Fact]
    public void Waiver_keeps_its_reason_or_falls_back_to_its_note()
    {
        var result = Check(Plan, """
            2021-11-30 task 28 waived "本街道无现行有效规范性文件" by 市桥街
            2021-11-30 task 28 waived by 石楼镇 note "经区司法局确认"
            """);
        Assert.Equal("本街道无现行有效规范性文件", result.State("28", "市桥街").WaiverReason);
        Assert.Equal("经区司法局确认", result.State("28", "石楼镇").WaiverReason);
    }

    [Fact]
    public void Reopened_undoes_an_earlier_done_and_a_later_done_counts_from_its_own_date()
    {
        var reopened = Check(Plan, """
            2021-09-20 task 28 done by 市桥街
            2021-10-10 task 28 reopened by 市桥街 note "退回补充"
            """, asOf: "2022-01-05");
        var state = reopened.State("28", "市桥街");
        Assert.Equal(ObligationStatus.Started, state.Status);
        Assert.Null(state.CompletedOn);
        Assert.Contains("PR3001 28 市桥街", reopened.ScheduleFindings());

        var redone = Check(Plan, """
            2021-09-20 task 28 done by 市桥街
            2021-10-10 task 28 reopened by 市桥街
            2022-01-03 task 28 done by 市桥街
            """, asOf: "2022-01-05");
        Assert.Equal(D("2022-01-03"), redone.State("28", "市桥街").CompletedOn);
        Assert.Equal("3", redone.Findings("PR3002").Single(d => d.Unit == "市桥街").Properties["daysLate"]);
    }

    [Fact]
    public void Latest_record_by_date_decides_whatever_the_line_order()
    {
        var result = Check(Plan, """
            2021-12-01 task 28 done by 市桥街
            2021-10-01 task 28 started by 市桥街
            """);
        Assert.Equal(ObligationStatus.Done, result.State("28", "市桥街").Status);
    }

    [Fact]
    public void On_the_same_date_the_later_line_decides()
    {
        Assert.Equal(ObligationStatus.Started, Check(Plan, "2021-12-01 task 28 done by 市桥街\n2021-12-01 task 28 reopened by 市桥街").State("28", "市桥街").Status);
        Assert.Equal(ObligationStatus.Done, Check(Plan, "2021-12-01 task 28 reopened by 市桥街\n2021-12-01 task 28 done by 市桥街").State("28", "市桥街").Status);
    }

    [Fact]
    public void Whole_task_record_and_unit_record_combine_by_date()
    {
        var result = Check(Plan, """
            2021-10-01 task 28 started
            2021-12-20 task 28 done by 区司法局
            """);
        Assert.Equal(ObligationStatus.Done, result.State("28", "区司法局").Status);
        Assert.Equal(ObligationStatus.Started, result.State("28", "区政府办").Status);
    }

    [Fact]
    public void Done_and_occurred_records_both_count_as_occurrences_of_a_recurring_duty()
    {
        var result = Check(Plan, """
            2021-03-01 task 43 occurred by 镇街
            2021-09-01 task 43 done by 市桥街
            """);
        Assert.Equal([D("2021-03-01"), D("2021-09-01")], result.State("43", "市桥街").Occurrences.ToArray());
        Assert.Equal([D("2021-03-01")], result.State("43", "石楼镇").Occurrences.ToArray());
        Assert.Empty(result.Findings("PR3005"));
    }

    [Fact]
    public void Bad_ledger_lines_are_findings_of_the_check_and_good_lines_still_count()
    {
        var result = Check(Plan, "2021-02-30 task 28 done\n2021-12-01 task 28 done by 镇街\n2021-12-02 task 28 finished");

        Assert.Equal(["PR0001 (3,20)", "PR0002 (1,1)"], result.Diagnostics.Where(d => d.Id is "PR0001" or "PR0002")
            .Select(d => $"{d.Id} ({d.Location.Line},{d.Location.Column})").Order());
        Assert.Equal(ObligationStatus.Done, result.State("28", "市桥街").Status);
        Assert.Equal(ObligationStatus.Open, result.State("28", "区司法局").Status);
        Assert.Equal(1, result.RecordCount);
    }
}
