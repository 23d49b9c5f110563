using NodaTime;
using NodaTime.Testing;
using PlanRules.Cli;
using PlanRules.Tests.Support;
using static PlanRules.Tests.Output.OutputKit;

namespace PlanRules.Tests.Cli;

/// <summary>
/// <c>--output FILE</c>: reports are streamed to a temporary file beside the target and renamed when complete, so a
/// run that fails half-way never leaves half a report in place of the earlier one.
/// </summary>
public class OutputFileTests
{
    private static CliContext Context(TempDirectory directory) =>
        new(TextWriter.Null, TextWriter.Null, directory.Path, new FakeClock(Instant.FromUtc(2021, 10, 8, 2, 0)));

    [Fact]
    public void A_write_that_fails_half_way_keeps_the_earlier_file_and_leaves_no_temporary_file()
    {
        using var directory = new TempDirectory();
        var target = directory.Write("out/report.html", "earlier report");

        var error = Assert.Throws<InvalidOperationException>(() => Context(directory).Emit(writer =>
        {
            writer.Write(new string('x', 100_000));
            throw new InvalidOperationException("fault half-way");
        }, "out/report.html"));

        Assert.Equal("fault half-way", error.Message);
        Assert.Equal("earlier report", File.ReadAllText(target));
        Assert.Equal([target], Directory.GetFiles(Path.GetDirectoryName(target)!));
    }

    [Fact]
    public void A_complete_write_replaces_the_file_and_creates_missing_folders()
    {
        using var directory = new TempDirectory();
        var context = Context(directory);

        context.Emit(writer => writer.Write("第一次"), "new/folder/report.json");
        context.Emit(writer => writer.Write("second"), "new/folder/report.json");

        var target = Path.Combine(directory.Path, "new", "folder", "report.json");
        Assert.Equal("second", File.ReadAllText(target));
        Assert.Equal([target], Directory.GetFiles(Path.GetDirectoryName(target)!));
    }

    [Fact]
    public void The_cli_writes_reports_through_a_temporary_file()
    {
        using var directory = new TempDirectory();
        var output = Path.Combine(directory.Path, "findings.sarif");

        var run = RunCli(TestPaths.RepoRoot, "check", Example, "--format", "sarif", "--as-of", "2021-12-31", "--output", output);

        Assert.Equal(0, run.Exit);
        Assert.StartsWith("{", File.ReadAllText(output), StringComparison.Ordinal);
        Assert.Equal([output], Directory.GetFiles(directory.Path));
    }

    [Fact]
    public void Fmt_through_a_symbolic_link_formats_the_linked_file_and_keeps_the_link()
    {
        if (OperatingSystem.IsWindows()) return; // creating links needs privileges there
        using var directory = new TempDirectory();
        var real = directory.Write("real/p.plan", "unit A\ntask 1 \"t\" { lead A }\n");
        var link = Path.Combine(directory.Path, "p.plan");
        File.CreateSymbolicLink(link, real);

        var run = RunCli(directory.Path, "fmt", "p.plan");

        Assert.Equal(0, run.Exit);
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal("unit A\ntask 1 \"t\" {\n  lead A\n}\n", File.ReadAllText(real));
        Assert.Equal([real], Directory.GetFiles(Path.GetDirectoryName(real)!));
    }

    [Fact]
    public void Rewriting_a_file_keeps_its_permissions()
    {
        if (OperatingSystem.IsWindows()) return; // no Unix file modes there
        using var directory = new TempDirectory();
        var plan = directory.Write("private.plan", "unit A\ntask 1 \"t\" { lead A }\n");
        File.SetUnixFileMode(plan, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var report = directory.Write("report.json", "earlier");
        File.SetUnixFileMode(report, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        Assert.Equal(0, RunCli(directory.Path, "fmt", "private.plan").Exit);
        Context(directory).Emit(writer => writer.Write("later"), "report.json");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(plan));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(report));
        Assert.Equal("later", File.ReadAllText(report));
    }
}
