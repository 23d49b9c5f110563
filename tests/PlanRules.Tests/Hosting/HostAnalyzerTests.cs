using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using PlanRules.Analysis;
using PlanRules.Diagnostics;
using PlanRules.Hosting;
using PlanRules.Rules;
using static PlanRules.Tests.Hosting.HostingKit;

namespace PlanRules.Tests.Hosting;

/// <summary>Roslyn-style host analyzers: callbacks for every element, and isolation of a failing analyzer (PR9001).</summary>
public class HostAnalyzerTests
{
    [Fact]
    public void Every_register_action_is_called_for_every_element_of_the_small_plan()
    {
        var recorder = new RecordingAnalyzer();

        var result = new PlanChecker().Check(Request(SmallPlan) with { Analyzers = [recorder] });

        AssertRecorded(recorder, result);
        Assert.Equal(["1", "2"], recorder.Tasks.Order(StringComparer.Ordinal));
        Assert.Equal(4, recorder.Obligations.Count);
        Assert.Equal(4, recorder.Units.Count);
    }

    [Fact]
    public void Every_register_action_is_called_for_every_element_of_the_example_plan()
    {
        var recorder = new RecordingAnalyzer();
        using var provider = Build(s => s.AddPlanRules(o => o.UseStandardRules = false));

        var result = provider.GetRequiredService<IPlanChecker>().Check(AddPlanRulesTests.ExampleRequest() with { Analyzers = [recorder] });

        AssertRecorded(recorder, result);
        Assert.Equal(50, recorder.Tasks.Count);
        Assert.True(recorder.Obligations.Count > 100, recorder.Obligations.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Callbacks_see_the_check_s_plan_compliance_and_as_of_date()
    {
        var recorder = new RecordingAnalyzer();

        var result = new PlanChecker().Check(Request(SmallPlan, "2021-06-01 task 1 done\n", asOf: "2021-07-01") with { Analyzers = [recorder] });

        var contexts = recorder.Contexts.ToList();
        Assert.Equal(1 + 2 + 4 + 4, contexts.Count);
        Assert.All(contexts, c =>
        {
            Assert.Same(result.Plan, c.Plan);
            Assert.Same(result.Compliance, c.Compliance);
            Assert.Equal(Date("2021-07-01"), c.AsOf);
        });
    }

    [Fact]
    public void Analyzers_run_once_per_check_and_initialize_each_time()
    {
        var recorder = new RecordingAnalyzer();
        var checker = new PlanChecker();

        checker.Check(Request(SmallPlan) with { Analyzers = [recorder] });
        checker.Check(Request(SmallPlan) with { Analyzers = [recorder] });

        Assert.Equal(2, recorder.Initialized);
        Assert.Equal(2, recorder.Plans);
        Assert.Equal(4, recorder.Tasks.Count);
    }

    [Fact]
    public void A_throwing_analyzer_gives_exactly_one_PR9001_and_everything_else_still_reports()
    {
        var good = new RecordingAnalyzer();
        var request = AddPlanRulesTests.ExampleRequest() with
        {
            RuleSets = [StandardRules.Compiled],
            Analyzers = [new ThrowingOnEveryTaskAnalyzer(), good],
        };

        var result = new PlanChecker().Check(request);

        var failure = Assert.Single(result.Findings("PR9001"));
        Assert.Equal(DiagnosticSeverity.Warning, failure.Severity);
        Assert.Equal("Host analyzer ThrowingOnEveryTaskAnalyzer threw: InvalidOperationException: boom on task 1", failure.GetMessage(En));
        Assert.Equal("宿主分析器 ThrowingOnEveryTaskAnalyzer 抛出异常：InvalidOperationException: boom on task 1", failure.GetMessage(Zh));
        Assert.Equal("System.InvalidOperationException", failure.Properties["exceptionType"]);
        Assert.Equal("boom on task 1", failure.Properties["exceptionMessage"]);
        // Its partial results (reported before it threw) are dropped, like Roslyn.
        Assert.Empty(result.Findings("HOSTX2"));
        // The other analyzer, the built-in analysis and the rules all still report.
        Assert.Equal(50, result.Findings("HOSTR0").Count);
        Assert.NotEmpty(result.Findings("PR3001"));
        var standardIds = StandardRules.Compiled.Rules.Select(r => r.Descriptor.Id).ToHashSet(StringComparer.Ordinal);
        Assert.Contains(result.Diagnostics, d => standardIds.Contains(d.Id));
    }

    [Fact]
    public void Same_through_dependency_injection()
    {
        using var provider = Build(s => s.AddPlanRules(o => o.AddAnalyzer<ThrowingOnEveryTaskAnalyzer>()).AddAnalyzer<RecordingAnalyzer>());

        var result = provider.GetRequiredService<IPlanChecker>().Check(AddPlanRulesTests.ExampleRequest());

        Assert.Single(result.Findings("PR9001"));
        Assert.Equal(50, result.Findings("HOSTR0").Count);
        Assert.NotEmpty(result.Findings("PR3001"));
    }

    [Fact]
    public void The_failure_uses_the_analyzer_s_name_and_keeps_the_message_on_one_line()
    {
        var result = new PlanChecker().Check(Request(SmallPlan) with { Analyzers = [new NamedThrowingAnalyzer()] });

        var failure = Assert.Single(result.Findings("PR9001"));
        Assert.Equal("Host analyzer 工作量分析 threw: ArgumentException: first line second line", failure.GetMessage(En));
        Assert.True(failure.Location.IsNone);
        Assert.Null(failure.TaskId);
    }

    [Fact]
    public void An_analyzer_throwing_in_Initialize_or_SupportedDiagnostics_is_isolated_too()
    {
        var good = new RecordingAnalyzer();

        var result = new PlanChecker().Check(Request(SmallPlan) with
        {
            Analyzers = [new ThrowingInInitializeAnalyzer(), new ThrowingDescriptorsAnalyzer(), good],
        });

        Assert.Equal(
            [
                "Host analyzer ThrowingDescriptorsAnalyzer threw: NotSupportedException: no descriptors",
                "Host analyzer ThrowingInInitializeAnalyzer threw: InvalidOperationException: cannot initialize",
            ],
            result.Findings("PR9001").Select(d => d.GetMessage(En)).Order(StringComparer.Ordinal));
        Assert.Equal(2, result.Findings("HOSTR0").Count);
    }

    [Fact]
    public void Reporting_an_id_not_in_SupportedDiagnostics_gives_PR9001()
    {
        var good = new RecordingAnalyzer();

        var result = new PlanChecker().Check(Request(SmallPlan) with { Analyzers = [new UndeclaredIdAnalyzer(), good] });

        var failure = Assert.Single(result.Findings("PR9001"));
        var message = failure.GetMessage(En);
        Assert.StartsWith("Host analyzer UndeclaredIdAnalyzer threw: ", message);
        Assert.Contains("HOSTU2", message);
        Assert.Contains("UndeclaredIdAnalyzer.SupportedDiagnostics", message);
        Assert.Empty(result.Findings("HOSTU1"));
        Assert.Empty(result.Findings("HOSTU2"));
        Assert.Equal(2, result.Findings("HOSTR0").Count);
    }

    [Fact]
    public void A_failing_analyzer_fails_again_on_the_next_check_and_only_there()
    {
        var flaky = new FailOnceAnalyzer();
        var checker = new PlanChecker();

        var first = checker.Check(Request(SmallPlan) with { Analyzers = [flaky] });
        var second = checker.Check(Request(SmallPlan) with { Analyzers = [flaky] });

        Assert.Single(first.Findings("PR9001"));
        Assert.Empty(first.Findings("HOSTF9"));
        Assert.Empty(second.Findings("PR9001"));
        Assert.Single(second.Findings("HOSTF9"));
    }

    [Fact]
    public void Analyzer_findings_are_configured_and_suppressed_like_any_other()
    {
        var plan = SmallPlan.Replace("due 2021-06-30", "due 2021-06-30\n  suppress HOSTR0 \"主机分析器豁免\"");

        var result = new PlanChecker().Check(Request(plan) with { Analyzers = [new RecordingAnalyzer()] });

        var findings = result.Findings("HOSTR0").OrderBy(d => d.TaskId, StringComparer.Ordinal).ToList();
        Assert.Equal(2, findings.Count);
        Assert.Equal(SuppressionKind.InSource, findings[0].Suppression);
        Assert.Equal("主机分析器豁免", findings[0].Justification);
        Assert.False(findings[1].IsSuppressed);
    }

    private static void AssertRecorded(RecordingAnalyzer recorder, CheckResult result)
    {
        Assert.Equal(1, recorder.Plans);
        Assert.Equal(result.Plan.Tasks.Select(t => t.Id).Order(StringComparer.Ordinal), recorder.Tasks.Order(StringComparer.Ordinal));
        Assert.Equal(result.Plan.Units.Select(u => u.Name).Order(StringComparer.Ordinal), recorder.Units.Order(StringComparer.Ordinal));
        Assert.Equal(
            result.Plan.Obligations.Select(o => o.Task.Id + "/" + o.Unit.Name).Order(StringComparer.Ordinal),
            recorder.Obligations.Order(StringComparer.Ordinal));
        Assert.Equal(result.Compliance.States.Length, recorder.Obligations.Count);
        Assert.Equal(recorder.Tasks.Count, recorder.Tasks.Distinct().Count());
    }
}

/// <summary>Records every callback; reports HOSTR0 once per task.</summary>
public sealed class RecordingAnalyzer : PlanAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = Descriptor("HOSTR0");

    private int _initialized;
    private int _plans;

    public ConcurrentQueue<string> Tasks { get; } = new();
    public ConcurrentQueue<string> Obligations { get; } = new();
    public ConcurrentQueue<string> Units { get; } = new();
    public ConcurrentQueue<AnalyzerCallbackContext> Contexts { get; } = new();
    public int Initialized => _initialized;
    public int Plans => _plans;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    public override void Initialize(AnalysisContext context)
    {
        Interlocked.Increment(ref _initialized);
        context.RegisterPlanAction(c =>
        {
            Interlocked.Increment(ref _plans);
            Contexts.Enqueue(c);
        });
        context.RegisterTaskAction(c =>
        {
            Tasks.Enqueue(c.Task.Id);
            Contexts.Enqueue(c);
            c.ReportDiagnostic(Diagnostic.Create(Rule, c.Task.Symbol.Location, c.Task.Id, null, null, c.Task.Id));
        });
        context.RegisterObligationAction(c =>
        {
            Obligations.Enqueue(c.Obligation.Task.Id + "/" + c.Obligation.Unit.Name);
            Contexts.Enqueue(c);
        });
        context.RegisterUnitAction(c =>
        {
            Units.Enqueue(c.Unit.Name);
            Contexts.Enqueue(c);
        });
    }
}

/// <summary>Reports in its plan action, then throws on every task.</summary>
public sealed class ThrowingOnEveryTaskAnalyzer : PlanAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = Descriptor("HOSTX2");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterPlanAction(c => c.ReportDiagnostic(Diagnostic.Create(Rule, c.PlanView.Symbol.Location, "before")));
        context.RegisterTaskAction(c => throw new InvalidOperationException("boom on task " + c.Task.Id));
    }
}

/// <summary>Has its own name and a multi-line exception message.</summary>
public sealed class NamedThrowingAnalyzer : PlanAnalyzer
{
    public override string Name => "工作量分析";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [];

    public override void Initialize(AnalysisContext context) =>
        context.RegisterUnitAction(_ => throw new ArgumentException("first line\nsecond line"));
}

public sealed class ThrowingInInitializeAnalyzer : PlanAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [];

    public override void Initialize(AnalysisContext context) => throw new InvalidOperationException("cannot initialize");
}

public sealed class ThrowingDescriptorsAnalyzer : PlanAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => throw new NotSupportedException("no descriptors");

    public override void Initialize(AnalysisContext context)
    {
    }
}

/// <summary>Declares HOSTU1 and reports HOSTU1 and then HOSTU2.</summary>
public sealed class UndeclaredIdAnalyzer : PlanAnalyzer
{
    private static readonly DiagnosticDescriptor Declared = Descriptor("HOSTU1");
    private static readonly DiagnosticDescriptor Undeclared = Descriptor("HOSTU2");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Declared];

    public override void Initialize(AnalysisContext context) => context.RegisterPlanAction(c =>
    {
        c.ReportDiagnostic(Diagnostic.Create(Declared, c.PlanView.Symbol.Location, "ok"));
        c.ReportDiagnostic(Diagnostic.Create(Undeclared, c.PlanView.Symbol.Location, "not ok"));
    });
}

/// <summary>Throws on its first check only.</summary>
public sealed class FailOnceAnalyzer : PlanAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = Descriptor("HOSTF9");
    private int _calls;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    public override void Initialize(AnalysisContext context) => context.RegisterPlanAction(c =>
    {
        if (Interlocked.Increment(ref _calls) == 1) throw new TimeoutException("first time");
        c.ReportDiagnostic(Diagnostic.Create(Rule, c.PlanView.Symbol.Location, "second"));
    });
}
