using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using PlanRules.Analysis;
using PlanRules.Diagnostics;
using PlanRules.Ledger;
using PlanRules.Text;
using PlanRules.Hosting;
using PlanRules.Output;
using static PlanRules.Tests.Hosting.HostingKit;

namespace PlanRules.Tests.Hosting;

/// <summary>
/// A <see cref="CheckRequest"/> built by a host: <c>default</c> arrays read as empty, a relative base folder is
/// relative to the current one, and a null part is refused by name, never with a NullReferenceException from inside.
/// </summary>
public class RequestValidationTests
{
    public static TheoryData<string> Checkers => ["direct", "hosted"];

    private static IPlanChecker Checker(string kind)
    {
        if (kind == "direct") return new PlanChecker();
        var services = new ServiceCollection();
        services.AddPlanRules(o => o.UseStandardRules = false);
        return services.BuildServiceProvider().GetRequiredService<IPlanChecker>();
    }

    [Theory]
    [MemberData(nameof(Checkers))]
    public void Default_arrays_read_as_empty(string kind)
    {
        var checker = Checker(kind);
        var request = Request(SmallPlan);

        var expected = JsonReport.Render(checker.Check(request), Zh);
        var result = checker.Check(request with { Ledgers = default, LedgerCsvs = default, Records = default, RuleSets = default, Analyzers = default });

        Assert.Equal(expected, JsonReport.Render(result, Zh));
        var empty = checker.Check(request with { Plans = default });
        Assert.Empty(empty.Plan.Tasks);
    }

    [Theory]
    [MemberData(nameof(Checkers))]
    public void A_null_part_is_refused_by_name(string kind)
    {
        var checker = Checker(kind);
        var request = Request(SmallPlan);
        (CheckRequest Request, string Part)[] cases =
        [
            (request with { Plans = [Plan(SmallPlan), null!] }, "CheckRequest.Plans[1]"),
            (request with { Ledgers = [null!] }, "CheckRequest.Ledgers[0]"),
            (request with { LedgerCsvs = [null!] }, "CheckRequest.LedgerCsvs[0]"),
            (request with { Records = [null!] }, "CheckRequest.Records[0]"),
            (request with { RuleSets = [null!] }, "CheckRequest.RuleSets[0]"),
            (request with { Analyzers = [null!] }, "CheckRequest.Analyzers[0]"),
            (request with { Config = null! }, "CheckRequest.Config"),
            (request with { Compliance = null! }, "CheckRequest.Compliance"),
            (request with { ParseOptions = null! }, "CheckRequest.ParseOptions"),
            (request with { BaseDirectory = null! }, "CheckRequest.BaseDirectory"),
        ];
        foreach (var (bad, part) in cases)
        {
            var error = Assert.Throws<ArgumentException>(() => checker.Check(bad));
            Assert.Equal("request", error.ParamName);
            Assert.StartsWith($"{part} 不能为 null / {part} must not be null", error.Message);
        }
        var blank = Assert.Throws<ArgumentException>(() => checker.Check(request with { BaseDirectory = " " }));
        Assert.StartsWith("CheckRequest.BaseDirectory 不能为空 / CheckRequest.BaseDirectory must not be empty", blank.Message);
    }

    [Theory]
    [MemberData(nameof(Checkers))]
    public void A_relative_base_directory_is_relative_to_the_current_folder(string kind)
    {
        var checker = Checker(kind);
        var request = Request(SmallPlan) with { BaseDirectory = Environment.CurrentDirectory };

        var absolute = JsonReport.Render(checker.Check(request), Zh);

        Assert.Equal(absolute, JsonReport.Render(checker.Check(request with { BaseDirectory = "." }), Zh));
        var parent = Path.GetFileName(Environment.CurrentDirectory);
        Assert.Equal(absolute, JsonReport.Render(checker.Check(request with { BaseDirectory = Path.Combine("..", parent) }), Zh));
    }

    [Fact]
    public void A_refused_request_leaves_the_hosted_checker_working()
    {
        var checker = Checker("hosted");

        Assert.Throws<ArgumentException>(() => checker.Check(Request(SmallPlan) with { Plans = ImmutableArray.Create(Plan(SmallPlan), null!) }));

        Assert.Equal(2, checker.Check(Request(SmallPlan)).Plan.Tasks.Length);
    }

    [Theory]
    [MemberData(nameof(Checkers))]
    public void A_host_record_a_ledger_line_could_not_say_is_refused_by_name(string kind)
    {
        var checker = Checker(kind);
        var date = Date("2021-03-01");
        var good = new LedgerRecord(date, "1", LedgerStatus.Progress) { Percent = 100 };
        (LedgerRecord Record, string Message)[] cases =
        [
            (good with { TaskId = null! }, "CheckRequest.Records[1].TaskId must not be null"),
            (good with { Status = (LedgerStatus)99 }, "CheckRequest.Records[1].Status is 99, which is not a ledger status"),
            (good with { Percent = 101 }, "CheckRequest.Records[1].Percent is 101; it must be 0 to 100"),
            (good with { Percent = -1 }, "CheckRequest.Records[1].Percent is -1; it must be 0 to 100"),
        ];
        foreach (var (record, message) in cases)
        {
            var error = Assert.Throws<ArgumentException>(() => checker.Check(Request(SmallPlan) with { Records = [good, record] }));
            Assert.Contains(" / " + message, error.Message);
        }
        Assert.Equal(2, checker.Check(Request(SmallPlan) with { Records = [good, good with { Percent = 0 }] }).RecordCount);
    }

    [Theory]
    [MemberData(nameof(Checkers))]
    public void A_location_path_no_file_can_have_takes_the_plan_s_configuration(string kind)
    {
        var checker = Checker(kind);
        var nowhere = new Location("ledger\0db", default, new LinePositionSpan(new LinePosition(1, 1), new LinePosition(1, 1)));

        var result = checker.Check(Request(SmallPlan) with { Records = [new LedgerRecord(Date("2021-03-01"), "9", LedgerStatus.Done) { Location = nowhere, TaskLocation = nowhere }] });
        Assert.Equal("ledger\0db", Assert.Single(result.Findings("PR3007")).Location.Path);

        var plan = checker.Check(Request(SmallPlan) with { Plans = [Plan(SmallPlan, "pl\0an.plan")] });
        Assert.Equal(2, plan.Plan.Tasks.Length);
    }

    [Fact]
    public void A_null_clock_is_refused_when_the_checker_is_made()
    {
        Assert.Equal("clock", Assert.Throws<ArgumentNullException>(() => new PlanChecker(null!)).ParamName);
    }
}
