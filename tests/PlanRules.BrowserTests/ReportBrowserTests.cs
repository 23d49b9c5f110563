using Microsoft.Playwright;
using Xunit.Abstractions;

namespace PlanRules.BrowserTests;

/// <summary>The example's report as a person sees it, in headless Chromium.</summary>
public class ReportBrowserTests(ReportPage report, ITestOutputHelper output) : IClassFixture<ReportPage>
{
    /// <summary>Units that owe something in the example (61 units and groups are declared; 41 owe obligations).</summary>
    private const int UnitRows = 41;

    private static Task<string[]> Column(IPage page, int index) =>
        page.EvalOnSelectorAllAsync<string[]>("#unit-table tbody tr", $"rows => rows.map(r => r.cells[{index}].getAttribute('data-v'))");

    /// <summary>Findings in the by-task view (each finding once), counted from the markup, not by the filter.</summary>
    private static Task<int> Findings(IPage page, string severity = "") =>
        page.Locator(severity.Length == 0 ? "#by-task li.finding" : $"#by-task li.finding[data-severity={severity}]").CountAsync();

    private static Task<int> VisibleFindings(IPage page, string view = "#by-task") =>
        page.EvalOnSelectorAllAsync<int>($"{view} li.finding", "items => items.filter(li => li.offsetParent !== null).length");

    [Fact]
    public async Task UnitTable_HasOneRowPerUnit_WorstFirst()
    {
        await using var opened = await report.OpenAsync(report.ZhReport);
        var page = opened.Page;

        Assert.Equal(UnitRows, await page.Locator("#unit-table tbody tr").CountAsync());
        Assert.Equal("新造镇", await page.Locator("#unit-table tbody tr").First.Locator("td").First.InnerTextAsync());
        var overdue = (await Column(page, 4)).Select(int.Parse).ToList();
        Assert.Equal(overdue.OrderByDescending(n => n), overdue);
        Assert.Empty(opened.ConsoleProblems);
    }

    [Fact]
    public async Task UnitTable_SortsOnHeaderClick()
    {
        await using var opened = await report.OpenAsync(report.ZhReport);
        var page = opened.Page;
        var obligationsHeader = page.Locator("#unit-table thead th").Nth(1);

        await obligationsHeader.ClickAsync();
        var ascending = (await Column(page, 1)).Select(int.Parse).ToList();
        Assert.Equal(ascending.Order(), ascending);
        Assert.Equal(1, ascending[0]);
        Assert.Equal("ascending", await obligationsHeader.GetAttributeAsync("aria-sort"));

        await obligationsHeader.ClickAsync();
        var descending = (await Column(page, 1)).Select(int.Parse).ToList();
        Assert.Equal(descending.OrderDescending(), descending);
        Assert.Equal(38, descending[0]);
        Assert.Equal("descending", await obligationsHeader.GetAttributeAsync("aria-sort"));
        Assert.Null(await page.Locator("#unit-table thead th").Nth(0).GetAttributeAsync("aria-sort"));

        await page.Locator("#unit-table thead th").Nth(0).ClickAsync();
        var names = await Column(page, 0);
        Assert.Equal(UnitRows, names.Length);
        var collated = await page.EvaluateAsync<string[]>("names => names.slice().sort((a, b) => a.localeCompare(b))", names);
        Assert.Equal(collated, names);
        Assert.Empty(opened.ConsoleProblems);
    }

    [Fact]
    public async Task UnitLink_GoesToTheUnitsObligations()
    {
        await using var opened = await report.OpenAsync(report.ZhReport);
        var page = opened.Page;

        await page.Locator("#unit-table tbody tr").First.Locator("a").ClickAsync();

        Assert.EndsWith("#unit-u0", page.Url);
        var block = page.Locator("#unit-u0");
        Assert.Equal("新造镇", (await block.Locator("h3").InnerTextAsync()).Trim());
        Assert.Equal(38, await block.Locator("tbody tr").CountAsync());
        Assert.True(await block.IsVisibleAsync());
    }

    [Fact]
    public async Task UnitFilter_HidesAndShowsFindings()
    {
        await using var opened = await report.OpenAsync(report.ZhReport);
        var page = opened.Page;
        var total = await VisibleFindings(page);
        Assert.Equal(await Findings(page), total);
        Assert.True(total > 1);

        await page.SelectOptionAsync("#filter-unit", "u0"); // 新造镇
        var shown = await VisibleFindings(page);
        Assert.InRange(shown, 1, total - 1);
        var units = await page.EvalOnSelectorAllAsync<string[]>("#by-task li.finding", "items => items.filter(li => li.offsetParent !== null).map(li => li.getAttribute('data-units'))");
        Assert.All(units, u => Assert.Contains("u0", u.Split(' ')));
        Assert.Contains("新造镇", await page.Locator("#by-task li.finding:visible").First.InnerTextAsync() + await page.Locator("#by-unit li.finding:visible").First.InnerTextAsync());
        Assert.Equal($"显示 {shown} 条发现", await page.Locator("#filter-count").InnerTextAsync());
        Assert.False(await page.Locator("#unit-u1").IsVisibleAsync());
        Assert.True(await page.Locator("#unit-u0").IsVisibleAsync());

        await page.SelectOptionAsync("#filter-unit", "");
        Assert.Equal(total, await VisibleFindings(page));
        Assert.True(await page.Locator("#unit-u1").IsVisibleAsync());
        Assert.Empty(opened.ConsoleProblems);
    }

    [Fact]
    public async Task SeverityFilter_HidesAndShowsFindings()
    {
        await using var opened = await report.OpenAsync(report.ZhReport);
        var page = opened.Page;

        var total = await Findings(page);
        var infos = await Findings(page, "info");
        var warnings = await Findings(page, "warning");
        var errors = await Findings(page, "error");
        Assert.True(infos > 0 && warnings > 1, $"{infos} info, {warnings} warnings");

        await page.SelectOptionAsync("#filter-severity", "info");
        Assert.Equal(infos, await VisibleFindings(page));
        Assert.Equal(infos, await VisibleFindings(page, "#by-unit"));
        var severities = await page.EvalOnSelectorAllAsync<string[]>("li.finding", "items => items.filter(li => li.offsetParent !== null).map(li => li.getAttribute('data-severity'))");
        Assert.All(severities, s => Assert.Equal("info", s));
        // Groups left without a visible finding are hidden too.
        var emptyVisibleGroups = await page.EvalOnSelectorAllAsync<int>(".finding-group", "groups => groups.filter(g => g.offsetParent !== null && !g.querySelector('li.finding:not([hidden])')).length");
        Assert.Equal(0, emptyVisibleGroups);

        await page.SelectOptionAsync("#filter-severity", "warning");
        Assert.Equal(warnings, await VisibleFindings(page));

        await page.SelectOptionAsync("#filter-unit", "u0");
        var both = await VisibleFindings(page);
        Assert.InRange(both, 1, warnings - 1);

        await page.SelectOptionAsync("#filter-severity", "error");
        Assert.Equal(0, errors); // the example checks clean (exit code 0)
        Assert.Equal(0, await VisibleFindings(page));

        await page.SelectOptionAsync("#filter-severity", "");
        await page.SelectOptionAsync("#filter-unit", "");
        Assert.Equal(total, await VisibleFindings(page));
        Assert.Empty(opened.ConsoleProblems);
    }

    [Fact]
    public async Task Page_NoConsoleError_NoRequestBeyondTheFile_AndTheTimelineIsDrawn()
    {
        await using var opened = await report.OpenAsync(report.ZhReport);
        var page = opened.Page;

        Assert.Equal(50, await page.Locator("svg.timeline g.task").CountAsync());
        Assert.Equal(4, await page.Locator("svg.timeline path.dep").CountAsync());
        Assert.Equal(1, await page.Locator("svg.timeline line.asof").CountAsync());
        var box = await page.Locator("svg.timeline").BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Width > 800 && box.Height > 1000, $"{box.Width}x{box.Height}");
        Assert.Empty(opened.ConsoleProblems);
        Assert.Empty(opened.OtherRequests);
    }

    [Fact]
    public async Task Print_SummaryAndUnitTableFitTheFirstPage()
    {
        // A4 at 12 mm margins leaves 186 mm × 273 mm: 703 × 1032 CSS pixels.
        await using var opened = await report.OpenAsync(report.ZhReport, width: 703, height: 1032);
        var page = opened.Page;
        await page.EmulateMediaAsync(new() { Media = Media.Print });

        var bottom = await page.EvaluateAsync<double>("document.getElementById('units').getBoundingClientRect().bottom + window.scrollY");
        output.WriteLine($"printed, the unit table ends at {bottom:0}px of 1032px");
        Assert.True(bottom <= 1032, $"the unit table ends at {bottom}px, beyond the first page (1032px)");
        Assert.Equal("page", await page.EvaluateAsync<string>("getComputedStyle(document.getElementById('units')).breakAfter"));
        Assert.False(await page.Locator(".controls").IsVisibleAsync());

        var pdf = await page.PdfAsync(new() { Format = "A4", PrintBackground = true });
        Assert.True(pdf.Length > 10_000);
        await File.WriteAllBytesAsync(Path.Combine(ReportPage.OutputFolder, "report.pdf"), pdf);

        // Printed without a unit picked: no per-unit obligation lists; with one picked, that unit's list.
        Assert.False(await page.Locator("#obligations").IsVisibleAsync());
        await page.EvaluateAsync("() => { const s = document.getElementById('filter-unit'); s.value = 'u0'; s.dispatchEvent(new Event('change')); }");
        Assert.True(await page.Locator("#unit-u0").IsVisibleAsync());
        Assert.False(await page.Locator("#unit-u1").IsVisibleAsync());
        Assert.Empty(opened.ConsoleProblems);
    }

    [Fact]
    public async Task English_LabelsAndScreenshots()
    {
        await using (var zh = await report.OpenAsync(report.ZhReport))
        {
            await zh.Page.ScreenshotAsync(new() { Path = Path.Combine(ReportPage.OutputFolder, "report.png"), FullPage = true });
            Assert.Empty(zh.ConsoleProblems);
        }
        await using var en = await report.OpenAsync(report.EnReport);
        var page = en.Page;

        Assert.Equal("Compliance by unit", await page.Locator("#units h2").InnerTextAsync());
        Assert.Equal("Share overdue", (await page.Locator("#unit-table thead th").Nth(7).InnerTextAsync()).Trim());
        Assert.Equal($"{await Findings(page)} findings shown", await page.Locator("#filter-count").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(ReportPage.OutputFolder, "report-en.png"), FullPage = true });
        Assert.True(new FileInfo(Path.Combine(ReportPage.OutputFolder, "report.png")).Length > 10_000);
        Assert.True(new FileInfo(Path.Combine(ReportPage.OutputFolder, "report-en.png")).Length > 10_000);
        Assert.Empty(en.ConsoleProblems);
    }
}
