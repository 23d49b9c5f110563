using System.Text.RegularExpressions;
using PlanRules.Analysis;
using PlanRules.Diagnostics;
using PlanRules.Rules;
using PlanRules.Text;
using PlanRules.Tests.Support;
using static PlanRules.Tests.Rules.RuleKit;

namespace PlanRules.Tests.Rules;

/// <summary>Each standard rule fires on a minimal plan and stays silent on its minimal pair.</summary>
public partial class StandardRuleTests
{
    private static (string? Task, string? Unit)[] Hits(CheckResult result, string id) =>
        [.. Findings(result, id).Select(d => (d.TaskId, d.Unit))];

    private static void Fires(CheckResult result, string id, params (string? Task, string? Unit)[] expected)
    {
        var hits = Hits(result, id).OrderBy(h => h.Task, StringComparer.Ordinal).ThenBy(h => h.Unit, StringComparer.Ordinal).ToArray();
        Assert.True(expected.SequenceEqual(hits), $"{id}: expected [{string.Join("; ", expected)}], got [{string.Join("; ", hits)}]\n"
            + string.Join("\n", result.Diagnostics.Select(d => d.ToString())));
        Assert.All(Findings(result, id), d => Assert.NotEqual(DiagnosticSeverity.Error, d.Severity));
    }

    private static void Silent(CheckResult result, string id) =>
        Assert.True(Findings(result, id).IsEmpty, $"{id} fired:\n" + string.Join("\n", Findings(result, id).Select(d => d.ToString())));

    [GeneratedRegex("^GOV[0-9]{3}$")]
    private static partial Regex GovId();

    [Fact]
    public void StandardRulesCompileCleanlyWithTenOrMoreDocumentedRules()
    {
        var set = StandardRules.Compiled;
        Assert.True(set.Diagnostics.IsEmpty, string.Join("\n", set.Diagnostics.Select(d => d.ToString())));
        Assert.True(set.Rules.Length >= 10);
        Assert.Contains(set.Rules, r => r.Descriptor.Id == "GOV001" && r.Descriptor.Title.ToString(Zh) == "牵头单位过多");
        Assert.Equal(set.Rules.Length, set.Rules.Select(r => r.Descriptor.Id).Distinct().Count());
        foreach (var rule in set.Rules)
        {
            var d = rule.Descriptor;
            Assert.Matches(GovId(), d.Id);
            Assert.StartsWith("rules/", rule.SourcePath);
            Assert.NotEqual(DiagnosticSeverity.Error, d.DefaultSeverity);
            Assert.NotEqual("rules", d.Category);
            var syntax = rule.Bound.Syntax;
            foreach (var keyword in new[] { "help", "description" })
            {
                Assert.Contains(syntax.Items, i => i is PlanRules.Rules.Syntax.TextRuleItemSyntax t && t.Keyword == keyword);
            }
            var cultures = syntax.Items.OfType<PlanRules.Rules.Syntax.MessageItemSyntax>().Select(m => m.Culture).ToList();
            Assert.Contains("zh-CN", cultures);
            Assert.Contains("en", cultures);
            Assert.Contains(syntax.Items, i => i is PlanRules.Rules.Syntax.SeverityItemSyntax);
            Assert.Contains(syntax.Items, i => i is PlanRules.Rules.Syntax.CategoryItemSyntax);
        }
    }

    [Fact]
    public void TheReadmeDocumentsEveryStandardRule()
    {
        var readme = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "README.md"));
        var section = readme[readme.IndexOf("## Standard rules", StringComparison.Ordinal)..];
        foreach (var rule in StandardRules.Compiled.Rules) Assert.Contains(rule.Descriptor.Id, section);
    }

    [Fact]
    public void ACleanPlanHasNoStandardFindings()
    {
        var plan = Header + """
            task 1 "按时公开" { lead 区司法局 with 镇街 support 区政府办 start 2021-03-01 due 2021-06-30 }
            task 2 "每年听取汇报" { lead 镇街 every year }
            task 3 "年底前完成" { lead 区政府办 after 1 due 2021-12-31 }
            """;
        var ledger = """
            2021-06-01 task 1 done evidence "https://example.gov.cn/1"
            2021-05-01 task 2 occurred
            2021-12-01 task 3 done by 区政府办 evidence "通报"
            """;
        var result = CheckStandard(plan, ledger);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id.StartsWith("GOV", StringComparison.Ordinal));
    }

    // GOV001 牵头单位过多

    [Fact]
    public void Gov001_MoreThanThreeLeads()
    {
        Fires(CheckStandard(Header + """task 1 "多头" { lead 区政府办, 区司法局, 区财政局, 区教育局 }"""), "GOV001", ("1", null));
        Silent(CheckStandard(Header + """task 1 "三个" { lead 区政府办, 区司法局, 区财政局 with 区教育局 }"""), "GOV001");
        // Waived as a whole (all obligations waived): nothing left to supervise.
        Silent(CheckStandard(Header + """task 1 "多头" { lead 区政府办, 区司法局, 区财政局, 区教育局 }""", """2021-05-01 task 1 waived "任务取消" """), "GOV001");
    }

    // GOV002 仅由开放组承担

    [Fact]
    public void Gov002_OnlyOpenGroupsAreAccountable()
    {
        Fires(CheckStandard(Header + """task 1 "各有关单位办理" { lead 有关单位 }"""), "GOV002", ("1", null));
        Silent(CheckStandard(Header + """task 1 "会同" { lead 有关单位 with 区政府办 }"""), "GOV002");
        Silent(CheckStandard(Header + """task 1 "镇街" { lead 有关单位, 镇街 }"""), "GOV002");
        Silent(CheckStandard(Header + """task 1 "点名" { lead 区司法局 with 有关单位 }"""), "GOV002");
    }

    // GOV003 点名单位完成有时限任务未留存证据

    [Fact]
    public void Gov003_NamedUnitDoneWithoutEvidenceOnADeadlineTask()
    {
        var plan = Header + """task 1 "年底前公开" { lead 区司法局 with 镇街 due 2021-12-31 }""";
        var result = CheckStandard(plan, """
            2021-12-01 task 1 done by 区司法局
            2021-12-01 task 1 done by 镇街
            """);
        Fires(result, "GOV003", ("1", "区司法局"));
        Silent(CheckStandard(plan, """
            2021-12-01 task 1 done by 区司法局 evidence "https://example.gov.cn/28"
            2021-12-01 task 1 done by 镇街 evidence "各镇(街)专栏"
            """), "GOV003");
        // No deadline: not among the items checked one by one.
        Silent(CheckStandard(Header + """task 1 "持续" { lead 区司法局 }""", "2021-12-01 task 1 done by 区司法局"), "GOV003");
    }

    // GOV004 有时限任务的组内完成缺少证据

    [Fact]
    public void Gov004_GroupMembersDoneWithoutEvidenceAreSummedPerTask()
    {
        var plan = Header + """task 1 "年底前公开" { lead 区司法局 with 镇街 due 2021-12-31 }""";
        var result = CheckStandard(plan, """
            2021-12-01 task 1 done by 区司法局 evidence "平台"
            2021-12-01 task 1 done by 镇街
            """);
        Fires(result, "GOV004", ("1", null));
        Assert.Equal("有时限的任务 1 中，经由组承担的 2 项已完成义务未留存证据", Single(result.Diagnostics, "GOV004").GetMessage(Zh));
        Silent(result, "GOV003");
        Silent(CheckStandard(plan, """
            2021-12-01 task 1 done by 区司法局 evidence "平台"
            2021-12-01 task 1 done by 镇街 evidence "各镇(街)专栏"
            """), "GOV004");
    }

    // GOV005 周期性事项落后超过一年

    private const string RecurringPlan = """
        plan "两年计划" {
          ref "测试〔2021〕2号"
          issued 2021-01-01
          period 2021-01-01 .. 2022-12-31
        }
        unit 区政府办 "番禺区人民政府办公室"
        unit 市桥街 "市桥街道办事处"
        unit 石楼镇 "石楼镇人民政府"
        group 镇街 "各镇(街)" = 市桥街, 石楼镇
        task 1 "每年至少听取1次汇报" { lead 镇街 with 区政府办 every year }
        """;

    private const string RecurringLedger = """
        2021-03-01 task 1 occurred by 市桥街
        2021-04-01 task 1 occurred by 石楼镇
        2022-05-01 task 1 occurred by 石楼镇
        """;

    [Fact]
    public void Gov005_RecurringObligationFallsBehindItsPeersByMoreThanAYear()
    {
        // 石楼镇 recorded on 2022-05-01, 426 days after 市桥街's last record; 区政府办 never recorded
        // although the task's records span 426 days.
        var result = Check(RecurringPlan, RecurringLedger, "2022-06-30", StandardRules.Compiled);
        Fires(result, "GOV005", ("1", "区政府办"), ("1", "市桥街"));
        var 市桥街 = Findings(result, "GOV005").Single(d => d.Unit == "市桥街");
        Assert.Equal("周期性任务 1 的责任单位 市桥街 超过一年没有记录，其他单位仍在记录（本单位最近一次：2021-03-01）", 市桥街.GetMessage(Zh));
        Assert.Equal("Recurring task 1: 市桥街 has recorded nothing for more than a year while other units kept recording (its last: 2021-03-01)", 市桥街.GetMessage(En));
        var 区政府办 = Findings(result, "GOV005").Single(d => d.Unit == "区政府办");
        Assert.EndsWith("（本单位最近一次：无）", 区政府办.GetMessage(Zh));
        Assert.EndsWith("(its last: none)", 区政府办.GetMessage(En));
    }

    [Fact]
    public void Gov005_IsMeasuredAgainstRecordsNotAgainstToday()
    {
        // In the first year nobody is a year behind, not even the unit that never recorded (PR3005 covers whole periods).
        Silent(Check(RecurringPlan, RecurringLedger, "2021-12-31", StandardRules.Compiled), "GOV005");
        // Checked years after the plan ended: the same two findings, not one per unit.
        Fires(Check(RecurringPlan, RecurringLedger, "2026-06-30", StandardRules.Compiled), "GOV005", ("1", "区政府办"), ("1", "市桥街"));
        // Everybody stopped after one record each: nobody fell behind the others.
        Silent(Check(RecurringPlan, "2021-03-01 task 1 occurred\n", "2026-06-30", StandardRules.Compiled), "GOV005");
    }

    [Fact]
    public void Gov005_IsSilentForWaivedAndNonRecurringObligations()
    {
        var waived = RecurringLedger + """

            2022-01-10 task 1 waived "机构调整" by 区政府办
            2022-06-01 task 1 occurred by 市桥街
            """;
        Silent(Check(RecurringPlan, waived, "2022-06-30", StandardRules.Compiled), "GOV005");
        Silent(Check(RecurringPlan.Replace(" every year", " due 2022-12-31"), RecurringLedger, "2022-06-30", StandardRules.Compiled), "GOV005");
    }

    // GOV006 原文有时限但未设期限

    [Theory]
    [InlineData("推进规范性文件统一公开,2021年底前集中公开")]
    [InlineData("9月30日前报送工作台账")]
    [InlineData("各单位于月底前完成自查")]
    [InlineData("2022年1月31日之前公布年度报告")]
    [InlineData("年内完成专栏改版")]
    public void Gov006_DeadlineInTheTextWithoutDue(string title)
    {
        Fires(CheckStandard(Header + $$"""task 1 "{{title}}" { lead 区政务 }""".Replace("区政务", "区政府办")), "GOV006", ("1", null));
        Silent(CheckStandard(Header + $$"""task 1 "{{title}}" { lead 区政府办 due 2021-12-31 }"""), "GOV006");
    }

    [Theory]
    [InlineData("提前做好重大政策发布前和发布后的解读回应工作")]
    [InlineData("日前已印发的文件要及时公开")]
    [InlineData("对2020年度工作要点落实情况开展回头看")]
    public void Gov006_NoDeadlineWordsNoFinding(string title) =>
        Silent(CheckStandard(Header + $$"""task 1 "{{title}}" { lead 区政府办 }"""), "GOV006");

    [Fact]
    public void Gov006_DeadlineInANote()
    {
        Fires(CheckStandard(Header + """task 1 "年度报告" { lead 区政府办 note "依《条例》于次年1月31日前公布" }"""), "GOV006", ("1", null));
        // A recurring duty's per-period deadline is not one due date.
        Silent(CheckStandard(Header + """task 1 "每年3月底前报送" { lead 区政府办 every year }"""), "GOV006");
    }

    // GOV007 配合单位同时是责任单位

    [Fact]
    public void Gov007_SupportingUnitIsAlsoAccountable()
    {
        Fires(CheckStandard(Header + """task 1 "a" { lead 区政府办 support 区政府办 }"""), "GOV007", ("1", null));
        // Through a closed group: 市桥街 owes the task as a member of 镇街.
        Fires(CheckStandard(Header + """task 1 "b" { lead 区政府办 with 镇街 support 市桥街 }"""), "GOV007", ("1", null));
        Silent(CheckStandard(Header + """task 1 "c" { lead 区政府办 with 镇街 support 区司法局 }"""), "GOV007");
    }

    // GOV008 会同单位同时是牵头单位

    [Fact]
    public void Gov008_CoOperatingUnitIsAlsoALead()
    {
        Fires(CheckStandard(Header + """task 1 "a" { lead 区政府办 with 区政府办 }"""), "GOV008", ("1", null));
        Fires(CheckStandard(Header + """task 1 "b" { lead 镇街 with 石楼镇 }"""), "GOV008", ("1", null));
        Silent(CheckStandard(Header + """task 1 "c" { lead 镇街 with 区司法局 }"""), "GOV008");
    }

    // GOV009 依赖的任务没有期限

    [Fact]
    public void Gov009_DeadlineTaskFollowsATaskWithoutDeadline()
    {
        var result = CheckStandard(Header + """
            task 1 "归集" { lead 区政府办 }
            task 2 "发布" { lead 区司法局 after 1 due 2021-12-31 }
            """);
        Fires(result, "GOV009", ("2", null));
        Assert.Equal("Task 2 is due 2021-12-31, but 1 of the tasks it follows (1) have no due date", Single(result.Diagnostics, "GOV009").GetMessage(En));
        Silent(CheckStandard(Header + """
            task 1 "归集" { lead 区政府办 due 2021-10-31 }
            task 2 "发布" { lead 区司法局 after 1 due 2021-12-31 }
            """), "GOV009");
        Silent(CheckStandard(Header + """
            task 1 "汇报" { lead 区政府办 every year }
            task 2 "年报" { lead 区司法局 after 1 due 2021-12-31 }
            """), "GOV009");
        // No deadline of its own: nothing to put at risk.
        Silent(CheckStandard(Header + """
            task 1 "归集" { lead 区政府办 }
            task 2 "发布" { lead 区司法局 after 1 }
            """), "GOV009");
    }

    // GOV010 单位逾期义务过多

    private static string OverduePlan(int tasks) => Header + string.Concat(Enumerable.Range(1, tasks).Select(i =>
        $$"""task {{i}} "任务{{i}}" { lead 区司法局 with 区政府办 start 2021-03-01 due 2021-06-30 }""" + "\n"));

    [Fact]
    public void Gov010_UnitWithMoreThanThreeOverdueObligations()
    {
        var ledger = string.Concat(Enumerable.Range(1, 4).Select(i => $"2021-06-01 task {i} done by 区政府办 evidence \"e\"\n"));
        var result = CheckStandard(OverduePlan(4), ledger);
        Fires(result, "GOV010", (null, "区司法局"));
        var d = Single(result.Diagnostics, "GOV010");
        Assert.Equal("单位 区司法局 有 4 项逾期未完成的义务", d.GetMessage(Zh));
        Assert.Equal("4", d.Properties["count(u.overdue)"]);
        Silent(CheckStandard(OverduePlan(3), ledger), "GOV010");
    }

    // GOV011 印发后不足30天即到期

    [Fact]
    public void Gov011_DueWithinThirtyDaysOfIssueWithoutStart()
    {
        var result = CheckStandard(Header + """
            task 1 "急" { lead 区政府办 due 2021-01-20 }
            task 2 "缓" { lead 区政府办 due 2021-06-30 }
            """);
        Fires(result, "GOV011", (null, null));
        var d = Single(result.Diagnostics, "GOV011");
        Assert.Equal((1, 6), (d.Location.Line, d.Location.Column)); // the plan's title in its header
        Assert.Equal(PlanPath, d.Location.Path);
        Assert.Equal("计划中有 1 项任务没有开始日期，且期限距印发日期（2021-01-01）不足 30 天", d.GetMessage(Zh));
        Silent(CheckStandard(Header + """task 1 "急" { lead 区政府办 start 2021-01-01 due 2021-01-20 }"""), "GOV011");
        Silent(CheckStandard(Header + """task 1 "缓" { lead 区政府办 due 2021-06-30 }"""), "GOV011");
    }

    // GOV012 定期事项未设周期

    [Fact]
    public void Gov012_PeriodicDutyWithoutEvery()
    {
        Fires(CheckStandard(Header + """task 1 "定期组织开展培训" { lead 区政府办 }"""), "GOV012", ("1", null));
        Fires(CheckStandard(Header + """task 1 "组织培训" { lead 区政府办 tag 定期 }"""), "GOV012", ("1", null));
        Fires(CheckStandard(Header + """task 1 "每季度通报一次" { lead 区政府办 }"""), "GOV012", ("1", null));
        Silent(CheckStandard(Header + """task 1 "定期组织开展培训" { lead 区政府办 every quarter }"""), "GOV012");
        Silent(CheckStandard(Header + """task 1 "组织培训" { lead 区政府办 }"""), "GOV012");
    }

    // GOV013 逾期且无任何记录

    [Fact]
    public void Gov013_OverdueForAMonthWithNoRecord()
    {
        var plan = Header + """task 1 "a" { lead 区司法局 with 区政府办 start 2021-03-01 due 2021-06-30 }""";
        var result = CheckStandard(plan, "2021-06-01 task 1 started by 区政府办");
        Fires(result, "GOV013", ("1", "区司法局"));
        var d = Single(result.Diagnostics, "GOV013");
        Assert.Equal("Task 1: 区司法局 is 184 days overdue and has no record at all in the ledger", d.GetMessage(En));
        Assert.Equal("184", d.Properties["o.daysOverdue"]);
        Assert.Equal("open", d.Properties["o.status"]);
        // Fewer than 30 days overdue: PR3001 is enough.
        Silent(CheckStandard(plan, "2021-06-01 task 1 started by 区政府办", asOf: "2021-07-15"), "GOV013");
        Silent(CheckStandard(plan, "2021-06-01 task 1 started"), "GOV013");
    }

    // GOV014 责任单位缺少全称

    [Fact]
    public void Gov014_AccountableUnitWithoutTitle()
    {
        var plan = Header.Replace("unit 区教育局 \"番禺区教育局\"", "unit 区教育局") + """task 1 "a" { lead 区教育局 }""";
        Fires(CheckStandard(plan), "GOV014", (null, "区教育局"));
        var d = Single(CheckStandard(plan).Diagnostics, "GOV014");
        Assert.Equal(PositionOf(plan, "区教育局"), (d.Location.Line, d.Location.Column));
        // Only reached through a group, or not accountable at all: not reported.
        var viaGroup = Header.Replace("unit 市桥街 \"市桥街道办事处\"", "unit 市桥街") + """task 1 "a" { lead 镇街 }""";
        Silent(CheckStandard(viaGroup), "GOV014");
        var supportOnly = Header.Replace("unit 区教育局 \"番禺区教育局\"", "unit 区教育局") + """task 1 "a" { lead 区政府办 support 区教育局 }""";
        Silent(CheckStandard(supportOnly), "GOV014");
    }

    // GOV015 计划缺少文号或印发日期

    [Fact]
    public void Gov015_PlanWithoutRefOrIssueDate()
    {
        var noRef = Header.Replace("  ref \"测试〔2021〕1号\"\n", "") + """task 1 "a" { lead 区政府办 }""";
        var result = CheckStandard(noRef);
        Fires(result, "GOV015", (null, null));
        var d = Single(result.Diagnostics, "GOV015");
        Assert.Equal("计划“测试计划”缺少文号或印发日期", d.GetMessage(Zh));
        Assert.Equal("Plan \"测试计划\" has no document number (ref) or issue date", d.GetMessage(En));
        Assert.Equal((1, 6), (d.Location.Line, d.Location.Column));
        Assert.Equal("none", d.Properties["p.ref"]);
        var noIssued = Header.Replace("  issued 2021-01-01\n", "") + """task 1 "a" { lead 区政府办 }""";
        Fires(CheckStandard(noIssued), "GOV015", (null, null));
        Silent(CheckStandard(Header + """task 1 "a" { lead 区政府办 }"""), "GOV015");
    }
}
