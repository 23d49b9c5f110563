using System.Text.Json;
using NodaTime;
using NodaTime.Testing;
using PlanRules.Cli;
using static PlanRules.Tests.Analysis.ComplianceKit;

namespace PlanRules.Tests.Analysis;

/// <summary>"Today" is the date in the plan's time zone (Asia/Shanghai unless the plan says otherwise), not in UTC.</summary>
public class AsOfClockTests
{
    // 2021-09-30T16:30Z is 2021-10-01T00:30 in Asia/Shanghai (UTC+8).
    private static FakeClock ShanghaiJustAfterMidnight() => new(Instant.FromUtc(2021, 9, 30, 16, 30));

    private const string Plan = Header + """
        task 48 "建立台账" {
          lead 区司法局
          due 2021-09-30
        }
        """;

    [Fact]
    public void Without_an_as_of_date_the_checker_uses_today_in_Asia_Shanghai_not_in_UTC()
    {
        var clock = ShanghaiJustAfterMidnight();
        var result = Check(Plan, asOf: null, clock: clock);

        Assert.Equal(new LocalDate(2021, 10, 1), result.AsOf);
        Assert.Equal(new LocalDate(2021, 9, 30), clock.GetCurrentInstant().InUtc().Date);
        // So a task due 2021-09-30 is already one day overdue.
        Assert.Equal("1", result.Single("PR3001").Properties["daysOverdue"]);
    }

    [Fact]
    public void Ledger_record_dated_today_in_Shanghai_is_not_after_the_as_of_date()
    {
        var result = Check(Plan, "2021-10-01 task 48 done", asOf: null, clock: ShanghaiJustAfterMidnight());

        Assert.Empty(result.Findings("PR3009"));
        Assert.Equal("1", result.Single("PR3002").Properties["daysLate"]);
    }

    [Fact]
    public void Plan_time_zone_decides_what_today_is()
    {
        var utcPlan = Plan.Replace("issued 2021-01-01", "issued 2021-01-01\n  timezone \"UTC\"");
        var result = Check(utcPlan, asOf: null, clock: ShanghaiJustAfterMidnight());

        Assert.Equal(new LocalDate(2021, 9, 30), result.AsOf);
        Assert.Empty(result.Findings("PR3001"));
    }

    [Fact]
    public void Explicit_as_of_date_wins_over_the_clock()
    {
        Assert.Equal(new LocalDate(2021, 7, 1), Check(Plan, asOf: "2021-07-01", clock: ShanghaiJustAfterMidnight()).AsOf);
    }

    [Fact]
    public void Command_line_check_without_as_of_reports_the_Shanghai_date()
    {
        using var folder = new ScratchFolder();
        folder.Write(".planrules", "root = true\n");
        folder.Write("plan.plan", Plan);
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = CliApp.Run(["check", ".", "--format", "json"], stdout, stderr, folder.Root, ShanghaiJustAfterMidnight());

        Assert.Equal(0, exit);
        Assert.Equal("", stderr.ToString());
        using var json = JsonDocument.Parse(stdout.ToString());
        Assert.Equal("2021-10-01", json.RootElement.GetProperty("asOf").GetString());
    }
}
