using System.Globalization;
using NodaTime;
using NodaTime.Testing;
using PlanRules.Cli;
using PlanRules.Tests.Support;

namespace PlanRules.Tests.Output;

/// <summary>Runs <c>planrules</c> in process and prepares folders for the report tests.</summary>
internal static class OutputKit
{
    public static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");
    public static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");

    public const string Example = "examples/panyu-2021";

    public sealed record CliRun(int Exit, string Out, string Err);

    public static CliRun RunCli(string currentDirectory, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var exit = CliApp.Run(args, stdout, stderr, currentDirectory, new FakeClock(Instant.FromUtc(2021, 10, 8, 2, 0)));
        return new CliRun(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary><c>planrules check examples/panyu-2021 --format FORMAT --as-of 2021-12-31</c> from the repository root.</summary>
    public static CliRun CheckExample(string format, params string[] more)
    {
        var run = RunCli(TestPaths.RepoRoot, ["check", Example, "--format", format, "--as-of", "2021-12-31", .. more]);
        Assert.True(run.Exit == 0, run.Err);
        Assert.Equal("", run.Err);
        return run;
    }

    /// <summary>Copies the example folder (plan, ledger, .planrules) to <c>examples/panyu-2021</c> under <paramref name="root"/>.</summary>
    public static string CopyExample(TempDirectory root, Func<string, string>? editPlan = null)
    {
        var source = Path.Combine(TestPaths.RepoRoot, "examples", "panyu-2021");
        foreach (var file in Directory.EnumerateFiles(source))
        {
            var text = File.ReadAllText(file);
            if (Path.GetFileName(file) == "plan.plan" && editPlan is not null) text = editPlan(text);
            root.Write(Path.Combine("examples", "panyu-2021", Path.GetFileName(file)), text);
        }
        return Path.Combine(root.Path, "examples", "panyu-2021");
    }

    /// <summary>A plan with a <c>suppress</c> item (task 33's PR3001) and more findings for a baseline.</summary>
    public const string SuppressionPlan = """
        plan "测试计划" {
          issued 2021-01-01
          period 2021-01-01 .. 2021-12-31
        }
        unit 区政务服务数据管理局 "番禺区政务服务数据管理局"
        unit 市桥街
        unit 石楼镇
        group 镇街 "各镇(街)" = 市桥街, 石楼镇
        task 33 "IPv6" {
          lead 区政务服务数据管理局
          due 2021-12-16
          suppress PR3001 "经区政府同意延期至2022年3月"
        }
        task 48 "建立台账" {
          lead 镇街
          due 2021-09-30
        }
        """;
}
