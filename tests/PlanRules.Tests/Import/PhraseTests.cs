using PlanRules.Import;
using PlanRules.Syntax;
using PlanRules.Text;

namespace PlanRules.Tests.Import;

/// <summary>The responsibility and time phrases notices use, one by one.</summary>
public class PhraseTests
{
    private static Passage Passage(string text) => new NoticeDocument(new SourceText(text, "p.txt")).Lines[0].Content;

    private static string Owners(string phrase)
    {
        var parse = OwnerPhraseParser.Parse(Passage(phrase));
        string Of(OwnerRole role) => string.Join(",", parse.Assignments.Where(a => a.Role == role).Select(a => a.Unit.Name));
        var text = $"lead {Of(OwnerRole.Lead)}; with {Of(OwnerRole.With)}; support {Of(OwnerRole.Support)}";
        return parse.Leftovers.Count == 0 ? text : text + "; rest " + string.Join("/", parse.Leftovers.Select(l => l.Text));
    }

    [Theory]
    [InlineData("区财政局牵头。", "lead 区财政局; with ; support ")]
    [InlineData("区财政局牵头办理。", "lead 区财政局; with ; support ")]
    [InlineData("区财政局牵头落实。", "lead 区财政局; with ; support ")]
    [InlineData("区政府办会同各有关单位、各镇(街)办理。", "lead 区政府办; with 各有关单位,各镇(街); support ")]
    [InlineData("区发展改革局牵头,会同各有关单位、各镇(街)办理。", "lead 区发展改革局; with 各有关单位,各镇(街); support ")]
    [InlineData("区财政局牵头，会同区民政局", "lead 区财政局; with 区民政局; support ")]
    [InlineData("区委宣传部以及各有关单位、各镇(街)办理。", "lead 区委宣传部,各有关单位,各镇(街); with ; support ")]
    [InlineData("区政务服务数据管理局牵头,会同区城市运行指挥中心,以及各有关单位、各镇(街)办理。", "lead 区政务服务数据管理局; with 区城市运行指挥中心,各有关单位,各镇(街); support ")]
    [InlineData("区财政局、区审计局分别牵头。", "lead 区财政局,区审计局; with ; support ")]
    [InlineData("区司法局负责。", "lead 区司法局; with ; support ")]
    [InlineData("区司法局办理。", "lead 区司法局; with ; support ")]
    [InlineData("各有关单位、各镇(街)按职责分工落实。", "lead 各有关单位,各镇(街); with ; support ")]
    [InlineData("区委编办(区绩效办)牵头办理,区政府办配合。", "lead 区委编办(区绩效办); with ; support 区政府办")]
    [InlineData("区政务服务数据管理局牵头办理,区司法局以及各有关单位、各镇(街)做好配合。", "lead 区政务服务数据管理局; with ; support 区司法局,各有关单位,各镇(街)")]
    [InlineData("各有关单位、各镇(街)办理,区司法局做好指导工作。", "lead 各有关单位,各镇(街); with ; support 区司法局")]
    [InlineData("各有关单位、各镇(街)做好发布工作,区政务服务数据管理局做好技术支持和指导。", "lead 各有关单位,各镇(街); with ; support 区政务服务数据管理局")]
    [InlineData("省教育厅牵头,各地级市政府配合", "lead 省教育厅; with ; support 各地级市政府")]
    [InlineData("区财政局牵头,会同区民政局、区农业农村局等有关单位以及各镇(街)办理。", "lead 区财政局; with 区民政局,区农业农村局,有关单位,各镇(街); support ")]
    [InlineData("区新冠肺炎防控指挥办各工作组(牵头单位:区委宣传部、区卫生健康局等)办理。", "lead 区委宣传部,区卫生健康局; with 区新冠肺炎防控指挥办各工作组; support ")]
    [InlineData("区司法局会同区政府办办理区政府、区政府办政府信息依申请公开工作;各有关单位、各镇(街)办理本单位政府信息依申请公开工作。", "lead 区司法局,各有关单位,各镇(街); with 区政府办; support ")]
    [InlineData("区发展改革局牵头办理,在工作中加强与上级单位沟通对接。", "lead 区发展改革局; with ; support ; rest 在工作中加强与上级单位沟通对接")]
    [InlineData("责任单位：区财政局；配合单位：区审计局、区统计局", "lead 区财政局; with ; support 区审计局,区统计局")]
    [InlineData("区卫生健康局和区民政局负责", "lead 区卫生健康局,区民政局; with ; support ")]
    [InlineData("区城市管理和综合执法局负责", "lead 区城市管理和综合执法局; with ; support ")]
    [InlineData("由区财政局牵头", "lead 区财政局; with ; support ")]
    [InlineData("责任单位：区财政局（牵头）、区民政局、区审计局", "lead 区财政局; with 区民政局,区审计局; support ")]
    [InlineData("区民政局、区财政局(牵头单位)负责", "lead 区财政局; with 区民政局; support ")]
    [InlineData("区财政局（牵头），区民政局配合", "lead 区财政局; with ; support 区民政局")]
    public void OwnerPhrase(string phrase, string expected) => Assert.Equal(expected, Owners(phrase));

    [Theory]
    [InlineData("区财政局要有效推动有关业务主管部门,落实补贴信息公开")]
    [InlineData("各单位政务公开工作机构要发挥统筹作用")]
    [InlineData("做好政府门户网站相关专栏的更新维护")]
    [InlineData("建设统一身份认证平台")]
    [InlineData("严格落实信息发布审核制度,先审后发")]
    [InlineData("新建公办幼儿园3所")]
    public void NotAnOwnerLine(string text) => Assert.False(OwnerPhraseParser.Parse(Passage(text)).IsOwnerLine);

    [Theory]
    [InlineData("政府", true)]
    [InlineData("中心", true)]
    [InlineData("区政府办", true)]
    [InlineData("各镇(街)", true)]
    [InlineData("新建公办幼儿园3所", false)]
    [InlineData("建设统一身份认证平台", false)]
    [InlineData("区卫生健康局等", false)]
    [InlineData("各单位要", false)]
    [InlineData("(街)", false)]
    public void UnitLike(string name, bool expected) => Assert.Equal(expected, UnitNames.LooksLikeUnit(name));

    private static string Times(string text, int? year = 2021, bool bare = false) =>
        string.Join("; ", TimePhraseParser.Scan(Passage(text), year, bare).Select(p => p.Kind switch
        {
            TimeKind.Due => "due " + DateText.Iso(p.Date),
            TimeKind.Every => $"every {p.Period} {p.AtLeast}",
            TimeKind.Tag => "tag " + p.Tag,
            TimeKind.UnsupportedPeriod => "unsupported " + p.Span.Text,
            _ => "invalid " + p.Span.Text,
        }));

    [Theory]
    [InlineData("2021年底前,区政府门户网站支持互联网协议第六版。", "due 2021-12-31")]
    [InlineData("年底前完成", "due 2021-12-31")]
    [InlineData("2023年3月底前完成", "due 2023-03-31")]
    [InlineData("2023年6月15日前完成", "due 2023-06-15")]
    [InlineData("3月底前", "due 2021-03-31")]
    [InlineData("6月前完成", "due 2021-05-31")]
    [InlineData("2021年2月30日前", "invalid 2021年2月30日前")]
    [InlineData("2021年上半年完成", "due 2021-06-30")]
    [InlineData("下半年完成", "due 2021-12-31")]
    [InlineData("三季度末前完成", "due 2021-09-30")]
    [InlineData("2022年第一季度完成", "due 2022-03-31")]
    [InlineData("第4季度前", "due 2021-12-31")]
    [InlineData("总结上半年工作经验", "")]
    [InlineData("2021年第二季度经济运行情况", "")]
    [InlineData("主要负责同志每年至少听取1次政务公开工作汇报", "every Year 1")]
    [InlineData("每年不少于4次", "every Year 4")]
    [InlineData("每年组织两次培训", "every Year 2")]
    [InlineData("每季度通报", "every Quarter 1")]
    [InlineData("每月更新", "every Month 1")]
    [InlineData("每半年报告一次", "every HalfYear 1")]
    [InlineData("每两年开展一次评估", "unsupported 每两年")]
    [InlineData("每3个月通报一次", "unsupported 每3个月")]
    [InlineData("每隔两周更新", "unsupported 每隔两周")]
    [InlineData("持续深化债务信息公开,定期公开限额", "tag 持续推进; tag 定期")]
    [InlineData("及时公开落实举措", "tag 及时")]
    [InlineData("对2020年度工作要点落实情况开展回头看", "")]
    [InlineData("建立单位2021年政务公开工作重点任务台账", "")]
    [InlineData("《通知》(国办公开办函〔2019〕60号)要求", "")]
    public void TimePhrase(string text, string expected) => Assert.Equal(expected, Times(text));

    [Fact]
    public void YearlessDeadlines_NeedAPlanYear() => Assert.Equal("", Times("年底前完成", year: null));

    [Theory]
    [InlineData("2021年12月", true)]
    [InlineData("2021年底前", true)]
    [InlineData("长期坚持", true)]
    [InlineData("每季度", true)]
    [InlineData("完成时限：2022年6月30日", true)]
    [InlineData("6月15日前完成防汛物资储备。", false)]
    [InlineData("区财政局", false)]
    public void DeadlineCell(string text, bool timeOnly) => Assert.Equal(timeOnly, TimePhraseParser.IsTimeOnly(Passage(text), 2021));

    [Theory]
    [InlineData("一、紧扣“十四五”开好局", "Section 1 紧扣“十四五”开好局")]
    [InlineData("十二、其他", "Section 12 其他")]
    [InlineData("(三)做好财政信息公开。", "Subsection 3 做好财政信息公开。")]
    [InlineData("（十一）加强培训", "Subsection 11 加强培训")]
    [InlineData("1.主动公开规划。", "Task 1 主动公开规划。")]
    [InlineData("12、加强指导", "Task 12 加强指导")]
    [InlineData("33.2021年底前,区政府门户网站支持互联网协议第六版。", "Task 33 2021年底前,区政府门户网站支持互联网协议第六版。 digit")]
    [InlineData("7", "Number 7 ")]
    [InlineData("(1)细化措施", "")]
    [InlineData("十四五规划", "")]
    public void Headings(string text, string expected)
    {
        var heading = StructureRecognizer.Recognize(Passage(text));
        var actual = heading is { } h ? $"{h.Kind} {h.Number} {h.Title.Text}{(h.DigitFollows ? " digit" : "")}" : "";
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("区政府办", "区府办")]
    [InlineData("番禺区人民政府办公室", "区府办")]
    [InlineData("广州市番禺区人民政府办公室", "区府办")]
    [InlineData("区府办", "区府办")]
    [InlineData("中共广州市番禺区委宣传部", "区委宣传部")]
    [InlineData("区发展和改革局", "区发改局")]
    [InlineData("区发展改革局", "区发改局")]
    public void VariantKeys(string name, string key) =>
        Assert.Equal(key, UnitNames.VariantKey(name, ["广州市番禺区", "番禺区", "广州市"]));

    [Theory]
    [InlineData("各镇(街)", "镇街", "各镇(街)")]
    [InlineData("各有关单位", "有关单位", "各有关单位")]
    [InlineData("有关单位", "有关单位", "各有关单位")]
    [InlineData("区属各有关单位", "有关单位", "各有关单位")]
    [InlineData("各县(区)", "县区", "各县(区)")]
    [InlineData("各部门", "部门", "各部门")]
    [InlineData("各街道办事处", "街道办事处", "各街道办事处")]
    public void Groups(string written, string name, string title)
    {
        Assert.True(UnitNames.IsGroup(written));
        Assert.Equal(name, UnitNames.GroupName(written));
        Assert.Equal(title, UnitNames.GroupTitle(written));
    }
}
