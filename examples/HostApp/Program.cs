using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using PlanRules.Analysis;
using PlanRules.Hosting;
using PlanRules.Output;
using PlanRules.Text;
using PlanRules.Workspace;

namespace PlanRules.Examples.HostApp;

/// <summary>
/// A small government app embedding PlanRules through dependency injection: the standard rules, one rule of
/// its own that calls a host function, and a host analyzer. Run it from the repository root:
/// <c>dotnet run --project examples/HostApp -- examples/panyu-2021 2021-12-31</c>.
/// </summary>
public static class Program
{
    /// <summary>The app's own rule, calling the host function <c>isTown</c>.</summary>
    public const string TownRule = """
        rule HOST010 "镇街完成须留证据" {
          severity warning
          category evidence
          for obligation o where isTown(o.unit.name) and o.status == done
          require count(o.evidence) > 0
          message "任务 {o.task.id}：{o.unit.name} 已完成但未留存证据"
          message en "Task {o.task.id}: {o.unit.name} is done without evidence"
        }
        """;

    /// <summary>Entry point: <c>HostApp [FOLDER] [AS-OF]</c>.</summary>
    public static int Main(string[] args) =>
        Run(Console.Out, args.Length > 0 ? args[0] : "examples/panyu-2021", args.Length > 1 ? args[1] : "2021-12-31");

    /// <summary>Checks the plan in <paramref name="folder"/> as of <paramref name="asOf"/> and prints a short report.</summary>
    public static int Run(TextWriter output, string folder, string asOf)
    {
        var services = new ServiceCollection();
        services.AddPlanRules(options =>
            {
                options.RuleTexts.Add(new SourceText(TownRule, "hostapp/town.rules"));
                options.AddFunction("isTown", (string name) => name.EndsWith('镇') || name.EndsWith('街'));
            })
            .AddAnalyzer<WorkloadAnalyzer>();
        using var provider = services.BuildServiceProvider();
        var checker = provider.GetRequiredService<IPlanChecker>();

        if (!DateText.TryParse(asOf, out var date))
        {
            output.WriteLine($"invalid as-of date: {asOf}");
            return 2;
        }
        var inputs = InputFiles.Discover([folder], Environment.CurrentDirectory);
        var result = checker.Check(new CheckRequest
        {
            Plans = inputs.Plans,
            Ledgers = inputs.Ledgers,
            LedgerCsvs = inputs.LedgerCsvs,
            AsOf = date,
            Config = ConfigDiscovery.Load(inputs.Plans.Concat(inputs.Ledgers).Concat(inputs.LedgerCsvs).Select(p => Path.GetFullPath(p.Path)), Environment.CurrentDirectory),
        });

        var culture = CultureInfo.GetCultureInfo("zh-CN");
        output.WriteLine($"{result.Plan.Plan.Title}（{result.Plan.Plan.Ref}）评估日期 {DateText.Iso(result.AsOf)}");
        foreach (var finding in result.Diagnostics.Where(d => d.Id == WorkloadAnalyzer.HeavyWorkload.Id))
        {
            output.WriteLine(TextReport.FormatFinding(finding, culture));
        }
        output.WriteLine($"HOST010: {result.Diagnostics.Count(d => d.Id == "HOST010")} 项完成未留证据 / done without evidence");
        output.WriteLine(TextReport.FormatSummary(result.Summary, culture));
        var worst = result.Compliance.Units.FirstOrDefault();
        if (worst is not null) output.WriteLine($"最需关注 / most overdue: {worst.Unit.Name} ({worst.Overdue} overdue of {worst.Obligations})");
        return result.HasErrors ? 1 : 0;
    }
}
