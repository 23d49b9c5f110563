using System.Collections.Immutable;
using PlanRules.Analysis.Compliance;
using PlanRules.Binding;
using PlanRules.Diagnostics;
using PlanRules.Rules.Runtime;

namespace PlanRules.Analysis;

/// <summary>Runs host analyzers; each is isolated: its exception becomes PR9001 and stops only that analyzer.</summary>
internal static class AnalyzerDriver
{
    private sealed class UnsupportedDiagnosticException(string id, string analyzer)
        : Exception($"reported '{id}', which is not in {analyzer}.SupportedDiagnostics");

    public static ImmutableArray<Diagnostic> Run(IEnumerable<PlanAnalyzer> analyzers, BoundPlan plan, ComplianceResult compliance, RuleModel model)
    {
        var all = new List<Diagnostic>();
        foreach (var analyzer in analyzers)
        {
            var reported = new List<Diagnostic>();
            string name = "?";
            try
            {
                name = analyzer.Name;
                var supported = analyzer.SupportedDiagnostics.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
                void Report(Diagnostic diagnostic)
                {
                    if (!supported.Contains(diagnostic.Id)) throw new UnsupportedDiagnosticException(diagnostic.Id, analyzer.Name);
                    reported.Add(diagnostic);
                }
                var context = new AnalysisContext();
                analyzer.Initialize(context);
                foreach (var action in context.PlanActions) action(new PlanAnalysisContext(model.Plan, plan, compliance, model.AsOf, Report));
                foreach (var task in model.Tasks)
                {
                    foreach (var action in context.TaskActions) action(new TaskAnalysisContext(task, plan, compliance, model.AsOf, Report));
                }
                foreach (var obligation in model.Obligations)
                {
                    foreach (var action in context.ObligationActions) action(new ObligationAnalysisContext(obligation, plan, compliance, model.AsOf, Report));
                }
                foreach (var unit in model.Units)
                {
                    foreach (var action in context.UnitActions) action(new UnitAnalysisContext(unit, plan, compliance, model.AsOf, Report));
                }
                all.AddRange(reported);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Like Roslyn: a failing analyzer is reported once and its partial results are dropped.
                // The sentence is in the finding's language; the exception's type and text are the host's, kept whole as properties.
                all.Add(Diagnostic.Create(DiagnosticCatalog.HostAnalyzerFailed, Location.None, null, null, Diagnostic.ExceptionProperties(e),
                    name, (e.GetType().Name + ": " + e.Message).ReplaceLineEndings(" ")));
            }
        }
        return [.. all];
    }
}
