using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using PlanRules.Analysis.Compliance;
using PlanRules.Diagnostics;

namespace PlanRules.Benchmarks;

/// <summary>
/// Compliance evaluation of a ledger against a bound plan as of a date (<see cref="ComplianceEvaluator"/>: obligation
/// states, PR3001..PR3009 as findings, the per-unit table) against <see cref="HandLedgerLoop"/>, a hand-written
/// loop with the same semantics over the same bound plan and the same records. Sizes: 10k and 100k obligations,
/// with ten records each (100k and 1M records), so the growth from one to the other shows whether it is linear.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByParams, BenchmarkLogicalGroupRule.ByJob)]
[BenchmarkCategory("ledger")]
public class LedgerBenchmarks
{
    private LedgerInput _input = null!;

    /// <summary>Number of obligations (records: ten times as many).</summary>
    [ParamsSource(nameof(Sizes))]
    public int Obligations { get; set; }

    /// <summary>How the ledger is made: realistic timelines, or random records with many more findings.</summary>
    [Params(LedgerScenario.Realistic, LedgerScenario.Random)]
    public LedgerScenario Ledger { get; set; }

    /// <summary>The sizes: <see cref="LedgerInputs.DefaultSizes"/>, or <c>PLANRULES_BENCH_LEDGER_SIZES</c>.</summary>
    public static IEnumerable<int> Sizes() =>
        Environment.GetEnvironmentVariable("PLANRULES_BENCH_LEDGER_SIZES") is { Length: > 0 } sizes
            ? sizes.Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))
            : LedgerInputs.DefaultSizes;

    /// <summary>The input, once set up.</summary>
    internal LedgerInput Input => _input;

    /// <summary>Generates the input and fails unless both sides find the same things.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _input = LedgerInputs.Get(Obligations, Ledger);
        Verify(ComplianceEvaluator.Evaluate(_input.Plan, _input.Records, _input.AsOf), HandLedgerLoop.Run(_input.Plan, _input.Records, _input.AsOf));
    }

    /// <summary>The hand-written loop (baseline).</summary>
    [Benchmark(Baseline = true, Description = "Hand-written loop")]
    public HandLedgerResult HandLoop() => HandLedgerLoop.Run(_input.Plan, _input.Records, _input.AsOf);

    /// <summary><see cref="ComplianceEvaluator.Evaluate"/>: states, sorted findings, per-unit table.</summary>
    [Benchmark(Description = "ComplianceEvaluator")]
    public (ComplianceResult, ImmutableArray<Diagnostic>) Evaluate() => ComplianceEvaluator.Evaluate(_input.Plan, _input.Records, _input.AsOf);

    /// <summary>
    /// Throws unless the evaluator and the loop report the same findings (id, task, unit, as a multiset) and the
    /// same per-unit counts, and unless every PR3xxx kind occurs: a benchmark of different work is worthless.
    /// </summary>
    internal static void Verify((ComplianceResult Result, ImmutableArray<Diagnostic> Diagnostics) evaluated, HandLedgerResult hand)
    {
        static Dictionary<(string, string?, string?), int> Count(IEnumerable<(string, string?, string?)> keys)
        {
            var counts = new Dictionary<(string, string?, string?), int>();
            foreach (var key in keys) counts[key] = counts.GetValueOrDefault(key) + 1;
            return counts;
        }
        var library = Count(evaluated.Diagnostics.Select(d => (d.Id, d.TaskId, d.Unit)));
        var loop = Count(hand.Findings.Select(f => (f.Code, f.TaskId, f.Unit)));
        var differences = library.Where(p => loop.GetValueOrDefault(p.Key) != p.Value).Select(p => $"{p.Key}: evaluator {p.Value}, loop {loop.GetValueOrDefault(p.Key)}")
            .Concat(loop.Where(p => !library.ContainsKey(p.Key)).Select(p => $"{p.Key}: evaluator 0, loop {p.Value}"))
            .Take(10).ToList();
        if (differences.Count > 0) throw new InvalidOperationException("The evaluator and the hand-written loop disagree:\n" + string.Join("\n", differences));

        foreach (var code in new[] { "PR3001", "PR3002", "PR3003", "PR3004", "PR3005", "PR3006", "PR3007", "PR3008", "PR3009" })
        {
            if (!library.Keys.Any(k => k.Item1 == code)) throw new InvalidOperationException($"The generated ledger gives no {code}: it does not exercise the evaluator.");
        }
        foreach (var unit in evaluated.Result.Units)
        {
            var counts = hand.Units[unit.Unit];
            if (counts[0] != unit.Obligations || counts[1] != unit.Done || counts[2] != unit.DoneLate || counts[3] != unit.Overdue || counts[4] != unit.Waived || counts[5] != unit.Open)
            {
                throw new InvalidOperationException($"Per-unit counts differ for {unit.Unit.Name}: {unit} vs [{string.Join(", ", counts)}]");
            }
        }
        if (hand.Units.Count != evaluated.Result.Units.Length) throw new InvalidOperationException("The per-unit tables have different units.");
    }

    /// <summary>Counts of findings by id, for the <c>--check</c> output.</summary>
    internal static string Summary(ImmutableArray<Diagnostic> diagnostics) =>
        string.Join(" ", diagnostics.GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}:{g.Count()}"));
}
