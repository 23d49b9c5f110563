using System.Collections.Immutable;
using NodaTime;
using PlanRules.Analysis.Compliance;
using PlanRules.Binding;
using PlanRules.Diagnostics;

namespace PlanRules.Analysis;

/// <summary>Counts of reported (not suppressed, not hidden) findings by severity.</summary>
public sealed record FindingSummary(int Errors, int Warnings, int Infos)
{
    /// <summary>Counts findings that are neither hidden nor suppressed.</summary>
    public static FindingSummary Of(IEnumerable<Diagnostic> diagnostics)
    {
        int errors = 0, warnings = 0, infos = 0;
        foreach (var d in diagnostics)
        {
            if (d.IsSuppressed) continue;
            switch (d.Severity)
            {
                case DiagnosticSeverity.Error: errors++; break;
                case DiagnosticSeverity.Warning: warnings++; break;
                case DiagnosticSeverity.Info: infos++; break;
            }
        }
        return new FindingSummary(errors, warnings, infos);
    }
}

/// <summary>The immutable outcome of one check: the bound plan, the as-of date and every finding, sorted.</summary>
public sealed class CheckResult
{
    internal CheckResult(BoundPlan plan, LocalDate asOf, ImmutableArray<Diagnostic> diagnostics, ComplianceResult compliance, int recordCount)
    {
        Compliance = compliance;
        RecordCount = recordCount;
        Plan = plan;
        AsOf = asOf;
        Diagnostics = diagnostics;
        Summary = FindingSummary.Of(diagnostics);
    }

    /// <summary>Obligation states and the per-unit summary as of <see cref="AsOf"/>.</summary>
    public ComplianceResult Compliance { get; }
    /// <summary>How many ledger records were read (good lines only).</summary>
    public int RecordCount { get; }
    /// <summary>What the binder understood.</summary>
    public BoundPlan Plan { get; }
    /// <summary>The date the plan was checked as of.</summary>
    public LocalDate AsOf { get; }
    /// <summary>Every finding after configuration, sorted by path, line, column, id (suppressed ones included).</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }
    /// <summary>Counts by severity.</summary>
    public FindingSummary Summary { get; }
    /// <summary>True when an unsuppressed error exists (the CLI then exits with 1).</summary>
    public bool HasErrors => Summary.Errors > 0;
}
