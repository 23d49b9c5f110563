using Microsoft.Playwright;
using NodaTime;
using NodaTime.Testing;
using PlanRules.Cli;

namespace PlanRules.BrowserTests;

/// <summary>
/// Writes the example's report (zh-CN and en) with <c>planrules report</c> in process, and starts headless Chromium
/// from the Debian package (never a downloaded browser). Shared by the tests of one class.
/// </summary>
public sealed class ReportPage : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    /// <summary>Where reports and screenshots go: the test output folder.</summary>
    public static string OutputFolder { get; } = Path.Combine(AppContext.BaseDirectory, "report-output");

    public string ZhReport { get; } = Path.Combine(OutputFolder, "report.html");
    public string EnReport { get; } = Path.Combine(OutputFolder, "report-en.html");
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(OutputFolder);
        WriteReport(ZhReport, "zh-CN");
        WriteReport(EnReport, "en");
        if (!File.Exists(ChromiumPath)) throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install -y chromium");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
    }

    private static void WriteReport(string output, string culture)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        string[] args = ["report", "examples/panyu-2021", "--as-of", "2021-12-31", "--output", output, "--culture", culture];
        var exit = CliApp.Run(args, stdout, stderr, RepoRoot, new FakeClock(Instant.FromUtc(2021, 10, 8, 2, 0)));
        if (exit != 0 || !File.Exists(output)) throw new InvalidOperationException($"planrules report exited with {exit}: {stderr}");
    }

    /// <summary>The repository root (the folder holding PlanRules.sln).</summary>
    public static string RepoRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PlanRules.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("PlanRules.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>
    /// Opens a report in a fresh page, collecting console errors and uncaught page errors, and every request that is
    /// not the report itself (there must be none: the page is self-contained).
    /// </summary>
    public async Task<OpenedPage> OpenAsync(string path, int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        var opened = new OpenedPage(context, page);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning") opened.ConsoleProblems.Add($"{message.Type}: {message.Text}");
        };
        page.PageError += (_, error) => opened.ConsoleProblems.Add("page error: " + error);
        var url = new Uri(path).AbsoluteUri;
        page.Request += (_, request) =>
        {
            if (request.Url != url) opened.OtherRequests.Add(request.Url);
        };
        await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Load });
        return opened;
    }
}

/// <summary>A page with what it reported.</summary>
public sealed class OpenedPage(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;
    public List<string> ConsoleProblems { get; } = [];
    public List<string> OtherRequests { get; } = [];

    public async ValueTask DisposeAsync() => await context.CloseAsync();
}
