using System.Collections.Immutable;
using NodaTime;
using PlanRules.Analysis.Compliance;
using PlanRules.Binding;
using PlanRules.Ledger;
using PlanRules.Diagnostics;
using PlanRules.Syntax;
using PlanRules.Text;

namespace PlanRules.Analysis;

/// <summary>What to check: plan texts and the date to check them as of.</summary>
public sealed record CheckRequest
{
    /// <summary>The <c>*.plan</c> sources that form one plan.</summary>
    public ImmutableArray<SourceText> Plans { get; init; } = [];

    /// <summary><c>*.ledger</c> sources.</summary>
    public ImmutableArray<SourceText> Ledgers { get; init; } = [];

    /// <summary><c>*.ledger.csv</c> sources.</summary>
    public ImmutableArray<SourceText> LedgerCsvs { get; init; } = [];

    /// <summary>Ledger records handed in by a host app as plain values (after those read from files).</summary>
    public ImmutableArray<LedgerRecord> Records { get; init; } = [];

    /// <summary>Thresholds for as-of evaluation.</summary>
    public ComplianceOptions Compliance { get; init; } = ComplianceOptions.Default;

    /// <summary>The as-of date; when null, today in the plan's time zone from the clock.</summary>
    public LocalDate? AsOf { get; init; }

    /// <summary>Parser limits.</summary>
    public ParseOptions ParseOptions { get; init; } = ParseOptions.Default;
}

/// <summary>
/// Runs the pipeline: parse every plan file, bind, analyse, then order findings. One instance may serve
/// concurrent requests: it holds no per-request state.
/// </summary>
public sealed class PlanChecker(IClock clock)
{
    /// <summary>A checker on the system clock.</summary>
    public PlanChecker() : this(SystemClock.Instance) { }

    /// <summary>Checks a request. Never throws for any input text.</summary>
    public CheckResult Check(CheckRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var files = request.Plans.Select(p => PlanParser.Parse(p, request.ParseOptions)).ToImmutableArray();
        var plan = PlanBinder.Bind(files);
        var asOf = request.AsOf ?? clock.GetCurrentInstant().InZone(plan.Plan.TimeZone).Date;
        var diagnostics = new List<Diagnostic>(plan.Diagnostics);

        var records = new List<LedgerRecord>();
        var ledgerFiles = request.Ledgers.Select(l => LedgerParser.Parse(l, request.ParseOptions))
            .Concat(request.LedgerCsvs.Select(LedgerCsvReader.Read));
        foreach (var ledger in ledgerFiles)
        {
            diagnostics.AddRange(ledger.Diagnostics);
            records.AddRange(ledger.Records);
        }
        records.AddRange(request.Records);
        for (var i = 0; i < records.Count; i++) records[i] = records[i] with { Order = i };

        var (compliance, complianceDiagnostics) = ComplianceEvaluator.Evaluate(plan, records, asOf, request.Compliance);
        diagnostics.AddRange(complianceDiagnostics);
        return new CheckResult(plan, asOf, DiagnosticOrder.Sort(diagnostics), compliance, records.Count);
    }
}
