using System.Globalization;
using System.Text.RegularExpressions;
using PlanRules.Diagnostics;
using PlanRules.Output.Html;
using PlanRules.Tests.Output;

namespace PlanRules.Tests.Report;

/// <summary>
/// The page's limits (<see cref="HtmlReportOptions"/>): each list is cut exactly at its limit, the page says so in its
/// language, the header keeps the true totals, and a page that cuts nothing is the page as it always was.
/// </summary>
public class HtmlReportLimitsTests
{
    // ReportKit's plan: 4 findings (3 warnings, 1 info), 3 units (C 1 obligation, B 2, A 3: 6 in all), 4 tasks.
    private static string Html(HtmlReportOptions options, CultureInfo? culture = null) =>
        HtmlReportWriter.Render(ReportKit.Check(), culture ?? ReportKit.Zh, options);

    private static HtmlReportOptions Limit(string list, int value) => list switch
    {
        "findings" => new HtmlReportOptions { MaxFindings = value },
        "units" => new HtmlReportOptions { MaxUnits = value },
        "obligations" => new HtmlReportOptions { MaxObligations = value },
        "perUnit" => new HtmlReportOptions { MaxObligationsPerUnit = value },
        _ => new HtmlReportOptions { MaxTimelineTasks = value },
    };

    private static (int Findings, int Units, int Obligations, int Tasks) Listed(string html) => (
        Regex.Count(html, "<li class=\"finding ") / 2, // each finding is listed by unit and by task
        Regex.Count(html, "<tr class=\"band"),
        Regex.Count(html, "<tr data-task="),
        Regex.Count(html, "<g class=\"task "));

    [Theory]
    [InlineData("findings", 4)]
    [InlineData("units", 3)]
    [InlineData("obligations", 6)]
    [InlineData("perUnit", 3)]
    [InlineData("timeline", 4)]
    public void AtTheLimit_NothingIsCut_AndThePageIsThePageWithoutLimits(string list, int limit)
    {
        foreach (var culture in new[] { ReportKit.Zh, ReportKit.En })
        {
            var html = Html(Limit(list, limit), culture);

            Assert.Equal(ReportKit.Html(culture), html);
            Assert.DoesNotContain("class=\"truncated\"", html);
            Assert.Equal((4, 3, 6, 4), Listed(html));
        }
    }

    [Theory]
    [InlineData("findings", 3, 3, 6, 4, 1, "仅列出前 3 条发现（共 4 条），严重程度高的优先；完整列表请用 <code>planrules check --format json</code>。",
        "Showing the first 3 of 4 findings, most severe first; use <code>planrules check --format json</code> for all of them.")]
    [InlineData("units", 4, 2, 3, 4, 2, "仅列出逾期情况最差的前 2 个单位（共 3 个）；各单位的完整统计请用 <code>planrules check --format json</code>。",
        "Showing the 2 worst of 3 units; use <code>planrules check --format json</code> for the whole table.")]
    [InlineData("obligations", 4, 3, 5, 4, 2, "仅列出 5 项义务（共 6 项），每个单位先列逾期和未完成的义务；可用 <code>planrules report --max-items</code> 调高上限。",
        "Showing 5 of 6 obligations, overdue and open ones first in each unit; raise the limit with <code>planrules report --max-items</code>.")]
    [InlineData("perUnit", 4, 3, 5, 4, 2, "仅列出该单位的 2 项义务（共 3 项），逾期和未完成的优先。", "Showing 2 of this unit&#39;s 3 obligations, overdue and open ones first.")]
    [InlineData("timeline", 4, 3, 6, 3, 1, "时间轴仅画出前 3 项任务（共 4 项）；可用 <code>planrules report --max-items</code> 调高上限。",
        "The timeline draws the first 3 of 4 tasks; raise the limit with <code>planrules report --max-items</code>.")]
    public void OneBelowTheLimit_OneIsCut_AndThePageSaysSo(string list, int findings, int units, int obligations, int tasks, int notices, string zh, string en)
    {
        var full = list switch { "findings" => 4, "units" => 3, "obligations" => 6, "perUnit" => 3, _ => 4 };
        foreach (var (culture, notice) in new[] { (ReportKit.Zh, zh), (ReportKit.En, en) })
        {
            var html = Html(Limit(list, full - 1), culture);

            Assert.Equal((findings, units, obligations, tasks), Listed(html));
            Assert.Contains(notice, html);
            // Cutting units or a unit's obligations is also said at the top of the obligations.
            Assert.Equal(notices, Regex.Count(html, "<p class=\"truncated\" role=\"note\""));
            Assert.Equal(html, Html(Limit(list, full - 1), culture));
        }
    }

    [Fact]
    public void HeaderCounts_AreTheTrueTotals_WhenEveryListIsCut()
    {
        foreach (var culture in new[] { ReportKit.Zh, ReportKit.En })
        {
            var cut = Html(HtmlReportOptions.WithMaxItems(0), culture);
            var full = ReportKit.Html(culture);

            Assert.Equal(Header(full), Header(cut));
            Assert.Equal((0, 0, 0, 0), Listed(cut));
            Assert.Contains("data-count=\"warning\"><span class=\"n\">3</span>", cut);
            Assert.Contains("data-count=\"open\"><span class=\"n\">3</span>", cut);
            Assert.DoesNotContain("class=\"empty\"", cut); // not "no findings" nor "no obligations": they are cut
            Assert.EndsWith("</html>\n", cut);
        }
    }

    [Fact]
    public void Findings_MostSevereKept_ListedInTheChecksOrder()
    {
        var result = ReportKit.Check(ReportKit.Plan.Replace("lead A, B", "lead A, Z", StringComparison.Ordinal));
        var all = ReportModel.Build(result, ReportKit.Zh).Findings;
        Assert.Contains(all, f => f.Severity == DiagnosticSeverity.Error);
        Assert.NotEqual(DiagnosticSeverity.Error, all[0].Severity);

        var one = ReportModel.Build(result, ReportKit.Zh, new HtmlReportOptions { MaxFindings = 1 });
        Assert.Equal("PR1001", Assert.Single(one.Findings).Id);
        Assert.Equal(all.Length, one.FindingTotal);

        // Without the info finding, the rest in the check's order.
        var three = ReportModel.Build(ReportKit.Check(), ReportKit.Zh, new HtmlReportOptions { MaxFindings = 3 });
        var full = ReportModel.Build(ReportKit.Check(), ReportKit.Zh);
        Assert.Equal(full.Findings.Where(f => f.Severity != DiagnosticSeverity.Info).Select(f => f.Id), three.Findings.Select(f => f.Id));
    }

    [Fact]
    public void Obligations_OverdueThenOpenKeptFirst_InPlanOrder()
    {
        var model = ReportModel.Build(ReportKit.Check(), ReportKit.Zh, new HtmlReportOptions { MaxObligationsPerUnit = 1 });

        // C: 2 overdue; B: 2 done late, 4 open; A: 1 done, 3 and 4 open.
        Assert.Equal([["2"], ["4"], ["3"]], model.Units.Select(u => u.Obligations.Select(o => o.TaskId).ToArray()));
        Assert.Equal([1, 2, 3], model.Units.Select(u => u.Compliance.Obligations));

        var shared = ReportModel.Build(ReportKit.Check(), ReportKit.Zh, new HtmlReportOptions { MaxObligations = 2 });
        Assert.Equal([1, 1, 0], shared.Units.Select(u => u.Obligations.Length));
        var html = Html(new HtmlReportOptions { MaxObligations = 2 });
        Assert.Contains("该单位的 3 项义务未列出（已达列出义务的上限）", html);
        Assert.Contains("This unit&#39;s 3 obligations are not listed", Html(new HtmlReportOptions { MaxObligations = 2 }, ReportKit.En));
    }

    [Fact]
    public void Timeline_CutAtTheLimit_AlsoForSectionHeadings()
    {
        const string plan = "plan \"p\" {\n  period 2021-01-01 .. 2021-12-31\n}\nunit A\ntask 1 \"t\" {\n  lead A\n}\n"
            + "section a \"甲\" {\n}\nsection b \"乙\" {\n}\nsection c \"丙\" {\n}\n";
        var result = ReportKit.Check(plan);
        var options = new HtmlReportOptions { MaxTimelineTasks = 2 };

        var model = ReportModel.Build(result, ReportKit.Zh, options);
        Assert.Equal((1, 2, 3), (model.TimelineTasks, model.TimelineSections, model.SectionTotal));
        Assert.Contains("时间轴仅画出前 2 个章节（共 3 个）", HtmlReportWriter.Render(result, ReportKit.Zh, options));
        Assert.Contains("The timeline draws the first 2 of 3 sections", HtmlReportWriter.Render(result, ReportKit.En, options));
        Assert.DoesNotContain("class=\"truncated\"", HtmlReportWriter.Render(result, ReportKit.Zh, new HtmlReportOptions { MaxTimelineTasks = 3 }));
    }

    [Fact]
    public void Example_CutsNothing()
    {
        Assert.DoesNotContain("class=\"truncated\"", ExampleReport.Zh);
    }

    [Fact]
    public void Options_RefuseNegativeLimits()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HtmlReportOptions { MaxFindings = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => HtmlReportOptions.WithMaxItems(-1));
        Assert.Equal((5_000, 500, 10_000, 500, 2_000), (HtmlReportOptions.Default.MaxFindings, HtmlReportOptions.Default.MaxUnits,
            HtmlReportOptions.Default.MaxObligations, HtmlReportOptions.Default.MaxObligationsPerUnit, HtmlReportOptions.Default.MaxTimelineTasks));
    }

    [Fact]
    public void Page_IsStreamed_InChunks_AndEqualsTheRenderedPage()
    {
        var writer = new StreamedReportTests.RecordingWriter { NewLine = "\n" };
        HtmlReportWriter.Write(writer, ReportKit.Check(), ReportKit.Zh);

        Assert.True(writer.Writes > 3, $"{writer.Writes} writes");
        Assert.Equal(ReportKit.Html(), writer.ToString());
    }

    private static string Header(string html) => html[..html.IndexOf("</header>", StringComparison.Ordinal)];
}
