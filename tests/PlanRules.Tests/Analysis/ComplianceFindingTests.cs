using PlanRules.Analysis.Compliance;
using PlanRules.Diagnostics;
using static PlanRules.Tests.Analysis.ComplianceKit;

namespace PlanRules.Tests.Analysis;

/// <summary>Each PR3xxx finding with its exact task, unit, days, period, location and message in both languages.</summary>
public class ComplianceFindingTests
{
    // The header ends with a newline after line 11, so the first task below starts at line 12, column 1.
    private const string Ipv6 = Header + """
        task 33 "区政府门户网站支持互联网协议第六版" {
          lead 区政务服务数据管理局
          due 2021-12-16
        }
        """;

    [Fact]
    public void Overdue_obligation_reports_days_task_unit_and_message_in_both_languages()
    {
        var result = Check(Ipv6, asOf: "2021-12-31");

        var d = result.Single("PR3001");
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Equal("33", d.TaskId);
        Assert.Equal("区政务服务数据管理局", d.Unit);
        Assert.Equal("15", d.Properties["daysOverdue"]);
        Assert.Equal("2021-12-16", d.Properties["due"]);
        Assert.Equal("open", d.Properties["status"]);
        Assert.Equal("任务 33 已逾期 15 天（区政务服务数据管理局）", d.GetMessage(Zh));
        Assert.Equal("Task 33 is 15 days overdue (区政务服务数据管理局)", d.GetMessage(En));
        d.At("plan.plan", 12, 1);
        Assert.Equal(15, result.State("33", "区政务服务数据管理局").DaysOverdue);
    }

    [Fact]
    public void Obligation_is_not_overdue_on_its_due_date_only_the_day_after()
    {
        Assert.Empty(Check(Ipv6, asOf: "2021-12-16").Findings("PR3001"));
        Assert.Equal("1", Check(Ipv6, asOf: "2021-12-17").Single("PR3001").Properties["daysOverdue"]);
    }

    [Fact]
    public void Started_or_in_progress_obligation_is_still_overdue_and_says_its_status()
    {
        var started = Check(Ipv6, "2021-06-01 task 33 started", asOf: "2021-12-31");
        Assert.Equal("started", started.Single("PR3001").Properties["status"]);

        var progress = Check(Ipv6, "2021-06-01 task 33 progress 80%", asOf: "2021-12-31");
        Assert.Equal("inprogress", progress.Single("PR3001").Properties["status"]);
        Assert.Equal(80, progress.State("33", "区政务服务数据管理局").Percent);
    }

    [Fact]
    public void Waived_obligation_is_never_overdue()
    {
        var result = Check(Ipv6, "2021-11-01 task 33 waived \"经区政府同意延期至2022年3月\"", asOf: "2021-12-31");

        Assert.Empty(result.Findings("PR3001"));
        var state = result.State("33", "区政务服务数据管理局");
        Assert.Equal(ObligationStatus.Waived, state.Status);
        Assert.Equal("经区政府同意延期至2022年3月", state.WaiverReason);
    }

    [Fact]
    public void Task_without_due_date_is_never_overdue()
    {
        var result = Check(Header + "task 1 \"无期限\" { lead 区司法局 }", asOf: "2021-12-31");
        Assert.Empty(result.ScheduleFindings());
    }

    [Fact]
    public void Closed_group_owes_one_obligation_per_member_and_each_is_overdue_on_its_own()
    {
        var plan = Header + """
            task 48 "建立台账" {
              lead 镇街
              due 2021-09-30
            }
            """;
        var result = Check(plan, "2021-09-15 task 48 done by 市桥街", asOf: "2021-12-31");

        Assert.Equal(["PR3001 48 石楼镇"], result.ScheduleFindings());
        Assert.Equal("92", result.Single("PR3001").Properties["daysOverdue"]);
    }

    [Fact]
    public void Done_after_due_reports_days_late_with_completion_date()
    {
        var result = Check(Ipv6, "2021-12-19 task 33 done by 区政务服务数据管理局", asOf: "2021-12-31");

        var d = result.Single("PR3002");
        Assert.Equal(("33", "区政务服务数据管理局"), (d.TaskId, d.Unit));
        Assert.Equal("3", d.Properties["daysLate"]);
        Assert.Equal("2021-12-19", d.Properties["completed"]);
        Assert.Equal("2021-12-16", d.Properties["due"]);
        Assert.Equal("任务 33 由 区政务服务数据管理局 逾期 3 天完成", d.GetMessage(Zh));
        Assert.Equal("Task 33 was done by 区政务服务数据管理局 3 days late", d.GetMessage(En));
        d.At("plan.plan", 12, 1);
        Assert.Empty(result.Findings("PR3001"));
    }

    [Fact]
    public void Done_on_the_due_date_is_on_time()
    {
        var result = Check(Ipv6, "2021-12-16 task 33 done", asOf: "2021-12-31");
        Assert.Empty(result.ScheduleFindings());
    }

    private const string Dependent = Header + """
        task 42 "规范年报" {
          lead 镇街
        }
        task 50 "纳入年报" {
          lead 镇街
          after 42
        }
        """;

    [Fact]
    public void Unit_that_does_a_task_before_its_own_dependency_gets_PR3003()
    {
        var ledger = """
            2021-10-01 task 42 done by 市桥街
            2021-10-05 task 50 done by 市桥街
            2021-10-05 task 50 done by 石楼镇
            2021-11-20 task 42 done by 石楼镇
            """;
        var result = Check(Dependent, ledger, asOf: "2021-12-31");

        var d = result.Single("PR3003");
        Assert.Equal(("50", "石楼镇"), (d.TaskId, d.Unit));
        Assert.Equal("42", d.Properties["dependency"]);
        Assert.Equal("2021-10-05", d.Properties["completed"]);
        Assert.Equal("任务 50 由 石楼镇 完成时，其依赖任务 42 尚未完成", d.GetMessage(Zh));
        Assert.Equal("Task 50 was done by 石楼镇 before its dependency 42 was done", d.GetMessage(En));
        d.At("plan.plan", 15, 1);
    }

    [Fact]
    public void Dependency_owed_by_other_units_must_be_settled_as_a_whole_before_the_task_is_done()
    {
        var plan = Header + """
            task 1 "归集" { lead 区政府办 }
            task 2 "发布" { lead 区司法局  after 1 }
            """;
        Assert.Equal(["PR3003 2 区司法局"], Check(plan, "2021-05-01 task 2 done\n2021-06-01 task 1 done", asOf: "2021-12-31").ScheduleFindings());
        Assert.Empty(Check(plan, "2021-05-01 task 1 done\n2021-05-01 task 2 done", asOf: "2021-12-31").ScheduleFindings());
        Assert.Empty(Check(plan, "2021-04-01 task 1 waived \"不再需要\"\n2021-05-01 task 2 done", asOf: "2021-12-31").ScheduleFindings());
    }

    private const string Risky = Header + """
        task 48 "建立台账" {
          lead 区司法局
          due 2021-09-30
        }
        task 49 "无期限的准备工作" {
          lead 区政府办
        }
        task 50 "纳入年报" {
          lead 区司法局
          after 48, 49
          due 2021-12-31
        }
        """;

    [Fact]
    public void Task_whose_dependency_is_overdue_is_at_risk()
    {
        var result = Check(Risky, "2021-10-01 task 49 done", asOf: "2021-10-15");

        var d = result.Single("PR3004");
        Assert.Equal(DiagnosticSeverity.Info, d.Severity);
        Assert.Equal("50", d.TaskId);
        Assert.Null(d.Unit);
        Assert.Equal("48", d.Properties["dependency"]);
        Assert.Equal("dependencyOverdue", d.Properties["reason"]);
        Assert.Equal("任务 50 有风险：依赖任务 48 已逾期", d.GetMessage(Zh));
        Assert.Equal("Task 50 is at risk: its dependency 48 is overdue", d.GetMessage(En));
        d.At("plan.plan", 19, 1);
    }

    [Fact]
    public void Task_due_within_at_risk_days_with_an_undone_dependency_is_at_risk()
    {
        // 48 done, 49 (no due date) still open; 50 is due in 30 days as of 2021-12-01.
        var result = Check(Risky, "2021-09-01 task 48 done", asOf: "2021-12-01");

        var d = result.Single("PR3004");
        Assert.Equal(("50", "49"), (d.TaskId, d.Arguments[1]));
        Assert.Equal("任务 50 有风险：距截止不足 30 天，依赖任务 49 仍未完成", d.GetMessage(Zh));
        Assert.Equal("Task 50 is at risk: due within 30 days and its dependency 49 is not done", d.GetMessage(En));

        Assert.Empty(Check(Risky, "2021-09-01 task 48 done", asOf: "2021-11-30").Findings("PR3004"));
        Assert.Empty(Check(Risky, "2021-09-01 task 48 done\n2021-11-01 task 49 done", asOf: "2021-12-01").Findings("PR3004"));
    }

    [Fact]
    public void At_risk_within_at_risk_days_carries_its_properties_like_the_overdue_variant()
    {
        var notDone = Check(Risky, "2021-09-01 task 48 done", asOf: "2021-12-11").Single("PR3004");
        Assert.Equal(
            [new("atRiskDays", "30"), new("daysLeft", "20"), new("dependency", "49"), new("reason", "dependencyNotDone")],
            notDone.Properties.ToArray());

        var overdue = Check(Risky, "2021-10-01 task 49 done", asOf: "2021-10-15").Single("PR3004");
        Assert.Equal([new("dependency", "48"), new("reason", "dependencyOverdue")], overdue.Properties.ToArray());
    }

    [Fact]
    public void Overdue_task_is_reported_overdue_not_at_risk()
    {
        var result = Check(Risky, "", asOf: "2022-01-05");
        Assert.Empty(result.Findings("PR3004"));
        Assert.Contains("PR3001 50 区司法局", result.ScheduleFindings());
    }

    private static string Recurring(string period, int atLeast, string start = "") => Header + $$"""
        task 43 "听取政务公开工作汇报" {
          lead 市桥街
          every {{period}} at-least {{atLeast}}{{(start.Length > 0 ? "\n  start " + start : "")}}
        }
        """;

    [Fact]
    public void Recurring_duty_short_in_a_whole_quarter_names_the_quarter()
    {
        var ledger = """
            2021-02-01 task 43 occurred
            2021-03-01 task 43 occurred
            2021-05-01 task 43 occurred
            2021-06-01 task 43 done
            2021-08-01 task 43 occurred
            2021-10-01 task 43 occurred
            """;
        // As of 2021-11-15, Q1..Q3 are whole; Q4 has not ended and is not judged.
        var result = Check(Recurring("quarter", 2), ledger, asOf: "2021-11-15");

        var d = result.Single("PR3005");
        Assert.Equal(("43", "市桥街"), (d.TaskId, d.Unit));
        Assert.Equal("2021-07-01..2021-09-30", d.Properties["period"]);
        Assert.Equal("1", d.Properties["occurrences"]);
        Assert.Equal("2", d.Properties["required"]);
        Assert.Equal("任务 43 在2021年第3季度仅记录 1 次（市桥街），要求至少 2 次", d.GetMessage(Zh));
        Assert.Equal("Task 43: 1 occurrence(s) recorded in 2021 Q3 (市桥街); at least 2 required", d.GetMessage(En));
        d.At("plan.plan", 12, 1);
    }

    [Fact]
    public void Records_of_one_day_are_one_occurrence_for_an_obligation()
    {
        // Regression: the same meeting filed twice — once for the whole task, once by the unit, or the same line in
        // two ledger files — counted as two occurrences and hid a quarter with one meeting where two are required.
        var ledger = """
            2021-02-01 task 43 occurred
            2021-02-01 task 43 occurred by 市桥街
            2021-05-01 task 43 occurred by 市桥街
            2021-05-20 task 43 done by 市桥街
            """;
        var csv = "date,task,status,by\n2021-02-01,43,occurred,市桥街\n";
        var result = Check(Recurring("quarter", 2), ledger, asOf: "2021-06-30", csv: csv);

        var d = result.Single("PR3005");
        Assert.Equal("2021-01-01..2021-03-31", d.Properties["period"]);
        Assert.Equal("1", d.Properties["occurrences"]);
        Assert.Equal([D("2021-02-01"), D("2021-05-01"), D("2021-05-20")], result.State("43", "市桥街").Occurrences.ToArray());
    }

    [Theory]
    [InlineData("year", "2021-12-31", "2021年", "2021", "2021-01-01..2021-12-31")]
    [InlineData("half-year", "2021-07-01", "2021年上半年", "2021 H1", "2021-01-01..2021-06-30")]
    [InlineData("month", "2021-02-01", "2021年1月", "2021-01", "2021-01-01..2021-01-31")]
    [InlineData("week", "2021-01-11", "2021年第1周", "2021-W01", "2021-01-04..2021-01-10")]
    public void Recurring_duty_short_names_its_period_in_both_languages(string period, string asOf, string zh, string en, string range)
    {
        var result = Check(Recurring(period, 1), "", asOf: asOf);

        var d = result.Single("PR3005");
        Assert.Equal(range, d.Properties["period"]);
        Assert.Equal($"任务 43 在{zh}仅记录 0 次（市桥街），要求至少 1 次", d.GetMessage(Zh));
        Assert.Equal($"Task 43: 0 occurrence(s) recorded in {en} (市桥街); at least 1 required", d.GetMessage(En));
    }

    [Fact]
    public void Period_that_began_before_the_task_started_is_not_whole_and_not_judged()
    {
        // Starts mid-February: February is not whole, March and April are.
        var result = Check(Recurring("month", 1, "2021-02-15"), "2021-03-10 task 43 occurred", asOf: "2021-05-10");
        Assert.Equal(["2021-04-01..2021-04-30"], result.Findings("PR3005").Select(d => d.Properties["period"]));
    }

    [Fact]
    public void Occurrences_after_the_as_of_date_do_not_count()
    {
        var result = Check(Recurring("quarter", 1), "2021-03-10 task 43 occurred\n2021-06-10 task 43 occurred", asOf: "2021-06-30");
        Assert.Empty(result.Findings("PR3005"));

        var early = Check(Recurring("quarter", 1), "2021-03-10 task 43 occurred\n2021-07-10 task 43 occurred", asOf: "2021-06-30");
        Assert.Equal(["2021-04-01..2021-06-30"], early.Findings("PR3005").Select(d => d.Properties["period"]));
        Assert.Single(early.Findings("PR3009"));
    }

    [Fact]
    public void Open_obligation_due_within_due_soon_days_is_reported_with_days_left()
    {
        var result = Check(Ipv6, "", asOf: "2021-12-06");

        var d = result.Single("PR3006");
        Assert.Equal(DiagnosticSeverity.Info, d.Severity);
        Assert.Equal(("33", "区政务服务数据管理局"), (d.TaskId, d.Unit));
        Assert.Equal("10", d.Properties["daysLeft"]);
        Assert.Equal("任务 33 将在 10 天后到期（区政务服务数据管理局）", d.GetMessage(Zh));
        Assert.Equal("Task 33 is due in 10 days (区政务服务数据管理局)", d.GetMessage(En));

        Assert.Empty(Check(Ipv6, "", asOf: "2021-12-01").Findings("PR3006"));
        Assert.Empty(Check(Ipv6, "2021-12-05 task 33 done", asOf: "2021-12-06").Findings("PR3006"));
        Assert.Equal("0", Check(Ipv6, "", asOf: "2021-12-16").Single("PR3006").Properties["daysLeft"]);
    }

    [Fact]
    public void Ledger_naming_an_unknown_task_is_an_error_at_the_task_id_with_did_you_mean()
    {
        var result = Check(Header + "task 43 \"汇报\" { lead 市桥街 }", "// 台账\n2021年6月18日 task 4.3 occurred by 市桥街", asOf: "2021-12-31");

        var d = result.Single("PR3007");
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal("4.3", d.TaskId);
        Assert.Equal("市桥街", d.Unit);
        Assert.Equal("台账引用了未知任务 '4.3'，是否指 '43'？", d.GetMessage(Zh));
        Assert.Equal("The ledger names unknown task '4.3'; did you mean '43'?", d.GetMessage(En));
        d.At("progress.ledger", 2, 17);
        Assert.True(result.HasErrors);
    }

    [Fact]
    public void Unknown_task_with_nothing_close_has_no_suggestion()
    {
        var d = Check(Ipv6, "2021-06-18 task budget done", asOf: "2021-12-31").Single("PR3007");
        Assert.Equal("台账引用了未知任务 'budget'", d.GetMessage(Zh));
        Assert.Equal("The ledger names unknown task 'budget'", d.GetMessage(En));
    }

    [Fact]
    public void Did_you_mean_is_offered_for_the_first_twenty_distinct_unknown_tasks_and_remembered_for_repeats()
    {
        // Each new unknown id costs a pass over the plan's task ids; a ledger naming thousands of unknown tasks
        // is not helped by more suggestions, so only the first twenty distinct ids get one.
        var plan = Header + string.Concat(Enumerable.Range(1, 30).Select(i => $"task {1000 + i} \"任务{i}\" {{ lead 市桥街 }}\n"));
        var ledger = string.Join("\n", Enumerable.Range(1, 30).Select(i => $"2021-06-18 task x{1000 + i} done by 市桥街"))
            + "\n2021-06-19 task x1001 done by 市桥街";
        var findings = Check(plan, ledger, asOf: "2021-12-31").Findings("PR3007").OrderBy(d => d.Location.Line).ToList();

        Assert.Equal(31, findings.Count);
        for (var i = 0; i < 30; i++)
        {
            var message = findings[i].GetMessage(En);
            if (i < 20) Assert.EndsWith($"did you mean '{1001 + i}'?", message);
            else Assert.Equal($"The ledger names unknown task 'x{1001 + i}'", message);
        }
        Assert.EndsWith("did you mean '1001'?", findings[30].GetMessage(En));
    }

    [Fact]
    public void Ledger_by_a_unit_that_owes_nothing_on_the_task_is_reported_at_the_name_and_skipped()
    {
        var plan = Header + """
            task 34 "政府公报电子化" {
              lead 区政务服务数据管理局
              support 区司法局, 镇街
            }
            """;
        var ledger = """
            2021-10-20 task 34 done by 市桥街
            2021-10-21 task 34 done by 不存在的单位
            """;
        var result = Check(plan, ledger, asOf: "2021-12-31");

        var findings = result.Findings("PR3008");
        Assert.Equal(2, findings.Length);
        var d = findings[0];
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Equal(("34", "市桥街"), (d.TaskId, d.Unit));
        Assert.Equal("单位 '市桥街' 在任务 34 上没有义务", d.GetMessage(Zh));
        Assert.Equal("Unit '市桥街' owes nothing on task 34", d.GetMessage(En));
        d.At("progress.ledger", 1, 28);
        findings[1].At("progress.ledger", 2, 28);
        Assert.Equal(ObligationStatus.Open, result.State("34", "区政务服务数据管理局").Status);
    }

    [Fact]
    public void Ledger_by_a_misspelt_unit_suggests_the_declared_name_and_keeps_its_fingerprint()
    {
        // A typo in `by` read "unit '区司法句' owes nothing on task 33", as if the unit existed and owed nothing.
        var ledger = "2021-10-21 task 33 done by 区司法句\n2021-10-22 task 33 done by 市桥街";
        var result = Check(Ipv6, ledger, asOf: "2021-12-31");

        var findings = result.Findings("PR3008");
        Assert.Equal(2, findings.Length);
        Assert.Equal("单位 '区司法句' 在任务 33 上没有义务，是否指 '区司法局'？", findings[0].GetMessage(Zh));
        Assert.Equal("Unit '区司法句' owes nothing on task 33; did you mean '区司法局'?", findings[0].GetMessage(En));
        // A declared unit that owes nothing gets no suggestion.
        Assert.Equal("Unit '市桥街' owes nothing on task 33", findings[1].GetMessage(En));
        // The suggestion (which depends on the units declared) is not part of the fingerprint.
        var plain = Diagnostic.Create(DiagnosticCatalog.LedgerUnitOwesNothing, findings[0].Location, "33", "区司法句", null, "区司法句", "33");
        Assert.Equal(plain.Fingerprint, findings[0].Fingerprint);
    }

    [Fact]
    public void Ledger_record_after_the_as_of_date_is_reported_and_ignored()
    {
        var ledger = """
            2021-11-30 task 33 progress 80%
            2022-01-10 task 33 done by 区政务服务数据管理局
            """;
        var result = Check(Ipv6, ledger, asOf: "2021-12-31");

        var d = result.Single("PR3009");
        Assert.Equal(("33", "区政务服务数据管理局"), (d.TaskId, d.Unit));
        Assert.Equal("台账记录日期 2022-01-10 晚于评估日期 2021-12-31，已忽略", d.GetMessage(Zh));
        Assert.Equal("Ledger record dated 2022-01-10 is after the as-of date 2021-12-31; ignored", d.GetMessage(En));
        d.At("progress.ledger", 2, 1);
        // Ignored: the obligation is still in progress and overdue, not done late.
        Assert.Equal(ObligationStatus.InProgress, result.State("33", "区政务服务数据管理局").Status);
        Assert.Equal(["PR3001 33 区政务服务数据管理局", "PR3009 33 区政务服务数据管理局"], result.ScheduleFindings());

        // As of a later date the same record counts and the task was done 25 days late.
        var later = Check(Ipv6, ledger, asOf: "2022-02-01");
        Assert.Equal(["PR3002 33 区政务服务数据管理局"], later.ScheduleFindings());
        Assert.Equal("25", later.Single("PR3002").Properties["daysLate"]);
    }
    [Fact]
    public void Monthly_shortfalls_are_reported_in_calendar_order()
    {
        // Regression: periods of one duty were ordered by their names' text, so 2021年10月 to 12月 came before 2月.
        const string plan = Header + """
            task 43 "听取政务公开工作汇报" {
              lead 市桥街
              every month at-least 1
            }
            """;
        var result = Check(plan, asOf: "2021-12-31");

        var periods = result.Findings("PR3005").Select(d => d.Properties["period"]).ToList();
        Assert.Equal(12, periods.Count);
        Assert.Equal("2021-01-01..2021-01-31", periods[0]);
        Assert.Equal("2021-12-01..2021-12-31", periods[^1]);
        Assert.Equal(periods.Order(StringComparer.Ordinal), periods);
    }
}
