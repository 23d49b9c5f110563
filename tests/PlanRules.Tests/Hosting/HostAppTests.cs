using PlanRules.Tests.Support;
using HostAppProgram = PlanRules.Examples.HostApp.Program;

namespace PlanRules.Tests.Hosting;

/// <summary>The example host app (examples/HostApp) run in process on the example plan.</summary>
public class HostAppTests
{
    private static string ExampleFolder => Path.Combine(TestPaths.RepoRoot, "examples", "panyu-2021");

    private static (int Exit, string[] Lines) Run(string folder, string asOf)
    {
        var writer = new StringWriter { NewLine = "\n" };
        var exit = HostAppProgram.Run(writer, folder, asOf);
        return (exit, writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Run_on_the_example_exits_zero_and_prints_heavy_workload_findings()
    {
        var (exit, lines) = Run(ExampleFolder, "2021-12-31");

        Assert.True(exit == 0, string.Join('\n', lines));
        Assert.Equal("番禺区2021年政务公开工作要点分工方案（番府办〔2021〕35号）评估日期 2021-12-31", lines[0]);
        var heavy = lines.Where(l => l.Contains(": info HOST001: ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(heavy);
        Assert.All(heavy, l =>
        {
            Assert.Matches(@"^\S*examples/panyu-2021/plan\.plan\(\d+,\d+\): info HOST001: 单位 \S+ 承担 \d+ 项义务$", l);
            var count = int.Parse(System.Text.RegularExpressions.Regex.Match(l, @"承担 (\d+) 项义务").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(count > 30, l);
        });
        // Every town and street owes the closed group's obligations (38 each), and so does the open group
        // 有关单位 (one obligation per task that names it): those seventeen are heavy, no district office is.
        string[] expected =
        [
            "市桥街", "沙头街", "东环街", "桥南街", "小谷围街", "大石街", "洛浦街", "石壁街", "钟村街", "大龙街", "沙湾街",
            "南村镇", "新造镇", "化龙镇", "石楼镇", "石碁镇", "有关单位",
        ];
        var units = heavy.Select(l => System.Text.RegularExpressions.Regex.Match(l, @"单位 (\S+) 承担").Groups[1].Value);
        Assert.Equal(expected.Order(StringComparer.Ordinal), units.Order(StringComparer.Ordinal));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^HOST010: \d+ 项完成未留证据 / done without evidence$"));
        Assert.Contains(lines, l => l.StartsWith("0 个错误，", StringComparison.Ordinal));
        Assert.StartsWith("最需关注 / most overdue: ", lines[^1]);
    }

    [Fact]
    public void Run_is_reproducible_and_does_not_change_the_current_directory()
    {
        var before = Environment.CurrentDirectory;

        var first = Run(ExampleFolder, "2021-12-31");
        var second = Run(ExampleFolder, "2021-12-31");

        Assert.Equal(first.Lines, second.Lines);
        Assert.Equal(before, Environment.CurrentDirectory);
    }

    [Fact]
    public void Run_with_an_invalid_date_exits_two()
    {
        var (exit, lines) = Run(ExampleFolder, "2021-02-30");

        Assert.Equal(2, exit);
        Assert.Equal(["invalid as-of date: 2021-02-30"], lines);
    }
}
