using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Testing;
using PlanRules.Analysis;
using PlanRules.Diagnostics;
using PlanRules.Hosting;
using PlanRules.Output;
using PlanRules.Rules;
using PlanRules.Tests.Support;
using PlanRules.Text;
using static PlanRules.Tests.Hosting.HostingKit;

namespace PlanRules.Tests.Hosting;

/// <summary><c>services.AddPlanRules(o => …)</c>: what the container gives a host and how options shape it.</summary>
public class AddPlanRulesTests
{
    private const string TownFindingRule = """
        rule HOSTF1 "镇街义务未完成" {
          severity info
          category host
          for obligation o where isTown(o.unit.name)
          when o.status == open
          message "任务 {o.task.id}：{o.unit.name} 未完成"
        }
        """;

    private const string TownWrongTypeRule = """
        rule HOSTF2 "类型错误" {
          severity info
          category host
          for task t
          when isTown(count(t.lead))
          message "任务 {t.id}"
        }
        """;

    private static readonly Func<string, bool> IsTown = name => name.EndsWith('镇') || name.EndsWith('街');

    private static readonly FakeClock Fake = new(Instant.FromUtc(2021, 10, 8, 20, 0)); // 2021-10-09 04:00 in Asia/Shanghai

    [Fact]
    public void AddPlanRules_resolves_one_thread_safe_checker()
    {
        using var provider = Build(s => s.AddPlanRules());

        var checker = provider.GetRequiredService<IPlanChecker>();

        Assert.Same(checker, provider.GetRequiredService<IPlanChecker>());
        var result = checker.Check(Request(SmallPlan));
        Assert.Equal(2, result.Plan.Tasks.Length);
        Assert.False(result.HasErrors);
        Assert.Equal(Date("2021-12-31"), result.AsOf);
    }

    [Fact]
    public void AddPlanRules_without_configure_and_builder_methods_chain()
    {
        var services = new ServiceCollection();
        var builder = services.AddPlanRules();

        Assert.Same(services, builder.Services);
        Assert.Same(builder, builder.AddFunction("isTown", IsTown));
        Assert.Same(builder, builder.AddAnalyzer<UnitCountingAnalyzer>());
    }

    [Fact]
    public void Clock_defaults_to_the_NodaTime_system_clock()
    {
        using var provider = Build(s => s.AddPlanRules());

        Assert.Same(SystemClock.Instance, provider.GetRequiredService<IClock>());

        var before = SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).Date;
        var result = provider.GetRequiredService<IPlanChecker>().Check(Request(SmallPlan, asOf: null));
        var after = SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).Date;
        Assert.InRange(result.AsOf, before, after);
    }

    [Fact]
    public void Host_clock_registered_before_AddPlanRules_is_used_for_the_as_of_date()
    {
        using var provider = Build(s =>
        {
            s.AddSingleton<IClock>(Fake);
            s.AddPlanRules();
        });

        Assert.Same(Fake, provider.GetRequiredService<IClock>());
        var result = provider.GetRequiredService<IPlanChecker>().Check(Request(SmallPlan, asOf: null));

        // Today in the plan's time zone (Asia/Shanghai by default), not in UTC.
        Assert.Equal(new LocalDate(2021, 10, 9), result.AsOf);
        // As of that date task 1 (due 2021-06-30) is overdue and task 2 (due 2021-09-30) too.
        Assert.Equal(["1", "1", "1", "2"], result.Findings("PR3001").Select(d => d.TaskId!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Host_clock_registered_after_AddPlanRules_is_used_too()
    {
        using var provider = Build(s =>
        {
            s.AddPlanRules();
            s.AddSingleton<IClock>(Fake);
        });

        var result = provider.GetRequiredService<IPlanChecker>().Check(Request(SmallPlan, asOf: null));

        Assert.Equal(new LocalDate(2021, 10, 9), result.AsOf);
    }

    [Fact]
    public void Host_clock_follows_the_plan_time_zone()
    {
        using var provider = Build(s =>
        {
            s.AddSingleton<IClock>(Fake);
            s.AddPlanRules();
        });
        var plan = SmallPlan.Replace("period 2021-01-01 .. 2021-12-31", "period 2021-01-01 .. 2021-12-31\n  timezone \"America/New_York\"");

        var result = provider.GetRequiredService<IPlanChecker>().Check(Request(plan, asOf: null));

        Assert.Equal(new LocalDate(2021, 10, 8), result.AsOf);
    }

    [Fact]
    public void Request_as_of_date_beats_the_clock()
    {
        using var provider = Build(s =>
        {
            s.AddSingleton<IClock>(Fake);
            s.AddPlanRules();
        });

        var result = provider.GetRequiredService<IPlanChecker>().Check(Request(SmallPlan, asOf: "2021-03-01"));

        Assert.Equal(new LocalDate(2021, 3, 1), result.AsOf);
        Assert.Empty(result.Findings("PR3001"));
    }

    [Fact]
    public void Standard_rules_are_on_by_default_and_give_what_the_library_gives()
    {
        var request = ExampleRequest();
        using var provider = Build(s => s.AddPlanRules());

        var hosted = provider.GetRequiredService<IPlanChecker>().Check(request);
        var direct = new PlanChecker().Check(request with { RuleSets = [StandardRules.Compiled] });

        var standardIds = StandardRuleIds();
        Assert.Contains(hosted.Diagnostics, d => standardIds.Contains(d.Id));
        Assert.Equal(JsonReport.Render(direct, Zh), JsonReport.Render(hosted, Zh));
    }

    [Fact]
    public void UseStandardRules_false_turns_them_off()
    {
        var request = ExampleRequest();
        using var provider = Build(s => s.AddPlanRules(o => o.UseStandardRules = false));

        var hosted = provider.GetRequiredService<IPlanChecker>().Check(request);
        var direct = new PlanChecker().Check(request);

        var standardIds = StandardRuleIds();
        Assert.DoesNotContain(hosted.Diagnostics, d => standardIds.Contains(d.Id));
        Assert.Equal(JsonReport.Render(direct, Zh), JsonReport.Render(hosted, Zh));
    }

    [Fact]
    public void Rule_sets_given_in_the_request_replace_the_configured_ones()
    {
        using var provider = Build(s => s.AddPlanRules(o => o.RuleTexts.Add(new SourceText(OverdueRule("HOSTR1"), "host/one.rules"))));
        var own = RuleSet.Compile([new SourceText(OverdueRule("HOSTR2"), "host/two.rules")]);

        var result = provider.GetRequiredService<IPlanChecker>().Check(Request(SmallPlan) with { RuleSets = [own] });

        Assert.Empty(result.Findings("HOSTR1"));
        Assert.Equal(2, result.Findings("HOSTR2").Count);
    }

    [Fact]
    public void Extra_rule_texts_run_beside_the_standard_rules()
    {
        using var provider = Build(s => s.AddPlanRules(o => o.RuleTexts.Add(new SourceText(OverdueRule("HOSTR1"), "host/extra.rules"))));

        var result = provider.GetRequiredService<IPlanChecker>().Check(Request(SmallPlan));

        var findings = result.Findings("HOSTR1");
        Assert.Equal(["1", "2"], findings.Select(d => d.TaskId!).Order(StringComparer.Ordinal));
        Assert.All(findings, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.Equal("任务 1 逾期", findings.OrderBy(d => d.TaskId, StringComparer.Ordinal).First().GetMessage(Zh));
    }

    [Fact]
    public void Extra_rule_files_and_folders_are_read_from_options_and_builder()
    {
        using var folder = new TempDirectory();
        var file = folder.Write("one.rules", OverdueRule("HOSTR1"));
        folder.Write("more/deeper/two.rules", OverdueRule("HOSTR2"));
        folder.Write("more/not-rules.txt", "rule HOSTR9 \"x\" {");
        var third = folder.Write("three.rules", OverdueRule("HOSTR3"));

        using var provider = Build(s => s.AddPlanRules(o => o.AddRules(file).AddRules(Path.Combine(folder.Path, "more"))).AddRules(third));
        var result = provider.GetRequiredService<IPlanChecker>().Check(Request(SmallPlan));

        Assert.Equal(2, result.Findings("HOSTR1").Count);
        Assert.Equal(2, result.Findings("HOSTR2").Count);
        Assert.Equal(2, result.Findings("HOSTR3").Count);
        Assert.Empty(result.Findings("HOSTR9"));
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void A_missing_rule_file_fails_when_the_checker_is_created()
    {
        using var provider = Build(s => s.AddPlanRules(o => o.AddRules(Path.Combine(BaseDirectory, "nowhere.rules"))));

        Assert.Throws<PlanRules.Workspace.InputFileException>(() => provider.GetRequiredService<IPlanChecker>());
    }

    [Fact]
    public void Host_function_from_options_is_callable_from_rules()
    {
        using var provider = Build(s => s.AddPlanRules(o =>
        {
            o.AddFunction("isTown", IsTown);
            o.RuleTexts.Add(new SourceText(TownFindingRule, "host/town.rules"));
        }));

        var result = provider.GetRequiredService<IPlanChecker>().Check(Request(SmallPlan));

        Assert.Equal(["任务 1：市桥街 未完成", "任务 1：石楼镇 未完成", "任务 2：市桥街 未完成"],
            result.Findings("HOSTF1").Select(d => d.GetMessage(Zh)).Order(StringComparer.Ordinal));
        Assert.Empty(result.Findings("PR2001"));
        Assert.Empty(result.Findings("PR2002"));
    }

    [Fact]
    public void Host_function_from_the_builder_is_callable_from_rules_and_standard_rules_still_compile()
    {
        using var provider = Build(s => s.AddPlanRules(o => o.RuleTexts.Add(new SourceText(TownFindingRule, "host/town.rules")))
            .AddFunction("isTown", IsTown));

        var result = provider.GetRequiredService<IPlanChecker>().Check(ExampleRequest());

        Assert.NotEmpty(result.Findings("HOSTF1"));
        Assert.All(result.Findings("HOSTF1"), d => Assert.True(d.GetMessage(Zh).Contains('镇') || d.GetMessage(Zh).Contains('街'), d.GetMessage(Zh)));
        Assert.DoesNotContain(result.Diagnostics, d => d.Id.StartsWith("PR2", StringComparison.Ordinal));
        var standardIds = StandardRuleIds();
        Assert.Contains(result.Diagnostics, d => standardIds.Contains(d.Id));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Host_function_is_type_checked_like_a_builtin(bool viaBuilder)
    {
        using var provider = Build(s =>
        {
            var builder = s.AddPlanRules(o =>
            {
                o.RuleTexts.Add(new SourceText(TownWrongTypeRule, "host/wrong.rules"));
                if (!viaBuilder) o.AddFunction("isTown", IsTown);
            });
            if (viaBuilder) builder.AddFunction("isTown", IsTown);
        });

        var result = provider.GetRequiredService<IPlanChecker>().Check(Request(SmallPlan));

        var mismatch = Assert.Single(result.Findings("PR2002"));
        Assert.Equal(DiagnosticSeverity.Error, mismatch.Severity);
        Assert.Equal("host/wrong.rules", mismatch.Location.Path);
        Assert.Equal(5, mismatch.Location.Line);
        Assert.Equal("Type mismatch: expected isTown(text), found isTown(int)", mismatch.GetMessage(En));
        Assert.Empty(result.Findings("HOSTF2"));

        // The same misuse of a built-in gives the same kind of finding.
        var builtin = new PlanChecker().Check(Request(SmallPlan) with
        {
            RuleSets = [RuleSet.Compile([new SourceText(TownWrongTypeRule.Replace("isTown(count(t.lead))", "len(count(t.lead)) > 0"), "host/wrong.rules")])],
        });
        var builtinMismatch = Assert.Single(builtin.Findings("PR2002"));
        Assert.Equal(5, builtinMismatch.Location.Line);
        Assert.Equal("Type mismatch: expected len(text), found len(int)", builtinMismatch.GetMessage(En));
    }

    [Fact]
    public void A_rule_calling_a_function_the_host_did_not_add_is_an_unknown_name()
    {
        using var provider = Build(s => s.AddPlanRules(o => o.RuleTexts.Add(new SourceText(TownFindingRule, "host/town.rules"))));

        var result = provider.GetRequiredService<IPlanChecker>().Check(Request(SmallPlan));

        Assert.Single(result.Findings("PR2001"));
        Assert.Empty(result.Findings("HOSTF1"));
    }

    [Fact]
    public void Analyzer_added_through_the_builder_gets_its_constructor_dependency()
    {
        var counter = new UnitCounter();
        using var provider = Build(s =>
        {
            s.AddSingleton(counter);
            s.AddPlanRules().AddAnalyzer<UnitCountingAnalyzer>();
        });

        var result = provider.GetRequiredService<IPlanChecker>().Check(Request(SmallPlan));

        Assert.Equal(4, counter.Units); // three units and one group
        Assert.Equal(new[] { "HOSTA1: 市桥街", "HOSTA1: 石楼镇", "HOSTA1: 镇街", $"HOSTA1: {SecretUnit}" }.Order(StringComparer.Ordinal),
            result.Findings("HOSTA1").Select(d => d.GetMessage(Zh)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Analyzer_added_through_options_is_created_by_the_container_with_its_dependency()
    {
        var counter = new UnitCounter();
        using var provider = Build(s =>
        {
            s.AddSingleton(counter);
            s.AddPlanRules(o => o.AddAnalyzer<UnitCountingAnalyzer>());
        });

        var checker = provider.GetRequiredService<IPlanChecker>();
        checker.Check(Request(SmallPlan));
        var result = checker.Check(Request(SmallPlan));

        Assert.Equal(8, counter.Units); // one analyzer instance, created once, ran twice
        Assert.Equal(4, result.Findings("HOSTA1").Count);
    }

    [Fact]
    public void Analyzers_from_builder_options_and_request_all_run()
    {
        using var provider = Build(s =>
        {
            s.AddSingleton<UnitCounter>();
            s.AddPlanRules(o => o.AddAnalyzer<UnitCountingAnalyzer>()).AddAnalyzer<PlanTitleAnalyzer>();
        });

        var result = provider.GetRequiredService<IPlanChecker>().Check(Request(SmallPlan) with { Analyzers = [new TaskCountAnalyzer()] });

        Assert.Equal(4, result.Findings("HOSTA1").Count);
        Assert.Single(result.Findings("HOSTA2"));
        Assert.Single(result.Findings("HOSTA3"));
        Assert.Empty(result.Findings("PR9001"));
    }

    [Fact]
    public void Logs_one_information_message_with_counts_per_check()
    {
        var capture = new CapturingLoggerProvider();
        using var provider = Build(s =>
        {
            s.AddLogging(b => b.AddProvider(capture).SetMinimumLevel(LogLevel.Trace));
            s.AddPlanRules();
        });
        var checker = provider.GetRequiredService<IPlanChecker>();

        var result = checker.Check(Request(SmallPlan, "2021-06-01 task 1 done by 市桥街\n2021-06-02 task 1 started\n"));

        var info = Assert.Single(capture.Entries, e => e.Level == LogLevel.Information);
        Assert.Equal(typeof(PlanRulesService).FullName, info.Category);
        var values = info.State.Where(p => p.Key != "{OriginalFormat}").ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(1, values["PlanFiles"]);
        Assert.Equal(2, values["Tasks"]);
        Assert.Equal(2, values["Records"]);
        Assert.Equal(result.Summary.Errors, values["Errors"]);
        Assert.Equal(result.Summary.Warnings, values["Warnings"]);
        Assert.Equal(result.Summary.Infos, values["Infos"]);
        Assert.True(result.Summary.Warnings > 0);
        Assert.Contains("2 tasks", info.Message);
        Assert.Contains("2 ledger records", info.Message);
        Assert.Contains($"{result.Summary.Warnings} warnings", info.Message);
        Assert.Null(info.Exception);
    }

    [Fact]
    public void Information_logs_never_carry_plan_contents()
    {
        var capture = new CapturingLoggerProvider();
        using var provider = Build(s =>
        {
            s.AddLogging(b => b.AddProvider(capture).SetMinimumLevel(LogLevel.Trace));
            s.AddSingleton<UnitCounter>();
            s.AddPlanRules(o => o.AddAnalyzer<ThrowingAnalyzer>()).AddAnalyzer<UnitCountingAnalyzer>();
        });
        var checker = provider.GetRequiredService<IPlanChecker>();

        var results = new[]
        {
            checker.Check(Request(SmallPlan, $"2021-06-01 task 1 done by {SecretUnit} evidence \"{SecretTitle}\"\n")),
            checker.Check(Request(SmallPlan.Replace("lead 市桥街", "lead 秘密不存在单位"))),
        };

        var secrets = new List<string> { SecretTitle, SecretUnit, "秘密不存在单位", "小计划", "市桥街", "石楼镇" };
        secrets.AddRange(results.SelectMany(r => r.Diagnostics).Select(d => d.GetMessage(Zh)));
        var informational = capture.Entries.Where(e => e.Level >= LogLevel.Information).ToList();
        Assert.Equal(2, informational.Count);
        foreach (var entry in informational)
        {
            var texts = entry.State.Select(p => Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "").Append(entry.Message).ToList();
            foreach (var secret in secrets.Distinct())
            {
                Assert.All(texts, text => Assert.DoesNotContain(secret, text));
            }
        }
    }

    [Fact]
    public void Checker_works_without_logging_registered()
    {
        using var provider = Build(s => s.AddPlanRules());

        var result = provider.GetRequiredService<IPlanChecker>().Check(Request(SmallPlan));

        Assert.Equal(2, result.Plan.Tasks.Length);
    }

    private static string OverdueRule(string id) => $$"""
        rule {{id}} "任务逾期" {
          severity warning
          category host
          for task t
          when t.overdue
          message "任务 {t.id} 逾期"
          message en "Task {t.id} is overdue"
        }
        """;

    private static HashSet<string> StandardRuleIds() =>
        StandardRules.Compiled.Rules.Select(r => r.Descriptor.Id).ToHashSet(StringComparer.Ordinal);

    internal static CheckRequest ExampleRequest(string asOf = "2021-12-31")
    {
        var folder = Path.Combine(TestPaths.RepoRoot, "examples", "panyu-2021");
        return new CheckRequest
        {
            Plans = [SourceText.FromFile(Path.Combine(folder, "plan.plan"), "examples/panyu-2021/plan.plan")],
            Ledgers = [SourceText.FromFile(Path.Combine(folder, "progress.ledger"), "examples/panyu-2021/progress.ledger")],
            AsOf = Date(asOf),
            BaseDirectory = BaseDirectory,
        };
    }
}

/// <summary>A service analyzers take in their constructor.</summary>
public sealed class UnitCounter
{
    private int _units;

    public int Units => Volatile.Read(ref _units);

    public int Add() => Interlocked.Increment(ref _units);
}

/// <summary>Counts units through an injected service and reports each unit it sees.</summary>
public sealed class UnitCountingAnalyzer(UnitCounter counter) : PlanAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = Descriptor("HOSTA1");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    public override void Initialize(AnalysisContext context) => context.RegisterUnitAction(unit =>
    {
        counter.Add();
        unit.ReportDiagnostic(Diagnostic.Create(Rule, unit.Unit.Symbol.NameLocation, null, unit.Unit.Name, null, unit.Unit.Name));
    });
}

/// <summary>Reports the number of tasks once per plan.</summary>
public sealed class TaskCountAnalyzer : PlanAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = Descriptor("HOSTA2");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    public override void Initialize(AnalysisContext context) =>
        context.RegisterPlanAction(plan => plan.ReportDiagnostic(Diagnostic.Create(Rule, plan.PlanView.Symbol.Location, plan.PlanView.Tasks.Count)));
}

/// <summary>Reports once per plan (registered through the builder, no dependencies).</summary>
public sealed class PlanTitleAnalyzer : PlanAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = Descriptor("HOSTA3");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    public override void Initialize(AnalysisContext context) =>
        context.RegisterPlanAction(plan => plan.ReportDiagnostic(Diagnostic.Create(Rule, plan.PlanView.Symbol.Location, plan.PlanView.Title.Length)));
}

/// <summary>Throws on the first task, with plan contents in the exception message.</summary>
public sealed class ThrowingAnalyzer : PlanAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = Descriptor("HOSTX1");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    public override void Initialize(AnalysisContext context) =>
        context.RegisterTaskAction(task => throw new InvalidOperationException("boom on " + task.Task.Title));
}
