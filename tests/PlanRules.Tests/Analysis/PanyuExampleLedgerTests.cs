using System.Text.Json;
using NodaTime;
using NodaTime.Testing;
using PlanRules.Cli;

namespace PlanRules.Tests.Analysis;

/// <summary>The bundled example (examples/panyu-2021: plan, 2021 progress ledger, .planrules) shows every PR3xxx kind and passes.</summary>
public class PanyuExampleLedgerTests
{
    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PlanRules.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("PlanRules.sln not found above " + AppContext.BaseDirectory);
    }

    private static (int Exit, JsonDocument Json) CheckExample(params string[] extra)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 27, 12, 0));
        var exit = CliApp.Run(["check", "examples/panyu-2021", "--format", "json", .. extra], stdout, stderr, RepoRoot(), clock);
        Assert.Equal("", stderr.ToString());
        return (exit, JsonDocument.Parse(stdout.ToString()));
    }

    private static IEnumerable<JsonElement> Findings(JsonDocument json) => json.RootElement.GetProperty("findings").EnumerateArray();

    [Fact]
    public void As_of_the_end_of_2021_the_example_shows_every_schedule_and_ledger_finding_and_exits_0()
    {
        var (exit, json) = CheckExample("--as-of", "2021-12-31");
        using (json)
        {
            Assert.Equal(0, exit);
            var ids = Findings(json).Select(f => f.GetProperty("id").GetString()!).ToHashSet();
            Assert.Superset(new HashSet<string> { "PR3001", "PR3002", "PR3003", "PR3004", "PR3005", "PR3006", "PR3007", "PR3008", "PR3009" }, ids);

            // The example's .planrules lowers PR3007 (deliberate mistakes in the demo ledger) to a warning.
            var unknownTasks = Findings(json).Where(f => f.GetProperty("id").GetString() == "PR3007").ToList();
            Assert.Equal(["4.3", "T12"], unknownTasks.Select(f => f.GetProperty("taskId").GetString()));
            Assert.All(unknownTasks, f => Assert.Equal("warning", f.GetProperty("severity").GetString()));

            var overdue = Findings(json).Where(f => f.GetProperty("id").GetString() == "PR3001")
                .Select(f => $"{f.GetProperty("taskId").GetString()} {f.GetProperty("unit").GetString()} {f.GetProperty("properties").GetProperty("daysOverdue").GetString()}");
            Assert.Equal(["12 新造镇 61", "12 石碁镇 61", "48 石楼镇 92", "48 钟村街 92"], overdue);
        }
    }

    [Fact]
    public void As_of_today_the_example_exits_0_and_the_2022_record_counts()
    {
        var (exit, json) = CheckExample();
        using (json)
        {
            Assert.Equal(0, exit);
            Assert.Equal("2026-11-27", json.RootElement.GetProperty("asOf").GetString());
            Assert.DoesNotContain(Findings(json), f => f.GetProperty("id").GetString() == "PR3009");
            Assert.Contains(Findings(json), f => f.GetProperty("id").GetString() == "PR3002" && f.GetProperty("taskId").GetString() == "33");
        }
    }
}
