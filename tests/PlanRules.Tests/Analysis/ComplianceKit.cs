using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using NodaTime.Testing;
using PlanRules.Analysis;
using PlanRules.Analysis.Compliance;
using PlanRules.Configuration;
using PlanRules.Diagnostics;
using PlanRules.Text;

namespace PlanRules.Tests.Analysis;

/// <summary>Small plans, ledgers and checks for the compliance, ledger and configuration tests.</summary>
internal static class ComplianceKit
{
    public static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");
    public static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");

    /// <summary>A folder that does not exist; display paths are relative to it, no configuration is read from it.</summary>
    public static readonly string BaseDirectory = Path.Combine(Path.GetTempPath(), "planrules-compliance-tests-base");

    /// <summary>A plan header for 2021 plus the units and groups most tests use.</summary>
    public const string Header = """
        plan "测试计划" {
          issued 2021-01-01
          period 2021-01-01 .. 2021-12-31
        }
        unit 区政务服务数据管理局
        unit 区司法局
        unit 区政府办
        unit 市桥街
        unit 石楼镇
        group 镇街 "各镇(街)" = 市桥街, 石楼镇
        group 有关单位 "各有关单位"

        """;

    public static LocalDate D(string iso) => DateText.TryParse(iso, out var date) ? date : throw new ArgumentException(iso);

    /// <summary>Checks a plan (and optionally a ledger in either form) as of a date, with the library's pipeline.</summary>
    public static CheckResult Check(
        string plan,
        string? ledger = null,
        string? asOf = "2021-12-31",
        string? csv = null,
        ConfigSet? config = null,
        ComplianceOptions? options = null,
        IClock? clock = null,
        Baseline? baseline = null)
    {
        var checker = new PlanChecker(clock ?? new FakeClock(Instant.FromUtc(2000, 1, 1, 0, 0)));
        return checker.Check(new CheckRequest
        {
            Plans = [new SourceText(plan, "plan.plan")],
            Ledgers = ledger is null ? [] : [new SourceText(ledger, "progress.ledger")],
            LedgerCsvs = csv is null ? [] : [new SourceText(csv, "progress.ledger.csv")],
            AsOf = asOf is null ? null : D(asOf),
            Config = config ?? ConfigSet.Empty,
            Compliance = options ?? ComplianceOptions.Default,
            BaseDirectory = BaseDirectory,
            Baseline = baseline,
        });
    }

    /// <summary>The findings with this id, in report order.</summary>
    public static ImmutableArray<Diagnostic> Findings(this CheckResult result, string id) =>
        [.. result.Diagnostics.Where(d => d.Id == id)];

    /// <summary>The single finding with this id (fails listing every finding otherwise).</summary>
    public static Diagnostic Single(this CheckResult result, string id)
    {
        var matching = result.Findings(id);
        Assert.True(matching.Length == 1, $"expected one {id}, got:\n" + Describe(result));
        return matching[0];
    }

    /// <summary>The ids of PR3xxx findings with task and unit, e.g. <c>PR3001 33 区司法局</c>, in report order.</summary>
    public static string[] ScheduleFindings(this CheckResult result) =>
        [.. result.Diagnostics.Where(d => d.Id.StartsWith("PR3", StringComparison.Ordinal)).Select(d => $"{d.Id} {d.TaskId} {d.Unit}".TrimEnd())];

    /// <summary>No finding at all outside PR1009 (units declared for other tests).</summary>
    public static void Clean(CheckResult result) =>
        Assert.True(result.Diagnostics.All(d => d.Id == "PR1009"), "unexpected findings:\n" + Describe(result));

    public static string Describe(CheckResult result) =>
        string.Join("\n", result.Diagnostics.Select(d => $"{d} [{d.TaskId}/{d.Unit}]"));

    /// <summary>The state of the obligation of <paramref name="taskId"/> owed by <paramref name="unit"/>.</summary>
    public static ObligationState State(this CheckResult result, string taskId, string unit) =>
        result.Compliance.States.Single(s => s.Obligation.Task.Id == taskId && s.Obligation.Unit.Name == unit);

    /// <summary>Asserts the 1-based start of a finding.</summary>
    public static void At(this Diagnostic diagnostic, string path, int line, int column)
    {
        Assert.Equal(path, diagnostic.Location.Path);
        Assert.Equal((line, column), (diagnostic.Location.Line, diagnostic.Location.Column));
    }
}

/// <summary>A temporary folder removed on dispose (configuration and CLI tests write real files).</summary>
internal sealed class ScratchFolder : IDisposable
{
    public ScratchFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "planrules-compliance-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string Write(string relativePath, string text)
    {
        var full = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text, new System.Text.UTF8Encoding(false));
        return full;
    }

    public string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
