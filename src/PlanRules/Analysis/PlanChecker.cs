using System.Collections.Immutable;
using NodaTime;
using PlanRules.Analysis.Compliance;
using PlanRules.Binding;
using PlanRules.Configuration;
using PlanRules.Ledger;
using PlanRules.Rules;
using PlanRules.Rules.Runtime;
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

    /// <summary>Configuration (<c>.planrules</c> files); severities, <c>none</c>, and thresholds.</summary>
    public ConfigSet Config { get; init; } = ConfigSet.Empty;

    /// <summary>The folder display paths are relative to (for matching configuration globs).</summary>
    public string BaseDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>Fingerprints of findings accepted earlier; matching findings are suppressed.</summary>
    public Baseline? Baseline { get; init; }

    /// <summary>Compiled analyst rules to run (for example the standard rules plus rule files); compile once, reuse.</summary>
    public ImmutableArray<RuleSet> RuleSets { get; init; } = [];

    /// <summary>
    /// Also run the standard rules (<see cref="Rules.StandardRules.Compiled"/>), before <see cref="RuleSets"/>. The same
    /// as putting them first in <see cref="RuleSets"/>, except that they are taken only when the rules run: a caller
    /// that starts compiling them on another thread (as the <c>planrules</c> CLI does) overlaps that compilation with
    /// parsing, binding and the as-of evaluation.
    /// </summary>
    public bool IncludeStandardRules { get; init; }

    /// <summary>Host analyzers to run after the built-in analysis and the rules.</summary>
    public ImmutableArray<PlanAnalyzer> Analyzers { get; init; } = [];

    /// <summary>Thresholds for as-of evaluation (configuration may override them).</summary>
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
public sealed class PlanChecker(IClock clock) : IPlanChecker
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
            .Concat(request.LedgerCsvs.Select(l => LedgerCsvReader.Read(l, request.ParseOptions)));
        foreach (var ledger in ledgerFiles)
        {
            diagnostics.AddRange(ledger.Diagnostics);
            records.AddRange(ledger.Records);
        }
        records.AddRange(request.Records);
        // Files number their records from 0; renumber across files and host records (only where it differs).
        for (var i = 0; i < records.Count; i++)
        {
            if (records[i].Order != i) records[i] = records[i] with { Order = i };
        }

        var planPath = request.Plans.IsEmpty ? Path.Combine(request.BaseDirectory, "plan.plan") : FullPath(request, request.Plans[0].Path);
        var planConfig = request.Config.Resolve(planPath);
        var (compliance, complianceDiagnostics) = ComplianceEvaluator.Evaluate(plan, records, asOf, planConfig.Compliance(request.Compliance));
        // The records are not needed after the evaluation: let a large ledger go before the rules run.
        var recordCount = records.Count;
        records = null!;
        diagnostics.AddRange(complianceDiagnostics);
        diagnostics.AddRange(request.Config.Diagnostics);
        var ruleSets = request.IncludeStandardRules ? request.RuleSets.Insert(0, StandardRules.Compiled) : request.RuleSets;
        if (!ruleSets.IsEmpty || !request.Analyzers.IsEmpty)
        {
            var model = RuleModel.Build(plan, compliance, asOf);
            foreach (var rules in ruleSets)
            {
                diagnostics.AddRange(rules.Diagnostics);
                diagnostics.AddRange(RuleRunner.Run(rules, model));
            }
            diagnostics.AddRange(AnalyzerDriver.Run(request.Analyzers, plan, compliance, model));
        }

        var configured = Configure(Suppressions.Apply(diagnostics, plan, request.Baseline), request, planConfig);
        return new CheckResult(plan, asOf, DiagnosticOrder.Sort(configured), compliance, recordCount);
    }

    private static string FullPath(CheckRequest request, string path) =>
        Path.GetFullPath(path.Length == 0 ? "plan.plan" : path, request.BaseDirectory);

    /// <summary>Applies severities from configuration, per finding path; <c>none</c> removes the finding.</summary>
    private static List<Diagnostic> Configure(List<Diagnostic> diagnostics, CheckRequest request, EffectiveConfig planConfig)
    {
        var cache = new Dictionary<string, EffectiveConfig>(StringComparer.Ordinal);
        var result = new List<Diagnostic>(diagnostics.Count);
        foreach (var diagnostic in diagnostics)
        {
            var config = planConfig;
            if (!diagnostic.Location.IsNone && diagnostic.Location.Path.Length > 0)
            {
                if (!cache.TryGetValue(diagnostic.Location.Path, out config!))
                {
                    cache[diagnostic.Location.Path] = config = request.Config.Resolve(FullPath(request, diagnostic.Location.Path));
                }
            }
            if (config.Apply(diagnostic) is { } kept) result.Add(kept);
        }
        return result;
    }
}
