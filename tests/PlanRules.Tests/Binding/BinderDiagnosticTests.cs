using PlanRules.Binding;
using PlanRules.Diagnostics;
using PlanRules.Syntax;
using PlanRules.Text;
using static PlanRules.Tests.Support.PlanAssert;

namespace PlanRules.Tests.Binding;

/// <summary>PR1001..PR1011: each reported where it should be, with its message in zh-CN and en.</summary>
public class BinderDiagnosticTests
{
    private const string Header = "plan \"p\" { period 2021-01-01 .. 2021-12-31 }\n";

    private static BoundPlan Bind(string text) => PlanBinder.Bind(new SourceText(text, "b.plan"));

    private static Diagnostic Only(string text, string id) => Single(Bind(text).Diagnostics, id);

    [Fact]
    public void UnknownUnit_IsReportedWithSuggestion()
    {
        var d = Only(Header + "unit 区司法局\ntask 1 \"t\" {\n  lead 区司法厅\n}\n", "PR1001");

        Finding(d, "PR1001", 4, 8, "未知的单位或组 '区司法厅'，是否指 '区司法局'？", "Unknown unit or group '区司法厅'; did you mean '区司法局'?");
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal("1", d.TaskId);
        Assert.Equal("区司法厅", d.Unit);
    }

    [Fact]
    public void UnknownUnit_WithNothingClose_HasNoSuggestion()
    {
        var d = Only(Header + "unit 区司法局\ntask 1 \"t\" { lead 区司法局; with 完全不同的名字 }\n", "PR1001");

        Finding(d, "PR1001", 3, 30, "未知的单位或组 '完全不同的名字'", "Unknown unit or group '完全不同的名字'");
    }

    [Fact]
    public void UnknownUnit_SuggestsAliasesToo()
    {
        var d = Only(Header + "unit 区政府办 { alias 区府办 }\ntask 1 \"t\" { lead 区府 }\n", "PR1001");

        Assert.Equal("Unknown unit or group '区府'; did you mean '区府办'?", d.GetMessage(En));
    }

    [Fact]
    public void UnknownUnit_InGroupMembersParentAndIssuer_IsReported()
    {
        var bound = Bind("plan \"p\" { issuer 区政府 }\nunit 区政府办 { parent 上级单位 }\ngroup 镇街 = 市桥街\n");

        Assert.Equal(
            ["区政府", "上级单位", "市桥街"],
            bound.Diagnostics.Where(d => d.Id == "PR1001").Select(d => d.Unit));
        Assert.Equal("未知的单位或组 '区政府'，是否指 '区政府办'？", bound.Diagnostics.First(d => d.Id == "PR1001").GetMessage(Zh));
    }

    [Fact]
    public void Names_ResolveThroughAliases()
    {
        var bound = Bind(Header + "unit 区政府办 { alias 区府办, \"区政府办公室\" }\ntask 1 \"t\" { lead 区府办; with \"区政府办公室\" }\n");

        Assert.Empty(bound.Diagnostics);
        var task = bound.GetTask("1")!;
        Assert.Same(bound.GetUnit("区政府办"), task.Lead.Single());
        Assert.Same(bound.GetUnit("区政府办"), task.With.Single());
        Assert.Single(task.Obligations);
    }

    [Fact]
    public void Issuer_MayBeAnAlias()
    {
        var bound = Bind("plan \"p\" { issuer 区府办 }\nunit 区政府办 { alias 区府办 }\n");

        Assert.Empty(bound.Diagnostics);
        Assert.Same(bound.GetUnit("区政府办"), bound.Plan.Issuer);
    }

    [Fact]
    public void DuplicateTask_IsReportedAtTheSecond()
    {
        var bound = Bind(Header + "unit A\ntask 1 \"a\" { lead A }\n  task 1 \"b\" { lead A }\n");

        var d = Single(bound.Diagnostics, "PR1002");
        Finding(d, "PR1002", 4, 3, "重复的任务 '1'", "Duplicate task '1'");
        Assert.Equal("task 1", bound.Files[0].Source.ToString(d.Location.SourceSpan));
        Assert.Equal("a", Assert.Single(bound.Tasks).Title);
    }

    [Fact]
    public void DuplicateTask_InAnotherSection_IsReported()
    {
        var bound = Bind(Header + "unit A\nsection 1 \"s\" { task 7 \"a\" { lead A } }\nsection 2 \"s\" {\n  task 7 \"b\" { lead A }\n}\n");

        Finding(Single(bound.Diagnostics, "PR1002"), "PR1002", 5, 3, "重复的任务 '7'", "Duplicate task '7'");
        Assert.Equal("a", bound.GetTask("7")!.Title);
        Assert.Single(bound.Tasks);
    }

    [Fact]
    public void DuplicateSection_IsReported()
    {
        var d = Only(Header + "section 3.1 \"a\" {}\nsection 2 \"b\" {\n  section 3.1 \"c\" {}\n}\n", "PR1002");

        Finding(d, "PR1002", 4, 3, "重复的章节 '3.1'", "Duplicate section '3.1'");
    }

    [Fact]
    public void DuplicateUnit_IsReportedAtItsName()
    {
        var d = Only(Header + "unit A \"x\"\nunit A \"y\"\n", "PR1002");

        Finding(d, "PR1002", 3, 6, "重复的单位 'A'", "Duplicate unit 'A'");
    }

    [Fact]
    public void DuplicateGroup_IsReportedAtItsName()
    {
        var d = Only(Header + "unit 镇街\ngroup 镇街 = 镇街\n", "PR1002");

        Finding(d, "PR1002", 3, 7, "重复的组 '镇街'", "Duplicate group '镇街'");
    }

    [Fact]
    public void DuplicateAlias_IsReportedAtTheAlias()
    {
        var bound = Bind(Header + "unit 区政府办 { alias 区府办 }\nunit 区司法局 { alias 区政府办, 区府办 }\n");

        var duplicates = bound.Diagnostics.Where(d => d.Id == "PR1002").ToList();
        Assert.Equal(2, duplicates.Count);
        Finding(duplicates[0], "PR1002", 3, 19, "重复的别名 '区政府办'", "Duplicate alias '区政府办'");
        Finding(duplicates[1], "PR1002", 3, 25, "重复的别名 '区府办'", "Duplicate alias '区府办'");
    }

    [Fact]
    public void UnknownDependency_IsReportedAtTheId()
    {
        var d = Only(Header + "unit A\ntask 12 \"a\" { lead A }\ntask 15 \"b\" {\n  lead A\n  after 12, 99\n}\n", "PR1003");

        Finding(d, "PR1003", 6, 13, "任务 15 的 after 引用了未知任务 '99'", "Task 15: 'after' names unknown task '99'");
        Assert.Equal("15", d.TaskId);
    }

    [Fact]
    public void UnknownDependency_SuggestsTheClosestId()
    {
        var d = Only(Header + "unit A\ntask T12 \"a\" { lead A }\ntask 15 \"b\" { lead A; after T13 }\n", "PR1003");

        Assert.Equal("任务 15 的 after 引用了未知任务 'T13'，是否指 'T12'？", d.GetMessage(Zh));
        Assert.Equal("Task 15: 'after' names unknown task 'T13'; did you mean 'T12'?", d.GetMessage(En));
    }

    [Fact]
    public void UnknownDependencies_GetSuggestionsForTheFirstTwentyDistinctIds()
    {
        // The same bound as PR3007 (NameSuggester.Bounded): each new id costs a pass over every task id.
        var tasks = string.Concat(Enumerable.Range(1, 30).Select(i => $"task T{100 + i} \"t\" {{ lead A }}\n"));
        var after = string.Join(", ", Enumerable.Range(1, 30).Select(i => $"X{100 + i}")) + ", X101";
        var findings = Bind(Header + "unit A\n" + tasks + $"task 999 \"u\" {{ lead A; after {after} }}\n")
            .Diagnostics.Where(d => d.Id == "PR1003").OrderBy(d => d.Location.Column).ToList();

        Assert.Equal(31, findings.Count);
        for (var i = 0; i < 30; i++)
        {
            var message = findings[i].GetMessage(En);
            if (i < 20) Assert.EndsWith($"did you mean 'T{101 + i}'?", message);
            else Assert.Equal($"Task 999: 'after' names unknown task 'X{101 + i}'", message);
        }
        Assert.EndsWith("did you mean 'T101'?", findings[30].GetMessage(En));
    }

    [Fact]
    public void DependencyCycle_ListsTheCycleInOrder()
    {
        var d = Only(Header + "unit A\ntask 12 \"a\" {\n  lead A\n  after 15\n}\ntask 15 \"b\" {\n  lead A\n  after 12\n}\n", "PR1004");

        Finding(d, "PR1004", 5, 3, "依赖关系成环：12 → 15 → 12", "Dependency cycle: 12 → 15 → 12");
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
    }

    [Fact]
    public void DependencyCycle_OfThreeTasks_FollowsTheAfterEdges()
    {
        var d = Only(Header + "unit A\ntask 12 \"a\" { lead A; after 20 }\ntask 15 \"b\" { lead A; after 12 }\ntask 20 \"c\" { lead A; after 15 }\n", "PR1004");

        Assert.Equal("Dependency cycle: 12 → 20 → 15 → 12", d.GetMessage(En));
        Assert.Equal("依赖关系成环：12 → 20 → 15 → 12", d.GetMessage(Zh));
    }

    [Fact]
    public void DependencyCycle_OnItself_IsReported()
    {
        var d = Only(Header + "unit A\ntask 7 \"a\" { lead A; after 7 }\n", "PR1004");

        Assert.Equal("Dependency cycle: 7 → 7", d.GetMessage(En));
    }

    [Fact]
    public void DependencyCycle_IsTheSameWhateverTheDeclarationOrder()
    {
        var d = Only(Header + "unit A\ntask 15 \"b\" {\n  lead A\n  after 12\n}\ntask 12 \"a\" {\n  lead A\n  after 15\n}\n", "PR1004");

        Assert.Equal("依赖关系成环：12 → 15 → 12", d.GetMessage(Zh));
        Assert.Equal((9, 3), (d.Location.Line, d.Location.Column));
    }

    [Fact]
    public void DependencyCycle_StartsAtTheFirstIdInNaturalOrder()
    {
        var d = Only(Header + "unit A\ntask 12 \"a\" { lead A; after 9 }\ntask 9 \"b\" { lead A; after 12 }\n", "PR1004");

        Assert.Equal("Dependency cycle: 9 → 12 → 9", d.GetMessage(En));
        Assert.Equal("9", d.TaskId);
    }

    [Fact]
    public void TaskWithoutLead_IsPR1005()
    {
        var d = Only(Header + "unit A\n  task 9 \"t\" {\n    with A\n  }\n", "PR1005");

        Finding(d, "PR1005", 3, 3, "任务 9 没有牵头单位（缺少 lead）", "Task 9 has no accountable owner (no 'lead')");
    }

    [Fact]
    public void DueOutsidePeriod_IsPR1006AtTheDate()
    {
        var d = Only(Header + "unit A\ntask 1 \"t\" {\n  lead A\n  due 2022-01-05\n}\n", "PR1006");

        Finding(d, "PR1006", 5, 7,
            "任务 1 的 due 日期 2022-01-05 不在计划期 2021-01-01 .. 2021-12-31 内",
            "Task 1: due date 2022-01-05 is outside the plan period 2021-01-01 .. 2021-12-31");
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
    }

    [Fact]
    public void StartOutsidePeriod_IsPR1006()
    {
        var d = Only(Header + "unit A\ntask 1 \"t\" { lead A; start 2020年12月31日 }\n", "PR1006");

        Assert.Equal("Task 1: start date 2020-12-31 is outside the plan period 2021-01-01 .. 2021-12-31", d.GetMessage(En));
    }

    [Fact]
    public void DatesOnThePeriodBounds_AreInside()
    {
        var bound = Bind(Header + "unit A\ntask 1 \"t\" { lead A; start 2021-01-01; due 2021-12-31 }\n");

        Assert.Empty(bound.Diagnostics);
    }

    [Fact]
    public void DueBeforeDependency_IsPR1007AtTheDue()
    {
        var d = Only(Header + "unit A\ntask 1 \"a\" { lead A; due 2021-06-01 }\ntask 2 \"b\" {\n  lead A\n  after 1\n  due 2021-03-01\n}\n", "PR1007");

        Finding(d, "PR1007", 7, 3,
            "任务 2 的截止日期 2021-03-01 早于其依赖任务 1 的截止日期 2021-06-01",
            "Task 2 is due 2021-03-01, before its dependency 1 is due 2021-06-01");
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
    }

    [Fact]
    public void MultiplePlanHeaders_ArePR1008AtTheSecond()
    {
        var d = Only(Header + "\n  plan \"again\" {}\n", "PR1008");

        Finding(d, "PR1008", 3, 3, "存在多个 plan 声明", "More than one 'plan' header");
    }

    [Fact]
    public void PlanHeadersInTwoFiles_ArePR1008()
    {
        var bound = PlanBinder.Bind(new SourceText(Header, "a.plan"), new SourceText(Header, "b.plan"));

        var d = Single(bound.Diagnostics, "PR1008");
        Assert.Equal("b.plan", d.Location.Path);
    }

    [Fact]
    public void MissingPlanHeader_WithTasks_IsPR1008AtTheFirstTask()
    {
        var d = Only("unit A\n\ntask 4 \"t\" { lead A }\ntask 5 \"t\" { lead A }\n", "PR1008");

        Finding(d, "PR1008", 3, 6, "有任务但没有 plan 声明", "Tasks exist but there is no 'plan' header");
    }

    [Fact]
    public void MissingPlanHeader_WithoutTasks_IsFine()
    {
        Assert.DoesNotContain(Bind("unit A\n").Diagnostics, d => d.Id == "PR1008");
    }

    [Fact]
    public void UnusedUnit_IsPR1009AtItsName()
    {
        var d = Only(Header + "unit A\nunit   闲置单位 \"t\"\ntask 1 \"t\" { lead A }\n", "PR1009");

        Finding(d, "PR1009", 3, 8, "单位 '闲置单位' 已声明但从未使用", "Unit '闲置单位' is declared but never used");
        Assert.Equal(DiagnosticSeverity.Info, d.Severity);
        Assert.Equal("闲置单位", d.Unit);
    }

    [Fact]
    public void UnitsUsedAsIssuerMemberSupportOrParent_AreNotUnused()
    {
        var bound = Bind("plan \"p\" { issuer 甲 }\nunit 甲\nunit 乙\nunit 丙\nunit 丁 { parent 戊 }\nunit 戊\ngroup G = 乙\ntask 1 \"t\" { lead G; support 丙, 丁 }\n");

        Assert.DoesNotContain(bound.Diagnostics, d => d.Id == "PR1009");
    }

    [Fact]
    public void GroupCycle_IsPR1010()
    {
        var d = Only(Header + "unit A\ngroup G1 = A, G2\ngroup G2 = G1\n", "PR1010");

        Finding(d, "PR1010", 3, 7, "组成员关系成环：G1 → G2 → G1", "Group membership cycle: G1 → G2 → G1");
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
    }

    [Fact]
    public void GroupCycle_IsTheSameWhateverTheDeclarationOrder()
    {
        var d = Only(Header + "unit A\ngroup G2 = G1\ngroup G1 = A, G2\n", "PR1010");

        Assert.Equal("组成员关系成环：G1 → G2 → G1", d.GetMessage(Zh));
        Assert.Equal((4, 7), (d.Location.Line, d.Location.Column));
    }

    [Fact]
    public void GroupContainingItself_IsPR1010()
    {
        var d = Only(Header + "group G = G\n", "PR1010");

        Assert.Equal("Group membership cycle: G → G", d.GetMessage(En));
    }

    [Fact]
    public void OpenGroupsNeverFormCycles()
    {
        var bound = Bind(Header + "group G1 = G2\ngroup G2\ntask 1 \"t\" { lead G1 }\n");

        Assert.DoesNotContain(bound.Diagnostics, d => d.Id == "PR1010");
    }

    [Fact]
    public void StartAfterDue_IsPR1011AtTheStart()
    {
        var d = Only(Header + "unit A\ntask 1 \"t\" {\n  lead A\n  due 2021-03-01\n  start 2021-06-01\n}\n", "PR1011");

        Finding(d, "PR1011", 6, 3, "任务 1 的开始日期 2021-06-01 晚于截止日期 2021-03-01", "Task 1 starts 2021-06-01, after its due date 2021-03-01");
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
    }

    [Fact]
    public void ReversedPeriod_IsPR0002()
    {
        var d = Only("plan \"p\" { period 2021-12-31 .. 2021-01-01 }\n", "PR0002");

        Finding(d, "PR0002", 1, 12, "计划期的结束日期 2021-01-01 早于开始日期 2021-12-31", "The plan period ends 2021-01-01, before it starts 2021-12-31");
    }

    [Fact]
    public void ReversedPeriod_GivesNoPR1006AgainstIt()
    {
        var bound = Bind("plan \"p\" { period 2021-12-31 .. 2021-01-01 }\nunit A\ntask 1 \"t\" { lead A; start 2021-03-01; due 2021-06-30 }\ntask 2 \"t\" { lead A; due 2022-06-30 }\n");

        Assert.Equal(["PR0002"], bound.Diagnostics.Select(d => d.Id));
        Assert.Equal((1, 12), (bound.Diagnostics[0].Location.Line, bound.Diagnostics[0].Location.Column));
    }

    [Fact]
    public void UnknownTimeZone_IsPR0002AtTheZone()
    {
        var bound = Bind("plan \"p\" { timezone \"Mars/Olympus\" }\n");

        Finding(Single(bound.Diagnostics, "PR0002"), "PR0002", 1, 21, "未知的时区 'Mars/Olympus'", "Unknown time zone 'Mars/Olympus'");
        Assert.Equal("Asia/Shanghai", bound.Plan.TimeZone.Id);
    }

    [Fact]
    public void Header_IsBound()
    {
        var bound = Bind("plan \"番禺\" {\n ref \"番府办〔2021〕35号\"\n issued 2021年7月20日\n period 2021-01-01 .. 2021-12-31\n issuer 区政府办\n timezone \"UTC\"\n}\nunit 区政府办\n");

        Assert.Empty(bound.Diagnostics);
        Assert.Equal("番禺", bound.Plan.Title);
        Assert.Equal("番府办〔2021〕35号", bound.Plan.Ref);
        Assert.Equal(new NodaTime.LocalDate(2021, 7, 20), bound.Plan.Issued);
        Assert.Equal((new NodaTime.LocalDate(2021, 1, 1), new NodaTime.LocalDate(2021, 12, 31)), (bound.Plan.Start!.Value, bound.Plan.End!.Value));
        Assert.Equal("区政府办", bound.Plan.Issuer!.Name);
        Assert.Equal("UTC", bound.Plan.TimeZone.Id);
    }

    [Fact]
    public void Diagnostics_AreSortedByPathLineColumn()
    {
        var bound = Bind(Header + "task 2 \"t\" { after 9 }\ntask 1 \"t\" { lead X }\n");

        var keys = bound.Diagnostics.Select(d => (d.Location.Line, d.Location.Column)).ToList();
        Assert.Equal(keys.Order(), keys);
        Assert.Equal(["PR1005", "PR1003", "PR1001"], bound.Diagnostics.Select(d => d.Id));
    }
}
