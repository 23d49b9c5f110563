using PlanRules.Diagnostics;
using PlanRules.Import;
using PlanRules.Tests.Support;

namespace PlanRules.Tests.Import;

/// <summary>Small notices of each layout (case files under <c>Import/Cases</c>) against their keys.</summary>
public class LayoutImportTests
{
    [Theory]
    [InlineData("table-lines")]
    [InlineData("pipe-rows")]
    [InlineData("lettered")]
    [InlineData("paragraphs")]
    [InlineData("labelled-rows")]
    [InlineData("heading-owners")]
    public void Layout_MatchesItsKey_AndBindsWithoutErrors(string name)
    {
        var result = ImportCases.Import(name);

        Assert.True(result.Syntax.Diagnostics.IsEmpty, result.PlanText);
        Assert.DoesNotContain(result.Plan.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        ImportCases.AssertMatchesKey(result.Plan, ImportCases.Key(name));
    }

    [Fact]
    public void SignatureAtTheEnd_IsTheIssuerAndDate_NotPartOfTheLastTask()
    {
        // Regression: the office and date that close a notice were read as the last task's lead and due.
        const string notice = """
            广州市番禺区人民政府办公室关于印发番禺区2021年政务公开工作要点分工方案的通知
            番府办〔2021〕35号
            一、紧扣“十四五”开好局起好步深化政务公开
            （一）做好各类规划主动公开。
            1.主动公开国民经济和社会发展第十四个五年规划纲要。
            区发展改革局牵头，各有关单位配合，2021年底前完成。
            2.做好历史规划的归集整理。
            区司法局负责。

            番禺区人民政府办公室
            2021年7月20日
            （此件公开发布）
            """;

        var result = NoticeImporter.Import(System.Text.Encoding.UTF8.GetBytes(notice), "n.txt");

        Assert.Equal(new NodaTime.LocalDate(2021, 7, 20), result.Plan.Plan.Issued);
        var last = result.Plan.GetTask("2")!;
        Assert.Equal(["区司法局"], last.Lead.Select(u => u.Name));
        Assert.Null(last.Due);
        Assert.Equal(new NodaTime.LocalDate(2021, 12, 31), result.Plan.GetTask("1")!.Due);
        Assert.Equal(3, result.SkippedLines.Count(s => s.Reason == "Header:Signature"));
    }

    [Fact]
    public void OwnersAndDeadlineInTheTasksLastSentence_AreReadAsOwnersAndDue()
    {
        // Regression: a last sentence with owners and a deadline was left in the title, lead 待定 (PR4001).
        const string notice = """
            番禺区2021年政务公开工作要点分工方案
            一、深化政务公开
            1.主动公开国民经济和社会发展第十四个五年规划纲要。区发展改革局牵头，各有关单位配合，2021年底前完成。
            2.做好历史规划的归集整理。区司法局负责。
            """;

        var result = NoticeImporter.Import(System.Text.Encoding.UTF8.GetBytes(notice), "n.txt");

        var task = result.Plan.GetTask("1")!;
        Assert.Equal("主动公开国民经济和社会发展第十四个五年规划纲要。", task.Title);
        Assert.Equal(["区发展改革局"], task.Lead.Select(u => u.Name));
        Assert.Equal(new NodaTime.LocalDate(2021, 12, 31), task.Due);
        Assert.Equal(["区司法局"], result.Plan.GetTask("2")!.Lead.Select(u => u.Name));
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "PR4001");
    }

    [Fact]
    public void TableLines_ReadsTheHeaderAndDropsTheFurniture()
    {
        var result = ImportCases.Import("table-lines");
        var plan = result.Plan.Plan;

        Assert.Equal("某市2022年数字政府建设重点任务清单", plan.Title);
        Assert.Equal("某府办函〔2022〕12号", plan.Ref);
        Assert.Equal(new NodaTime.LocalDate(2022, 3, 1), plan.Issued);
        Assert.Equal(new NodaTime.LocalDate(2022, 12, 31), plan.End);
        Assert.Equal("某市人民政府办公厅", plan.Issuer?.Name);
        Assert.Equal("推进政务服务事项标准化，统一事项名称、编码和办理要求。", result.Plan.GetTask("1")!.Title);
        Assert.Contains(result.SkippedLines, s => s.Line == 1 && s.Reason == "Furniture");
        Assert.Contains(result.SkippedLines, s => s.Text.StartsWith("扫一扫", StringComparison.Ordinal));
        Assert.Equal(["Number", "Task", "Owner", "Support", "Deadline"], result.SkippedLines.Where(s => s.Reason == "ColumnHeader").Select(s => PageFurniture.ColumnHeader(s.Text).ToString()));
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "PR4001");
    }

    [Fact]
    public void PipeRows_ShiftedCellsFollowTheirColumns()
    {
        var result = ImportCases.Import("pipe-rows");

        Assert.Equal(["1", "2"], result.Plan.Sections.Select(s => s.Id));
        Assert.Equal(["优化开办企业服务", "提升跨境贸易便利化"], result.Plan.Sections.Select(s => s.Title));
        Assert.Equal("压缩企业开办时间至1个工作日", result.Plan.GetTask("2")!.Title);
        Assert.Empty(result.Diagnostics.Where(d => d.Id == "PR4001"));
    }

    [Fact]
    public void Lettered_TrailingBracketOwnersLeaveTheTitle()
    {
        var result = ImportCases.Import("lettered");

        Assert.Equal("推进校园网络提速。2022年底前全省中小学实现千兆到校。", result.Plan.GetTask("1.1")!.Title);
        Assert.Equal("完善教育专网。", result.Plan.GetTask("1.2")!.Title);
        Assert.Equal("各地级市政府", result.Plan.GetUnit("地级市政府")!.Title);
        Assert.Equal(["lettered.notice.txt 第4行"], result.Plan.GetTask("1.1")!.Sources.ToArray());
    }

    [Fact]
    public void Paragraphs_AClosingParagraphWithoutOwners_IsANoteAndAFinding()
    {
        var result = ImportCases.Import("paragraphs");

        Assert.Equal("加强汛期值班值守,6月15日前完成防汛物资储备。", result.Plan.GetTask("3")!.Title);
        var finding = PlanAssert.Single(result.Diagnostics, "PR4001");
        Assert.Equal((13, 1, "3"), (finding.Location.Line, finding.Location.Column, finding.TaskId));
        Assert.Contains("各单位要高度重视,确保各项工作落到实处。", result.Plan.GetTask("3")!.Notes);
    }

    [Fact]
    public void HeadingOwners_HeaderLinesAllRecognised_IssuerMatched()
    {
        var result = ImportCases.Import("heading-owners");

        Assert.Equal("区政府办", result.Plan.Plan.Issuer?.Name);
        Assert.Equal("天河区人民政府办公室", result.Plan.Plan.Issuer?.Title);
        var unplaced = PlanAssert.Single(result.Diagnostics, "PR4001");
        Assert.Equal((15, "3"), (unplaced.Location.Line, unplaced.TaskId));
        Assert.All(result.SkippedLines.Where(s => s.Line < 9), s => Assert.StartsWith("Header:", s.Reason));
    }

    [Fact]
    public void RepeatedHeading_FromATableWrap_IsOneSubsection()
    {
        const string notice = """
            某区2021年工作要点
            一、加强组织
            (一)健全机制。
            1.建立联席会议制度。
            区政府办牵头办理。
            (一)健全机制。
            2.制定工作规则。
            区政府办牵头办理。
            (二)强化考核。
            3.纳入绩效考核。
            区委编办负责。
            """;

        var result = NoticeImporter.ImportText(notice, "wrap.txt");

        Assert.Equal(["1", "1.1", "1.2"], result.Plan.Sections.Select(s => s.Id));
        Assert.Equal(["1.1", "1.1", "1.2"], result.Plan.Tasks.Select(t => t.Section!.Id));
    }

    [Fact]
    public void TaskWithoutOwners_AndNothingAbove_GetsAStandInLead_AndAFinding()
    {
        const string notice = """
            某区2021年工作要点
            一、加强组织
            1.建立联席会议制度。
            二、强化考核
            2.纳入绩效考核。
            区委编办负责。
            """;

        var result = NoticeImporter.ImportText(notice, "orphan.txt");

        Assert.Equal(["待定"], result.Plan.GetTask("1")!.Lead.Select(u => u.Name));
        Assert.Equal(["区委编办"], result.Plan.GetTask("2")!.Lead.Select(u => u.Name));
        var finding = PlanAssert.Single(result.Diagnostics, "PR4001");
        Assert.Equal(3, finding.Location.Line);
        Assert.Equal("No lead or responsible unit found for task 1; lead set to the stand-in '待定'", finding.GetMessage(PlanAssert.En));
        Assert.DoesNotContain(result.Plan.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void VariantNames_AreMergedWithAnAlias_AndReported()
    {
        const string notice = """
            番禺区2021年工作要点
            1.建立工作台账。
            区政府办牵头办理。
            2.规范公文处理。
            区府办牵头办理。
            3.加强信息报送。
            区卫生健康局（区疾控中心）负责。
            4.做好疫情信息发布。
            区卫生健康局(区疾控中心)负责。
            """;

        var result = NoticeImporter.ImportText(notice, "variants.txt");

        Assert.Equal("区政府办", result.Plan.GetTask("2")!.Lead.Single().Name);
        Assert.Equal(["区府办"], result.Plan.GetUnit("区政府办")!.Aliases.ToArray());
        var merged = Assert.Single(result.Diagnostics, d => d.Id == "PR4002" && d.Location.Line == 5);
        Assert.Equal("Unit name '区府办' was merged with '区政府办'", merged.GetMessage(PlanAssert.En));
        // Full-width and half-width brackets are one name.
        Assert.Same(result.Plan.GetTask("3")!.Lead.Single(), result.Plan.GetTask("4")!.Lead.Single());
        Assert.Equal("区卫生健康局(区疾控中心)", result.Plan.GetTask("3")!.Lead.Single().Name);
    }

    [Fact]
    public void AllOwnerPhrases_InOneNotice()
    {
        const string notice = """
            某区2021年工作要点
            1.甲。
            区财政局、区审计局分别牵头。
            2.乙。
            区财政局负责;区审计局配合。
            3.丙。
            责任单位：区财政局；配合单位：区审计局、区统计局；完成时限：2021年9月底前。
            4.丁。
            区财政局牵头落实,区审计局做好配合,以及各街道办事处办理。
            """;

        var result = NoticeImporter.ImportText(notice, "phrases.txt");
        string Roles(string id)
        {
            var t = result.Plan.GetTask(id)!;
            return $"{string.Join(",", t.Lead.Select(u => u.Name))}|{string.Join(",", t.With.Select(u => u.Name))}|{string.Join(",", t.Support.Select(u => u.Name))}";
        }

        Assert.Equal("区财政局,区审计局||", Roles("1"));
        Assert.Equal("区财政局||区审计局", Roles("2"));
        Assert.Equal("区财政局||区审计局,区统计局", Roles("3"));
        Assert.Equal(new NodaTime.LocalDate(2021, 9, 30), result.Plan.GetTask("3")!.Due);
        Assert.Equal("区财政局,街道办事处||区审计局", Roles("4"));
        Assert.True(result.Plan.GetUnit("街道办事处")!.IsGroup);
    }
}
