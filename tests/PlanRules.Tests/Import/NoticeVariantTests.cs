using NodaTime;
using PlanRules.Diagnostics;
using PlanRules.Import;

namespace PlanRules.Tests.Import;

/// <summary>Notices written the ways real ones are, beyond the seed: each test is a defect found importing them.</summary>
public class NoticeVariantTests
{
    private static ImportResult Import(string notice)
    {
        var result = NoticeImporter.Import(System.Text.Encoding.UTF8.GetBytes(notice), "n.txt");
        Assert.True(result.Syntax.Diagnostics.IsEmpty, result.PlanText);
        Assert.False(result.HasErrors, result.PlanText);
        return result;
    }

    /// <summary>A notice of the 2021 plan year: its title line, then the given lines.</summary>
    private static ImportResult ImportLines(params string[] lines) => Import("番禺区2021年政务公开工作要点\n" + string.Join("\n", lines));

    private static string[] Lead(ImportResult result, string task) => [.. result.Plan.GetTask(task)!.Lead.Select(u => u.Name)];

    [Fact]
    public void SignatureDateInChineseNumerals_IsTheIssueDate_NotANoteAndTheOfficeIsNotAnOwner()
    {
        // Regression: 二〇二一年七月二十日 under the signature was not a date line, so the issuing office became a
        // lead of the last task and the date a PR4001 note on it.
        const string notice = """
            番禺区2021年政务公开工作要点
            1.做好历史规划的归集整理。（区司法局负责）
            2.做好政策解读。（区财政局负责）

            番禺区人民政府办公室
            二〇二一年七月二十日
            """;

        var result = Import(notice);

        Assert.Equal(new LocalDate(2021, 7, 20), result.Plan.Plan.Issued);
        Assert.Equal(["区财政局"], Lead(result, "2"));
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "PR4001");
        Assert.Equal("番禺区人民政府办公室", result.Plan.Plan.Issuer?.Name);
    }

    [Theory]
    [InlineData("【责任单位：区民政局】")]
    [InlineData("［责任单位：区民政局］")]
    [InlineData("[区民政局牵头]")]
    public void OwnersInATrailingSquareBracket_AreTheTasksOwn_NotInheritedFromTheTaskAbove(string owners)
    {
        // Regression: only round brackets were read; the task took the owners of the task above (PR4002 "merged cell").
        var result = ImportLines("1.做好预决算公开。（区财政局牵头）", $"2.做好社会救助信息公开。{owners}");

        Assert.Equal(["区民政局"], Lead(result, "2"));
        Assert.Equal("做好社会救助信息公开。", result.Plan.GetTask("2")!.Title);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "PR4002");
    }

    [Theory]
    [InlineData("做好预决算公开，由区财政局负责。", "做好预决算公开", "区财政局", "")]
    [InlineData("做好预决算公开，区财政局牵头，各有关单位配合。", "做好预决算公开", "区财政局", "有关单位")]
    [InlineData("做好依申请公开，区政府办（区政务公开办）负责。", "做好依申请公开", "区政府办(区政务公开办)", "")]
    [InlineData("推进政务公开标准化，2021年底前完成，区司法局负责。", "推进政务公开标准化，2021年底前完成", "区司法局", "")]
    public void OwnersInTheLastClauseOfTheTasksSentence_AreTheTasksOwn(string line, string title, string lead, string support)
    {
        // Regression: owners after a comma in the task's only sentence were left in the title, and the task took the
        // owners of the task above it (PR4002 "merged cell").
        var result = ImportLines("1.做好政策解读。（区民政局牵头）", "2." + line);

        var task = result.Plan.GetTask("2")!;
        Assert.Equal(title, task.Title);
        Assert.Equal([lead], task.Lead.Select(u => u.Name));
        Assert.Equal(support, string.Join(",", task.Support.Select(u => u.Name)));
        Assert.DoesNotContain(task.Notes, n => n.Contains("沿用", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("完善政务服务平台，加强与区财政局配合。")]
    [InlineData("建立健全工作机制，各单位要落实主体责任。")]
    [InlineData("做好政策解读，主要负责同志要带头解读。")]
    [InlineData("加快形成以国务院政策问答平台为龙头，各地区各部门协同联动、对接共享的政策问答体系。")]
    public void ARequirementClauseThatMentionsAUnit_StaysInTheTitle(string line)
    {
        var result = ImportLines("1." + line, "区民政局牵头。");

        var task = result.Plan.GetTask("1")!;
        Assert.Equal(line, task.Title);
        Assert.Equal(["区民政局"], task.Lead.Select(u => u.Name));
    }

    [Fact]
    public void EachCarriesOverToTheKindsOfUnitThatFollowIt_InAList()
    {
        // Regression: in 各镇人民政府、街道办事处 the second name was declared as one unit 街道办事处 (and 各街道办事处
        // elsewhere in the notice resolved to that unit), though it means every subdistrict office.
        var result = ImportLines(
            "1.做好预决算公开。（区财政局牵头，各镇人民政府、街道办事处、区民政局配合）",
            "2.及时回应社会关切。（各街道办事处负责）");

        var task = result.Plan.GetTask("1")!;
        Assert.Equal(["镇人民政府", "街道办事处", "区民政局"], task.Support.Select(u => u.Name));
        var offices = task.Support[1];
        Assert.True(offices.IsGroup);
        Assert.Equal("各街道办事处", offices.Title);
        Assert.False(task.Support[2].IsGroup);
        Assert.Equal(["街道办事处"], Lead(result, "2"));
    }

    [Theory]
    [InlineData("（区财政局牵头，区各有关单位配合）")]
    [InlineData("【牵头单位：区财政局；配合单位：区各有关单位】")]
    [InlineData("(区财政局牵头,区各有关单位配合)。")]
    public void AnOwnerLineInBracketsOfItsOwn_IsTheTasksOwners(string ownerLine)
    {
        // Regression: a bracketed owner line under the task was appended to the title, and the task got the stand-in lead.
        var result = ImportLines("1.加强政策解读和回应关切工作。", ownerLine, "2.做好政务新媒体管理。", "区民政局负责。");

        var task = result.Plan.GetTask("1")!;
        Assert.Equal("加强政策解读和回应关切工作。", task.Title);
        Assert.Equal(["区财政局"], task.Lead.Select(u => u.Name));
        Assert.Equal(["有关单位"], task.Support.Select(u => u.Name));
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "PR4001");
    }

    [Fact]
    public void ATaskWithoutOwners_UnderATaskWithoutOwners_IsReported_NotGivenTheStandInAsInherited()
    {
        // Regression: the second task "inherited" the stand-in lead 待定 of the first (PR4002 info, as for a merged
        // table cell), so only one of the two tasks without owners was a warning.
        var result = ImportLines("1.加强政策解读。", "2.做好政务新媒体管理。");

        Assert.Equal(["1", "2"], result.Diagnostics.Where(d => d.Id == "PR4001").Select(d => d.TaskId));
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "PR4002");
        Assert.Equal(["待定"], Lead(result, "2"));
    }

    [Fact]
    public void AnAttachmentTableAfterNumberedLetterItems_IsImported_NotDroppedAsThePageFooter()
    {
        // Regression: once the letter had tasks, the 附件 line started the page footer and the whole task table after
        // it was dropped silently (listed only in SkippedLines).
        var result = ImportLines(
            "1.抓好任务落实。各单位要按照分工抓好落实，2021年11月底前报送落实情况。（区政务公开办牵头）",
            "附件：番禺区2021年政务公开工作任务分工表",
            "序号", "工作任务", "牵头单位", "完成时限",
            "1", "做好预决算公开", "区财政局", "2021年6月底前",
            "2", "推进政务新媒体建设", "区政务服务数据管理局", "长期坚持",
            "",
            "附件：",
            "扫一扫在手机打开当前页");

        Assert.Equal(["抓好任务落实。各单位要按照分工抓好落实，2021年11月底前报送落实情况。", "做好预决算公开", "推进政务新媒体建设"], result.Plan.Tasks.Select(t => t.Title));
        Assert.Equal(["区财政局"], result.Plan.Tasks[1].Lead.Select(u => u.Name));
        Assert.Equal(new LocalDate(2021, 6, 30), result.Plan.Tasks[1].Due);
        Assert.Equal(["区政务服务数据管理局"], result.Plan.Tasks[2].Lead.Select(u => u.Name));
        // The attachment numbers its rows anew: each repeated number is reported and the task renumbered.
        Assert.Equal(["1", "2", "3"], result.Plan.Tasks.Select(t => t.Id));
        Assert.Equal(2, result.Diagnostics.Count(d => d.Id == "PR4001"));
        Assert.Equal([(3, "Footer"), (17, "Footer"), (18, "Footer")], result.SkippedLines.Where(l => l.Reason == "Footer").Select(l => (l.Line, l.Reason)));
    }

    [Fact]
    public void NumberingThatStartsAgainUnderEachSection_GivesQualifiedIds_NotAWarningPerTask()
    {
        // Regression: every task of the second section was "renumbered" (task 1 → 3, …) with a PR4001 warning each.
        var result = ImportLines(
            "一、强化政策解读",
            "１．做好政策解读。（区政府办牵头）",
            "２．回应社会关切。（区政府办牵头）",
            "二、深化重点领域信息公开",
            "（一）财政信息",
            "1.做好预决算公开。（区财政局牵头）",
            "2.推进政府采购信息公开。（区财政局牵头）");

        Assert.Equal(["1.1", "1.2", "2.1.1", "2.1.2"], result.Plan.Tasks.Select(t => t.Id));
        Assert.Equal("做好预决算公开。", result.Plan.GetTask("2.1.1")!.Title);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void NumberingThatRunsOnAcrossSections_KeepsTheNoticesNumbers()
    {
        var result = ImportLines(
            "一、强化政策解读",
            "1.做好政策解读。（区政府办牵头）",
            "二、深化重点领域信息公开",
            "2.做好预决算公开。（区财政局牵头）");

        Assert.Equal(["1", "2"], result.Plan.Tasks.Select(t => t.Id));
    }
    [Fact]
    public void APeriodTheLanguageCannotSay_IsANoteAndAFinding_NotLostInTheTitle()
    {
        // Regression: 每两年 had no every and no finding: the duty was left in the title, its recurrence unsaid.
        var result = ImportLines("1.每两年开展一次政务公开第三方评估。（区政务公开办牵头）");

        var task = result.Plan.GetTask("1")!;
        Assert.Null(task.Recurrence);
        Assert.Contains("原文周期要求：每两年", task.Notes);
        var finding = Assert.Single(result.Diagnostics, d => d.Id == "PR4001");
        Assert.Equal("任务 1 的周期 '每两年' 无法用 every 表示（只有年、半年、季度、月、周），已作为 note 保留", finding.GetMessage(System.Globalization.CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Equal("The period '每两年' of task 1 cannot be written with every (year, half-year, quarter, month or week only); kept as a note", finding.GetMessage(System.Globalization.CultureInfo.GetCultureInfo("en")));
    }

    [Fact]
    public void ASecondPeriodRequirement_IsReported_NotOnlyANote()
    {
        // Regression: the second of 每年…；每季度… became a note without a finding.
        var result = ImportLines("1.每年至少召开1次专题会议；每季度通报工作进展。（区政务公开办牵头）");

        var task = result.Plan.GetTask("1")!;
        Assert.NotNull(task.Recurrence);
        var finding = Assert.Single(result.Diagnostics, d => d.Id == "PR4001");
        Assert.StartsWith("Task 1 has another period requirement '每季度", finding.GetMessage(System.Globalization.CultureInfo.GetCultureInfo("en")));
        Assert.Contains(task.Notes, n => n.StartsWith("原文另有周期要求：每季度", StringComparison.Ordinal));
    }
}
