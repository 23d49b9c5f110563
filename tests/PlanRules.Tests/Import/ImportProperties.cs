using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PlanRules.Diagnostics;
using PlanRules.Formatting;
using PlanRules.Import;
using PlanRules.Syntax;

namespace PlanRules.Tests.Import;

/// <summary>Whatever the notice, the importer returns, and what it writes parses and binds without a PR0xxx (or any error).</summary>
public class ImportProperties
{
    private static readonly string[] Fragments =
    [
        "一、", "二、", "十一、", "(一)", "（二）", "(三)", "1.", "2、", "3.", "33.", "33.2021年底前", "1.5倍", "1", "2", "|", " | ", "| --- |",
        "区财政局", "区政府办", "区府办", "番禺区人民政府办公室", "各镇(街)", "各有关单位", "区委编办(区绩效办)", "区委编办（区绩效办）", "各地级市政府",
        "牵头", "会同", "办理", "负责", "配合", "做好配合", "做好指导工作", "按职责分工落实", "分别牵头", "以及", "、", ",", "，", ";", "；", "。",
        ":", "：", "等有关单位", "等", "(牵头单位:", ")", "（", "）", "责任单位：", "配合单位：", "完成时限：", "办理区政府、区政府办工作",
        "2021年底前", "年底前", "2023年3月底前", "2023年6月15日前", "6月前", "2021年2月30日前", "13月底前", "0月底前", "2021年12月",
        "每年至少听取1次", "每年不少于99999999次", "每年不少于0次", "每季度", "每月", "每半年", "按月", "持续推进", "及时", "定期", "长期",
        "番府办〔2021〕35号", "2021年7月20日", "发布时间:2021-07-20", "来源:广州市番禺区人民政府办公室", "关于印发", "番禺区2021年工作要点", "的通知",
        "工作任务", "责任单位", "完成时限", "序号", "配合单位", "备注", "扫一扫", "附件:", "选择语言", "首页 > 政务 > 文件", "- 3 -",
        "\n", "\n", "\n\n", "\r\n", "\r", " ", "\t", "\u3000", "\"", "“", "”", "\\", "//", "/*", "*/", "{", "}", "task", "lead", "plan", "unit",
        "待定", "政府", "中心", "局", "3所", "平台", "备注", "序号", "|1|", "𠀀", "\0", "\u2028", "\uFEFF", "\ud800",
        "【", "】", "［", "］", "(牵头)", "（牵头单位）", "街道办事处", "县直单位", "上半年", "下半年", "第三季度", "三季度末前", "二〇二一年七月二十日", "每两年", "每3个月", "每隔两周",
        "附件：", "附件:番禺区任务分工表", "由",
    ];

    private static readonly Lazy<string> Seed = new(() => ImportCases.NoticeText("panyu-2021"));

    private static Gen<string> Soup(string separator) => Gen.Elements(Fragments).ListOf().Select(parts => string.Join(separator, parts));

    /// <summary>Random text, fragment soup (as lines and run together), and the seed cut and spliced.</summary>
    private static Gen<string> AnyNotice { get; } = Gen.OneOf(
        ArbMap.Default.GeneratorFor<string>().Select(s => s ?? ""),
        Soup(""),
        Soup("\n"),
        Gen.Elements(Fragments).ListOf().ListOf().Select(lines => string.Join("\n", lines.Select(parts => string.Concat(parts)))),
        from cut in Gen.Choose(0, 14000)
        from length in Gen.Choose(0, 400)
        from insert in Soup("")
        select Splice(Seed.Value, cut, length, insert));

    private static string Splice(string text, int cut, int length, string insert)
    {
        cut = Math.Min(cut, text.Length);
        return text[..cut] + insert + text[Math.Min(text.Length, cut + length)..];
    }

    [Property(MaxTest = 400)]
    public Property Import_NeverThrows_AndTheDraftParsesAndBinds() =>
        Prop.ForAll(Arb.From(AnyNotice), notice =>
        {
            var result = NoticeImporter.ImportText(notice, "any.txt");

            Assert.True(result.Syntax.Diagnostics.IsEmpty, string.Join("\n", result.Syntax.Diagnostics) + "\n" + result.PlanText);
            Assert.DoesNotContain(result.Plan.Diagnostics, d => d.Id.StartsWith("PR0", StringComparison.Ordinal));
            Assert.True(!result.HasErrors, string.Join("\n", result.Plan.Diagnostics) + "\n" + result.PlanText);
            Assert.Equal(result.PlanText, PlanPrinter.Print(PlanParser.Parse(result.PlanText)));
            foreach (var d in result.Diagnostics)
            {
                Assert.Contains(d.Id, new[] { "PR4001", "PR4002" });
                Assert.InRange(d.Location.SourceSpan.End, d.Location.SourceSpan.Start, result.Notice.Length);
                Assert.True(d.Location.Line >= 1 && d.Location.Column >= 1, d.ToString());
                Assert.False(string.IsNullOrWhiteSpace(d.GetMessage(Tests.Support.PlanAssert.En)));
            }
        });

    [Property(MaxTest = 200)]
    public Property Import_OfAnyBytes_DecodesOrSaysWhy() =>
        Prop.ForAll(Arb.From(ArbMap.Default.GeneratorFor<byte[]>().Select(b => b ?? [])), bytes =>
        {
            try
            {
                var result = NoticeImporter.Import(bytes, "any.bin");
                Assert.False(result.HasErrors, result.PlanText);
            }
            catch (NoticeDecodingException e)
            {
                Assert.DoesNotContain('\n', e.Message);
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
            }
        });

    [Property(MaxTest = 100)]
    public Property Gb18030_AndUtf8_OfTheSameText_GiveTheSameDraft() =>
        Prop.ForAll(Arb.From(Soup("\n").Select(s => s.Replace("\0", "").Replace("\ud800", "").Replace("\uFEFF", ""))), text =>
        {
            var utf8 = NoticeImporter.Import(System.Text.Encoding.UTF8.GetBytes(text), "n.txt");
            var gb = NoticeImporter.Import(NoticeDecoder.Gb18030Encoding.GetBytes(text), "n.txt", new ImportOptions { Encoding = NoticeEncoding.Gb18030 });
            Assert.Equal(utf8.PlanText, gb.PlanText);
        });
}
