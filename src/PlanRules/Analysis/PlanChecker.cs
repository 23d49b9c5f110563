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

/// <summary>
/// What to check: plan texts and the date to check them as of. An array left <c>default</c> reads as empty; a
/// relative <see cref="BaseDirectory"/> is relative to the current folder; a null part (an item of an array, the
/// configuration, the options, the folder) is refused with an <see cref="ArgumentException"/> that names it.
/// </summary>
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

    /// <summary>
    /// Compiled analyst rules to run (for example the standard rules plus rule files); compile once, reuse. While the
    /// standard rules run (here or through <see cref="IncludeStandardRules"/>), their ids are theirs: a rule of
    /// another set with a standard rule's id is PR2003 and does not run.
    /// </summary>
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

    /// <summary>
    /// The request as it is checked: <c>default</c> arrays as empty ones, <see cref="BaseDirectory"/> fully qualified.
    /// Throws <see cref="ArgumentException"/> for a null part, so a host learns which one instead of meeting a
    /// <see cref="NullReferenceException"/> somewhere inside the check.
    /// </summary>
    internal CheckRequest Validated()
    {
        if (Config is null) throw Null(nameof(Config));
        if (Compliance is null) throw Null(nameof(Compliance));
        if (ParseOptions is null) throw Null(nameof(ParseOptions));
        if (BaseDirectory is null) throw Null(nameof(BaseDirectory));
        if (string.IsNullOrWhiteSpace(BaseDirectory)) throw new ArgumentException(Resources.Messages.Bilingual("Request_BaseDirectory"), "request");
        var records = Items(Records, nameof(Records));
        for (var i = 0; i < records.Length; i++) CheckRecord(records[i], $"{nameof(Records)}[{i}]");
        return this with
        {
            Plans = Items(Plans, nameof(Plans)),
            Ledgers = Items(Ledgers, nameof(Ledgers)),
            LedgerCsvs = Items(LedgerCsvs, nameof(LedgerCsvs)),
            Records = records,
            RuleSets = Items(RuleSets, nameof(RuleSets)),
            Analyzers = Items(Analyzers, nameof(Analyzers)),
            BaseDirectory = Path.IsPathFullyQualified(BaseDirectory) ? BaseDirectory : Path.GetFullPath(BaseDirectory),
        };
    }

    private static ImmutableArray<T> Items<T>(ImmutableArray<T> items, string name) where T : class
    {
        if (items.IsDefault) return [];
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i] is null) throw Null($"{name}[{i}]");
        }
        return items;
    }

    /// <summary>A host's record: a task id, a status, and a percentage a ledger line could hold.</summary>
    private static void CheckRecord(LedgerRecord record, string name)
    {
        if (record.TaskId is null) throw Null($"{name}.{nameof(record.TaskId)}");
        if (!Enum.IsDefined(record.Status)) throw new ArgumentException(Resources.Messages.Bilingual("Request_BadStatus", $"{name}.{nameof(record.Status)}", (int)record.Status), "request");
        if (record.Percent is < 0 or > 100) throw new ArgumentException(Resources.Messages.Bilingual("Request_BadPercent", $"{name}.{nameof(record.Percent)}", record.Percent), "request");
    }

    private static ArgumentException Null(string part) => new(Resources.Messages.Bilingual("Request_Null", part), "request");
}

/// <summary>
/// Runs the pipeline: parse every plan file, bind, analyse, then order findings. One instance may serve
/// concurrent requests: it holds no per-request state.
/// </summary>
/// <param name="clock">Gives today for requests without an as-of date (a null clock is refused here, not at the first such request).</param>
public sealed class PlanChecker(IClock clock) : IPlanChecker
{
    private readonly IClock _clock = clock ?? throw new ArgumentNullException(nameof(clock));

    /// <summary>A checker on the system clock.</summary>
    public PlanChecker() : this(SystemClock.Instance) { }

    /// <summary>Checks a request. Never throws for any input text.</summary>
    public CheckResult Check(CheckRequest request) => Check(request, CancellationToken.None);

    /// <summary>
    /// Checks a request; once <paramref name="cancellationToken"/> is cancelled, stops with an
    /// <see cref="OperationCanceledException"/> at the next check: after each plan file, per ledger record, between
    /// stages, per element a rule runs on and per analyzer callback. Never throws for any input text.
    /// </summary>
    public CheckResult Check(CheckRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request = request.Validated();
        cancellationToken.ThrowIfCancellationRequested();
        var files = request.Plans.Select(p =>
        {
            var file = PlanParser.Parse(p, request.ParseOptions);
            cancellationToken.ThrowIfCancellationRequested();
            return file;
        }).ToImmutableArray();
        var plan = PlanBinder.Bind(files, request.ParseOptions);
        cancellationToken.ThrowIfCancellationRequested();
        var asOf = request.AsOf ?? _clock.GetCurrentInstant().InZone(plan.Plan.TimeZone).Date;
        // Chunks, not one growing array: a big check collects findings by the million.
        var diagnostics = new Collections.ChunkedList<Diagnostic>();
        diagnostics.AddRange(plan.Diagnostics);

        // The ledger is read as it is evaluated: records live only while they are used, so a large ledger is
        // never in memory at once.
        var records = new RecordCounter(LedgerRecords(request, diagnostics.Add), cancellationToken);

        var planPath = (request.Plans.IsEmpty ? null : FullPath(request, request.Plans[0].Path)) ?? Path.Combine(request.BaseDirectory, "plan.plan");
        var planConfig = request.Config.Resolve(planPath);
        var (compliance, complianceDiagnostics) = ComplianceEvaluator.Evaluate(plan, records, asOf, planConfig.Compliance(request.Compliance));
        var recordCount = records.Count;
        cancellationToken.ThrowIfCancellationRequested();
        diagnostics.AddRange(complianceDiagnostics);
        diagnostics.AddRange(request.Config.Diagnostics);
        // A rule that takes a standard rule's id is PR2003 and left out while the standard rules run.
        var ruleSets = RuleSet.ReserveStandardIds(request.IncludeStandardRules ? request.RuleSets.Insert(0, StandardRules.Compiled) : request.RuleSets);
        if (!ruleSets.IsEmpty || !request.Analyzers.IsEmpty)
        {
            var model = RuleModel.Build(plan, compliance, asOf);
            foreach (var rules in ruleSets)
            {
                diagnostics.AddRange(rules.Diagnostics);
                diagnostics.AddRange(RuleRunner.Run(rules, model, cancellationToken));
            }
            diagnostics.AddRange(AnalyzerDriver.Run(request.Analyzers, plan, compliance, model, [.. request.Plans, .. request.Ledgers, .. request.LedgerCsvs],
                request.Records.SelectMany(r => new[] { r.Location, r.TaskLocation, r.ByLocation }), cancellationToken));
        }
        cancellationToken.ThrowIfCancellationRequested();

        var configured = Configure(Suppressions.Apply(diagnostics.ToArray(), plan, request.Baseline), request, planConfig);
        return new CheckResult(plan, asOf, DiagnosticOrder.SortOwned(configured), compliance, recordCount);
    }

    /// <summary>
    /// Every record of the request: the <c>.ledger</c> files as they are parsed, then the CSV files, then the host's
    /// records. Files number their records from 0; records are renumbered across files and host records (a copy
    /// only where the number differs). Findings about the files go to <paramref name="report"/>.
    /// </summary>
    private static IEnumerable<LedgerRecord> LedgerRecords(CheckRequest request, Action<Diagnostic> report)
    {
        var order = 0;
        foreach (var ledger in request.Ledgers)
        {
            foreach (var record in LedgerParser.Stream(ledger, request.ParseOptions, report)) yield return Numbered(record, order++);
        }
        foreach (var csv in request.LedgerCsvs)
        {
            var file = LedgerCsvReader.Read(csv, request.ParseOptions);
            foreach (var diagnostic in file.Diagnostics) report(diagnostic);
            foreach (var record in file.Records) yield return Numbered(record, order++);
        }
        foreach (var record in request.Records) yield return Numbered(record, order++);
    }

    private static LedgerRecord Numbered(LedgerRecord record, int order) => record.Order == order ? record : record with { Order = order };

    /// <summary>Counts the records as the evaluator reads them (once), and stops the read once the check is cancelled.</summary>
    private sealed class RecordCounter(IEnumerable<LedgerRecord> records, CancellationToken cancellationToken) : IEnumerable<LedgerRecord>
    {
        public int Count { get; private set; }

        public IEnumerator<LedgerRecord> GetEnumerator()
        {
            foreach (var record in records)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Count++;
                yield return record;
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>The full path configuration globs match; null for a path no file can have (a host's, with a NUL in it).</summary>
    private static string? FullPath(CheckRequest request, string path)
    {
        try
        {
            return Path.GetFullPath(path.Length == 0 ? "plan.plan" : path, request.BaseDirectory);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Applies severities from configuration, per finding path; <c>none</c> removes the finding.</summary>
    private static Diagnostic[] Configure(Diagnostic[] diagnostics, CheckRequest request, EffectiveConfig planConfig)
    {
        // In place: a finding is replaced by its configured copy, a removed one closes up (no second list).
        var cache = new Dictionary<string, EffectiveConfig>(StringComparer.Ordinal);
        var kept = 0;
        for (var i = 0; i < diagnostics.Length; i++)
        {
            var diagnostic = diagnostics[i];
            var config = planConfig;
            if (!diagnostic.Location.IsNone && diagnostic.Location.Path.Length > 0)
            {
                if (!cache.TryGetValue(diagnostic.Location.Path, out config!))
                {
                    // A path that is no file's (a host's record location) takes the plan's configuration.
                    cache[diagnostic.Location.Path] = config = FullPath(request, diagnostic.Location.Path) is { } full ? request.Config.Resolve(full) : planConfig;
                }
            }
            if (config.Apply(diagnostic) is { } configured) diagnostics[kept++] = configured;
        }
        if (kept < diagnostics.Length) Array.Resize(ref diagnostics, kept);
        return diagnostics;
    }
}
