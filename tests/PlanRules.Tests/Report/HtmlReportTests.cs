using System.Text.RegularExpressions;
using PlanRules.Output.Html;

namespace PlanRules.Tests.Report;

/// <summary>The HTML page: self-contained, escaped, localized, deterministic, with every part present.</summary>
public partial class HtmlReportTests
{
    private const string Hostile = "<script>alert(\"x\")</script> & 'co'";

    private static string HostilePlan => ReportKit.Plan
        .Replace("plan \"测试计划\"", "plan \"" + Hostile.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"", StringComparison.Ordinal)
        .Replace("task 2 \"实施\"", "task 2 \"</text><script>bad()</script>\"", StringComparison.Ordinal)
        .Replace("section 2 \"第二部分\"", "section 2 \"a<b & c>d\"", StringComparison.Ordinal)
        .Replace("unit A \"单位甲\"", "unit A \"<img src=x onerror=alert(1)>\"", StringComparison.Ordinal);

    [Fact]
    public void Page_DeclaresUtf8_AndACjkFontStack()
    {
        var html = ReportKit.Html();

        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">", html);
        Assert.Contains("font-family:\"PingFang SC\",\"Hiragino Sans GB\",\"Microsoft YaHei\",\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"WenQuanYi Micro Hei\",sans-serif", html);
        Assert.EndsWith("</html>\n", html);
    }

    [Fact]
    public void HostileTexts_AreEscaped()
    {
        var html = ReportKit.Html(plan: HostilePlan);

        Assert.Contains("<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</h1>", html);
        Assert.Contains("&lt;/text&gt;&lt;script&gt;bad()&lt;/script&gt;", html);
        Assert.Contains("a&lt;b &amp; c&gt;d", html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<script>bad", html);
        Assert.DoesNotContain("<img", html);
        // The only script element is the report's own.
        Assert.Equal(1, Regex.Count(html, "<script"));
    }

    [Fact]
    public void Page_HasNoExternalReference()
    {
        foreach (var html in new[] { ReportKit.Html(), ReportKit.Html(ReportKit.En), ExampleReport.Zh })
        {
            Assert.DoesNotContain("src=\"http", html);
            Assert.DoesNotContain("src=", html);
            Assert.DoesNotContain("<link", html);
            Assert.DoesNotContain("@import", html);
            Assert.DoesNotContain("url(http", html);
            Assert.DoesNotContain("http://", html);
            Assert.DoesNotContain("https://", html);
            Assert.DoesNotContain("@font-face", html);
            // url() only for the arrowhead defined in the page itself.
            Assert.All(UrlReference().Matches(html), m => Assert.Equal("url(#arrow)", m.Value));
        }
    }

    [Fact]
    public void Page_IsByteIdentical_ForIdenticalInput()
    {
        Assert.Equal(ReportKit.Html(), ReportKit.Html());
        Assert.Equal(ReportKit.Html(ReportKit.En), ReportKit.Html(ReportKit.En));
        Assert.Equal(ExampleReport.Zh, ExampleReport.Render(ReportKit.Zh));
    }

    [Fact]
    public void Labels_ZhCnByDefault_EnglishWithEn()
    {
        var zh = ReportKit.Html();
        var en = ReportKit.Html(ReportKit.En);

        Assert.Contains("<title>测试计划 — 落实情况报告</title>", zh);
        Assert.Contains(">各单位落实情况</h2>", zh);
        Assert.Contains(">时间轴</h2>", zh);
        Assert.Contains(">逾期占比</th>", zh);
        Assert.Contains("显示 4 条发现", zh);
        Assert.Contains("任务 2 已逾期 107 天", zh);

        Assert.Contains("<html lang=\"en\">", en);
        Assert.Contains("<title>测试计划 — compliance report</title>", en);
        Assert.Contains(">Compliance by unit</h2>", en);
        Assert.Contains(">Timeline</h2>", en);
        Assert.Contains(">Share overdue</th>", en);
        Assert.Contains("4 findings shown", en);
        Assert.Contains("Task 2 is 107 days overdue (C)", en);
        Assert.DoesNotContain("各单位落实情况", en);
        Assert.DoesNotContain("时间轴", en);
    }

    [Fact]
    public void EveryReportLabel_IsInBothCatalogues()
    {
        var zh = ResxKeys("Messages.resx");
        var en = ResxKeys("Messages.en.resx");
        var report = zh.Where(k => k.StartsWith("Report_", StringComparison.Ordinal)).ToList();

        Assert.True(report.Count >= 40, string.Join(", ", report));
        Assert.Empty(report.Except(en));
        Assert.Empty(en.Where(k => k.StartsWith("Report_", StringComparison.Ordinal)).Except(zh));
    }

    [Fact]
    public void Header_SummaryCounts()
    {
        var html = ReportKit.Html();

        Assert.Contains("<h1>测试计划</h1>", html);
        Assert.Contains("<dd>番府办〔2021〕1号</dd>", html);
        Assert.Contains("<dt>评估日期</dt><dd>2021-10-15</dd>", html);
        Assert.Contains("data-count=\"warning\"><span class=\"n\">3</span>", html);
        Assert.Contains("data-count=\"info\"><span class=\"n\">1</span>", html);
        Assert.Contains("data-count=\"done\"><span class=\"n\">2</span>", html);
        Assert.Contains("data-count=\"done-late\"><span class=\"n\">1</span>", html);
        Assert.Contains("data-count=\"overdue\"><span class=\"n\">1</span>", html);
    }

    [Fact]
    public void UnitTable_RowsWorstFirst_ColouredByShareOverdue_LinkingToObligations()
    {
        var html = ReportKit.Html();

        var rows = UnitRow().Matches(html).Select(m => (m.Groups["band"].Value, m.Groups["key"].Value)).ToList();
        Assert.Equal([("3", "u0"), ("0", "u1"), ("0", "u2")], rows);
        Assert.Contains("<a href=\"#unit-u0\">C</a>", html);
        Assert.Contains("<section class=\"unit-block\" id=\"unit-u0\" data-unit=\"u0\">", html);
        Assert.Contains("<td class=\"num\" data-v=\"100\">100.0%</td>", html);
    }

    [Fact]
    public void Timeline_IsInlineSvg_WithArrowsAndAsOfLine()
    {
        var html = ReportKit.Html();

        Assert.Single(Regex.Matches(html, "<svg class=\"timeline\""));
        Assert.Equal(2, Regex.Count(html, "<path class=\"dep\""));
        Assert.Contains("data-from=\"1\" data-to=\"2\"", html);
        Assert.Single(Regex.Matches(html, "<line class=\"asof\""));
        Assert.Equal(4, Regex.Count(html, "<rect class=\"period "));
        Assert.Contains("2021年第3季度: 已逾期", html);
    }

    [Fact]
    public void Findings_GroupedByUnitAndByTask_WithFilterAndPlanLine()
    {
        var html = ReportKit.Html();

        Assert.Contains("<select id=\"filter-unit\">", html);
        Assert.Contains("<option value=\"u0\">C</option>", html);
        Assert.Contains("<select id=\"filter-severity\">", html);
        Assert.Equal(8, Regex.Count(html, "<li class=\"finding ")); // 4 findings, each in both views
        Assert.Contains("data-severity=\"info\" data-id=\"PR3004\" data-units=\"u1 u2\"", html);
        Assert.Contains("test.plan(15,3)<code class=\"src\">task 2 &quot;实施&quot; {</code>", html);
    }

    [Fact]
    public void PrintCss_KeepsSummaryAndUnitTableOnTheFirstPage()
    {
        var html = ReportKit.Html();

        Assert.Contains("@media print{", html);
        Assert.Contains("#units{break-after:page}", html);
    }

    [Theory]
    [InlineData("")]
    [InlineData("task 1 \"无章节\" {\n  due 2021-05-01\n}\n")]
    [InlineData("plan \"p\" {\n  period 2021-01-01 .. 2021-12-31\n}\nunit A\ntask 1 \"a\" {\n  lead A\n  after 2\n}\ntask 2 \"b\" {\n  lead A\n  after 1\n}\ntask 2 \"dup\" {\n  lead A\n}\n")]
    [InlineData("plan \"p\" {\n  period 2021-01-01 .. 2021-12-31\n}\nunit A\ntask 1 \"w\" {\n  lead A\n  every week at-least 2\n  start 2022-02-01\n  due 2020-01-01\n}\n")]
    [InlineData("plan \"p\" {\n  period 2021-01-01 .. 2021-12-31\n  period 2023-01-01 .. 2021-12-31\n}\nsection 1 { task }\n")]
    public void OddPlans_RenderACompletePage(string plan)
    {
        var html = ReportKit.Html(plan: plan);

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.EndsWith("</html>\n", html);
        Assert.Contains("<svg class=\"timeline\"", html);
        Assert.Equal(html, ReportKit.Html(plan: plan));
    }

    private static List<string> ResxKeys(string file)
    {
        var path = Path.Combine(Support.TestPaths.RepoRoot, "src", "PlanRules", "Resources", file);
        return [.. System.Xml.Linq.XDocument.Load(path).Root!.Elements("data").Select(e => (string)e.Attribute("name")!)];
    }

    [GeneratedRegex(@"url\([^)]*\)")]
    private static partial Regex UrlReference();

    [GeneratedRegex("<tr class=\"band(?<band>\\d)\" data-unit=\"(?<key>u\\d+)\">")]
    private static partial Regex UnitRow();
}
