using System.Collections.Immutable;
using PlanRules.Analysis;
using PlanRules.Diagnostics;

namespace PlanRules.Examples.HostApp;

/// <summary>
/// A host analyzer: the district office wants to know which units carry an unusually heavy load of
/// obligations, to plan supervision visits.
/// </summary>
public sealed class WorkloadAnalyzer : PlanAnalyzer
{
    /// <summary>HOST001: a unit owes more obligations than the threshold.</summary>
    public static readonly DiagnosticDescriptor HeavyWorkload = new(
        "HOST001",
        LocalizableString.FromTexts(new Dictionary<string, string> { ["zh-CN"] = "单位任务负担较重", ["en"] = "Heavy workload" }),
        LocalizableString.FromTexts(new Dictionary<string, string> { ["zh-CN"] = "单位 {0} 承担 {1} 项义务", ["en"] = "Unit {0} owes {1} obligations" }),
        "workload",
        DiagnosticSeverity.Info);

    /// <summary>Units owing more than this many obligations are reported.</summary>
    public int Threshold { get; init; } = 30;

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [HeavyWorkload];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context) => context.RegisterUnitAction(unit =>
    {
        var count = unit.Unit.Obligations.Count;
        if (count > Threshold)
        {
            unit.ReportDiagnostic(Diagnostic.Create(HeavyWorkload, unit.Unit.Symbol.NameLocation, null, unit.Unit.Name, null, unit.Unit.Name, count));
        }
    });
}
