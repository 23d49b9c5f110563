using System.Text.RegularExpressions;
using PlanRules.Tests.Support;

namespace PlanRules.Tests.Report;

/// <summary><c>planrules report</c> in process, on the bundled example.</summary>
public class ReportCliTests
{
    [Fact]
    public void ReportExample_ExitsZero_AndWritesTheFile()
    {
        using var folder = new TempDirectory();
        var output = Path.Combine(folder.Path, "out", "report.html");

        var run = ExampleReport.Run(TestPaths.RepoRoot, "report", "examples/panyu-2021", "--as-of", "2021-12-31", "--output", output);

        Assert.True(run.Exit == 0, run.Err);
        Assert.Equal("", run.Err);
        Assert.Equal($"报告已写入 {output}\n", run.Out);
        var bytes = File.ReadAllBytes(output);
        Assert.False(bytes.AsSpan().StartsWith((byte[])[0xEF, 0xBB, 0xBF]), "no byte order mark");
        var html = System.Text.Encoding.UTF8.GetString(bytes);
        Assert.Contains("<h1>番禺区2021年政务公开工作要点分工方案</h1>", html);
        Assert.Contains("<dd>番府办〔2021〕35号</dd>", html);
        Assert.Contains("<dt>评估日期</dt><dd>2021-12-31</dd>", html);
        // Every unit that owes something has a row; the example has 41 of them (61 units and groups declared).
        Assert.Equal(41, Regex.Count(html, "<tr class=\"band"));
        // The same summary as `check` (the standard rules decide the numbers).
        var check = ExampleReport.Run(TestPaths.RepoRoot, "check", "examples/panyu-2021", "--as-of", "2021-12-31", "--format", "json");
        using var json = System.Text.Json.JsonDocument.Parse(check.Out);
        foreach (var severity in new[] { "error", "warning", "info" })
        {
            var count = json.RootElement.GetProperty("summary").GetProperty(severity).GetInt32();
            Assert.Contains($"data-count=\"{severity}\"><span class=\"n\">{count}</span>", html);
        }
        // 50 tasks on the timeline; task 50 follows 42 and 48, task 3 follows 1 and 2.
        Assert.Equal(50, Regex.Count(html, "<g class=\"task "));
        Assert.Contains("data-from=\"48\" data-to=\"50\"", html);
        Assert.Contains("data-from=\"1\" data-to=\"3\"", html);
    }

    [Fact]
    public void ReportExample_English()
    {
        var html = ExampleReport.Render(ReportKit.En);

        Assert.Contains("<html lang=\"en\">", html);
        Assert.Contains(">Compliance by unit</h2>", html);
        Assert.Contains("Task 12 is 61 days overdue (新造镇)", html);
    }

    [Fact]
    public void Report_SameFindingsAsCheck()
    {
        var check = ExampleReport.Run(TestPaths.RepoRoot, "check", "examples/panyu-2021", "--as-of", "2021-12-31", "--format", "json");
        var ids = Regex.Matches(check.Out, "\"id\": \"(?<id>[A-Z]+\\d+)\"").Select(m => m.Groups["id"].Value).ToList();
        var html = ExampleReport.Zh;

        var byTask = html[html.IndexOf("<div id=\"by-task\">", StringComparison.Ordinal)..];
        var shown = Regex.Matches(byTask, "data-id=\"(?<id>[A-Z]+\\d+)\"").Select(m => m.Groups["id"].Value).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), shown.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Report_DefaultOutput_IsReportHtmlInTheCurrentFolder()
    {
        using var folder = new TempDirectory();
        folder.Write("p/plan.plan", ReportKit.Plan);

        var run = ExampleReport.Run(folder.Path, "report", "p", "--as-of", "2021-10-15", "--culture", "en");

        Assert.True(run.Exit == 0, run.Err);
        Assert.Equal("Report written to report.html\n", run.Out);
        Assert.True(File.Exists(Path.Combine(folder.Path, "report.html")));
    }

    [Fact]
    public void Report_ToStandardOutput_WithDash()
    {
        using var folder = new TempDirectory();
        folder.Write("plan.plan", ReportKit.Plan);

        var run = ExampleReport.Run(folder.Path, "report", "--as-of", "2021-10-15", "--output", "-");

        Assert.Equal(0, run.Exit);
        Assert.StartsWith("<!DOCTYPE html>", run.Out);
    }

    [Fact]
    public void Report_ErrorFindings_ExitOne_ButTheReportIsWritten()
    {
        using var folder = new TempDirectory();
        folder.Write("plan.plan", ReportKit.Plan.Replace("lead A, B", "lead A, Z", StringComparison.Ordinal));

        var run = ExampleReport.Run(folder.Path, "report", "--as-of", "2021-10-15");

        Assert.Equal(1, run.Exit);
        Assert.Contains("PR1001", File.ReadAllText(Path.Combine(folder.Path, "report.html")));
    }

    [Fact]
    public void Report_MaxItems_CutsEveryList_AndSaysSo()
    {
        using var folder = new TempDirectory();
        folder.Write("plan.plan", ReportKit.Plan);
        folder.Write("plan.ledger", ReportKit.Ledger);

        var run = ExampleReport.Run(folder.Path, "report", "--as-of", "2021-10-15", "--max-items", "2", "--culture", "en", "--no-default-rules", "--output", "-");

        Assert.True(run.Exit == 0, run.Err);
        Assert.Equal(4, Regex.Count(run.Out, "<li class=\"finding ")); // 2 findings, by unit and by task
        Assert.Equal(2, Regex.Count(run.Out, "<tr class=\"band"));
        Assert.Equal(2, Regex.Count(run.Out, "<g class=\"task "));
        Assert.Contains("Showing the first 2 of 4 findings, most severe first", run.Out);
        Assert.Contains("Showing the 2 worst of 3 units", run.Out);
        Assert.Contains("The timeline draws the first 2 of 4 tasks", run.Out);
        Assert.Contains("data-count=\"warning\"><span class=\"n\">3</span>", run.Out);
    }

    [Fact]
    public void ReportExample_IsNotCut_ByTheDefaultLimits()
    {
        using var folder = new TempDirectory();
        var output = Path.Combine(folder.Path, "report.html");

        var run = ExampleReport.Run(TestPaths.RepoRoot, "report", "examples/panyu-2021", "--as-of", "2021-12-31", "--output", output, "--culture", "zh-CN",
            "--max-items", int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(run.Exit == 0, run.Err);
        Assert.Equal(ExampleReport.Zh, File.ReadAllText(output));
    }

    [Theory]
    [InlineData("report", ".", "--max-items", "-1")]
    [InlineData("report", ".", "--max-items", "many")]
    [InlineData("report", "missing-folder")]
    [InlineData("report", ".", "--as-of", "2021-02-30")]
    [InlineData("report", ".", "--culture", "fr")]
    public void Report_BadUsage_OneLineOnStderr_ExitTwo(params string[] args)
    {
        using var folder = new TempDirectory();
        folder.Write("plan.plan", ReportKit.Plan);

        var run = ExampleReport.Run(folder.Path, args);

        Assert.Equal(2, run.Exit);
        Assert.StartsWith("planrules: ", run.Err);
        Assert.Single(run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(File.Exists(Path.Combine(folder.Path, "report.html")));
    }

    [Theory]
    [InlineData("many")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    public void Report_BadMaxItems_NamesTheValueNotADotNetType(string value)
    {
        using var folder = new TempDirectory();
        folder.Write("plan.plan", ReportKit.Plan);

        var run = ExampleReport.Run(folder.Path, "report", ".", "--max-items", value);

        Assert.Equal(2, run.Exit);
        Assert.Equal($"planrules: 无效的条目数 / invalid --max-items: '{value}' (expected a whole number, 0 or more)", run.Err.TrimEnd());
    }
}
