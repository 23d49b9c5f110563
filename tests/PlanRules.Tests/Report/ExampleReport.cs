using System.Globalization;
using NodaTime;
using PlanRules.Cli;
using NodaTime.Testing;
using PlanRules.Tests.Support;

namespace PlanRules.Tests.Report;

/// <summary>The example's report, rendered through the CLI into a temporary file.</summary>
internal static class ExampleReport
{
    private static readonly Lazy<string> ZhReport = new(() => Render(ReportKit.Zh));

    public static string Zh => ZhReport.Value;

    public static string Render(CultureInfo culture)
    {
        using var folder = new TempDirectory();
        var output = Path.Combine(folder.Path, "report.html");
        var culturename = culture.Name == "en" ? "en" : "zh-CN";
        var run = Run(TestPaths.RepoRoot, "report", "examples/panyu-2021", "--as-of", "2021-12-31", "--output", output, "--culture", culturename);
        Assert.True(run.Exit == 0, run.Err);
        return File.ReadAllText(output);
    }

    public sealed record CliRun(int Exit, string Out, string Err);

    public static CliRun Run(string currentDirectory, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var exit = CliApp.Run(args, stdout, stderr, currentDirectory, new FakeClock(Instant.FromUtc(2021, 10, 8, 2, 0)));
        return new CliRun(exit, stdout.ToString(), stderr.ToString());
    }
}
