using System.Collections.Immutable;
using NodaTime;
using PlanRules.Analysis.Compliance;
using PlanRules.Binding;
using PlanRules.Diagnostics;
using PlanRules.Rules.Runtime;

namespace PlanRules.Analysis;

/// <summary>
/// A host analyzer, Roslyn-style: declares the descriptors it reports in <see cref="SupportedDiagnostics"/>
/// and registers callbacks in <see cref="Initialize"/>. An analyzer that throws, or breaks the contract (declares
/// a reserved <c>PR</c> id or one that is not a rule id, reports an id it did not declare, a location that is not
/// none or a span of a plan or ledger of the check, or a message that does not render), is stopped and becomes one
/// PR9001 finding; everything else still reports.
/// </summary>
public abstract class PlanAnalyzer
{
    /// <summary>The descriptors this analyzer may report.</summary>
    public abstract ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    /// <summary>Registers callbacks. Called once per analyzer instance and check.</summary>
    public abstract void Initialize(AnalysisContext context);

    /// <summary>The name used in PR9001 findings (the type name by default).</summary>
    public virtual string Name => GetType().Name;
}

/// <summary>Where an analyzer registers its callbacks.</summary>
public sealed class AnalysisContext
{
    internal List<Action<TaskAnalysisContext>> TaskActions { get; } = [];
    internal List<Action<ObligationAnalysisContext>> ObligationActions { get; } = [];
    internal List<Action<UnitAnalysisContext>> UnitActions { get; } = [];
    internal List<Action<PlanAnalysisContext>> PlanActions { get; } = [];

    /// <summary>Called for every task.</summary>
    public void RegisterTaskAction(Action<TaskAnalysisContext> action) => TaskActions.Add(action ?? throw new ArgumentNullException(nameof(action)));

    /// <summary>Called for every obligation.</summary>
    public void RegisterObligationAction(Action<ObligationAnalysisContext> action) => ObligationActions.Add(action ?? throw new ArgumentNullException(nameof(action)));

    /// <summary>Called for every unit and group.</summary>
    public void RegisterUnitAction(Action<UnitAnalysisContext> action) => UnitActions.Add(action ?? throw new ArgumentNullException(nameof(action)));

    /// <summary>Called once for the plan.</summary>
    public void RegisterPlanAction(Action<PlanAnalysisContext> action) => PlanActions.Add(action ?? throw new ArgumentNullException(nameof(action)));
}

/// <summary>What every analyzer callback sees: the bound plan, the compliance result, the as-of date, and a way to report.</summary>
public abstract class AnalyzerCallbackContext
{
    private readonly Action<Diagnostic> _report;

    /// <summary>What every callback of one analyzer in one check shares.</summary>
    internal sealed record Shared(BoundPlan Plan, ComplianceResult Compliance, LocalDate AsOf, Action<Diagnostic> Report, CancellationToken CancellationToken);

    private protected AnalyzerCallbackContext(Shared shared)
    {
        Plan = shared.Plan;
        Compliance = shared.Compliance;
        AsOf = shared.AsOf;
        CancellationToken = shared.CancellationToken;
        _report = shared.Report;
    }

    /// <summary>The bound plan.</summary>
    public BoundPlan Plan { get; }
    /// <summary>Obligation states and the per-unit summary.</summary>
    public ComplianceResult Compliance { get; }
    /// <summary>The as-of date.</summary>
    public LocalDate AsOf { get; }
    /// <summary>
    /// The check's cancellation token: a long callback may look at it (and throw <see cref="OperationCanceledException"/>,
    /// which stops the check, not as a PR9001).
    /// </summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Reports a finding; its id must be in the analyzer's <see cref="PlanAnalyzer.SupportedDiagnostics"/>.</summary>
    public void ReportDiagnostic(Diagnostic diagnostic) => _report(diagnostic ?? throw new ArgumentNullException(nameof(diagnostic)));
}

/// <summary>A task callback's context.</summary>
public sealed class TaskAnalysisContext : AnalyzerCallbackContext
{
    internal TaskAnalysisContext(TaskView task, Shared shared)
        : base(shared) => Task = task;

    /// <summary>The task (its <see cref="TaskView.Symbol"/> is the bound task).</summary>
    public TaskView Task { get; }
}

/// <summary>An obligation callback's context.</summary>
public sealed class ObligationAnalysisContext : AnalyzerCallbackContext
{
    internal ObligationAnalysisContext(ObligationView obligation, Shared shared)
        : base(shared) => Obligation = obligation;

    /// <summary>The obligation with its evaluated state.</summary>
    public ObligationView Obligation { get; }
}

/// <summary>A unit callback's context.</summary>
public sealed class UnitAnalysisContext : AnalyzerCallbackContext
{
    internal UnitAnalysisContext(UnitView unit, Shared shared)
        : base(shared) => Unit = unit;

    /// <summary>The unit or group.</summary>
    public UnitView Unit { get; }
}

/// <summary>The plan callback's context.</summary>
public sealed class PlanAnalysisContext : AnalyzerCallbackContext
{
    internal PlanAnalysisContext(PlanView planView, Shared shared)
        : base(shared) => PlanView = planView;

    /// <summary>The plan as rules see it.</summary>
    public PlanView PlanView { get; }
}
