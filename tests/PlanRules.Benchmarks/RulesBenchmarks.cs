using System.Collections.Immutable;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using NRules;
using PlanRules.Diagnostics;
using PlanRules.Rules;
using PlanRules.Rules.Runtime;
using RulesEngine.Models;

namespace PlanRules.Benchmarks;

/// <summary>
/// Ten rules over a generated plan (<see cref="TenRules"/>), four ways, in one run: the compiled rules
/// (<see cref="RuleRunner"/>), a hand-written C# pass (the baseline), Microsoft RulesEngine and NRules. Category
/// <c>Run</c> evaluates the rules over every task; category <c>Compile</c> measures making the rules ready
/// (independent of <see cref="Tasks"/>). The global setup checks that all implementations report exactly the
/// same (rule, task) pairs, and that every rule fires.
/// </summary>
[Config(typeof(RulesBenchmarkConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams, BenchmarkLogicalGroupRule.ByJob)]
[CategoriesColumn]
public class RulesBenchmarks
{
    private const string Run = "Run";
    private const string Compile = "Compile";

    private RuleModel _model = null!;
    private RuleSet _rules = null!;
    private HandWrittenRules _handWritten = null!;
    private global::RulesEngine.RulesEngine _rulesEngine = null!;
    private global::RulesEngine.RulesEngine _rulesEngineDefaults = null!;
    private RuleParameter[][] _rulesEngineInputs = null!;
    private ISessionFactory _nrules = null!;
    private List<TaskFact> _facts = null!;

    /// <summary>Number of tasks in the generated plan.</summary>
    [ParamsSource(nameof(Sizes))]
    public int Tasks { get; set; }

    /// <summary>10k and 100k tasks, or the sizes given with <c>--sizes</c>.</summary>
    public static IEnumerable<int> Sizes() =>
        string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PlanInputs.SizesVariable)) ? [10_000, 100_000] : PlanInputs.Sizes();

    /// <summary>
    /// Generates, parses, binds and evaluates the plan, builds the rule model and the plain objects, compiles the
    /// rules for all four, runs each once and fails unless they agree.
    /// </summary>
    [GlobalSetup(Targets = [nameof(HandWritten), nameof(PlanRules), nameof(RulesEngine), nameof(RulesEngineDefaults), nameof(NRules), nameof(HandWrittenHits), nameof(PlanRulesConditions)])]
    public void SetupRun()
    {
        _model = TenRules.BuildModel(Tasks);
        _rules = TenRules.Compile();
        _handWritten = new HandWrittenRules(_rules);
        _facts = TaskFact.From(_model);
        _rulesEngine = RulesEngineRules.Create();
        _rulesEngineInputs = RulesEngineRules.Inputs(_facts);
        _rulesEngineDefaults = RulesEngineRules.CreateWithDefaults();
        _nrules = NRulesRules.Compile();
        Verify();
    }

    /// <summary>The one task the RulesEngine compile benchmark executes (its rules compile on first use).</summary>
    [GlobalSetup(Targets = [nameof(CompilePlanRules), nameof(CompileRulesEngine), nameof(CompileNRules)])]
    public void SetupCompile() => _rulesEngineInputs = [[new RuleParameter("t", new TaskFact { Id = "1", Title = "t" })]];

    // ---- Run: all ten rules over every task ----

    /// <summary>Hand-written C#: one pass over the task views, the same diagnostics as the rule runner.</summary>
    [Benchmark(Baseline = true, Description = "Hand-written C#")]
    [BenchmarkCategory(Run)]
    public List<Diagnostic> HandWritten() => _handWritten.Findings(_model.Tasks);

    /// <summary>The compiled rules: <see cref="RuleRunner.Run"/>, as the checker calls it (diagnostics with messages and properties).</summary>
    [Benchmark(Description = "PlanRules RuleRunner")]
    [BenchmarkCategory(Run)]
    public DiagnosticList PlanRules() => RuleRunner.Run(_rules, _model);

    /// <summary>RulesEngine: <c>ExecuteAllRulesAsync</c> per task; hits are the rules that succeeded.</summary>
    [Benchmark(Description = "RulesEngine")]
    [BenchmarkCategory(Run)]
    public List<Hit> RulesEngine() => RulesEngineRules.Run(_rulesEngine, _rulesEngineInputs);

    /// <summary>
    /// RulesEngine as its documentation shows it: default settings, a new <see cref="RuleParameter"/> per call.
    /// Not the peer the targets are measured against (that is the tuned <see cref="RulesEngine"/> row); it shows
    /// what the tuning is worth.
    /// </summary>
    [Benchmark(Description = "RulesEngine, defaults")]
    [BenchmarkCategory(Run)]
    public List<Hit> RulesEngineDefaults() => RulesEngineRules.RunPerCall(_rulesEngineDefaults, _facts);

    /// <summary>NRules: new session, insert every task, fire; hits are the actions that ran.</summary>
    [Benchmark(Description = "NRules")]
    [BenchmarkCategory(Run)]
    public List<Hit> NRules() => NRulesRules.Run(_nrules, _facts);

    /// <summary>Hand-written C#, (rule, task) pairs only: what RulesEngine and NRules produce.</summary>
    [Benchmark(Description = "Hand-written, hits only")]
    [BenchmarkCategory(Run)]
    public List<Hit> HandWrittenHits() => _handWritten.Hits(_model.Tasks);

    /// <summary>The compiled rules' filters and conditions only (the runner's loop without findings), as (rule, task) pairs.</summary>
    [Benchmark(Description = "PlanRules, hits only")]
    [BenchmarkCategory(Run)]
    public List<Hit> PlanRulesConditions() => ConditionHits(_rules, _model);

    // ---- Compile: make the ten rules ready to run ----

    /// <summary>PlanRules: parse, type-check and compile the rules file to delegates.</summary>
    [Benchmark(Baseline = true, Description = "PlanRules RuleSet.Compile")]
    [BenchmarkCategory(Compile)]
    public RuleSet CompilePlanRules() => TenRules.Compile();

    /// <summary>RulesEngine: create the engine with the workflow, execute once (its rules compile on first use).</summary>
    [Benchmark(Description = "RulesEngine new + first run")]
    [BenchmarkCategory(Compile)]
    public List<Hit> CompileRulesEngine() => RulesEngineRules.Run(RulesEngineRules.Create(), _rulesEngineInputs);

    /// <summary>NRules: load the rule classes into a repository and compile the session factory.</summary>
    [Benchmark(Description = "NRules Load + Compile")]
    [BenchmarkCategory(Compile)]
    public ISessionFactory CompileNRules() => NRulesRules.Compile();

    /// <summary>Task by task through every rule, as the runner loops, without creating findings (all ten rules are task rules).</summary>
    public static List<Hit> ConditionHits(RuleSet rules, RuleModel model)
    {
        var hits = new List<Hit>();
        var all = rules.Rules;
        foreach (var task in model.Tasks)
        {
            foreach (var rule in all)
            {
                if (rule.Fires(task, model)) hits.Add(new(rule.Descriptor.Id, task.Id));
            }
        }
        return hits;
    }

    /// <summary>Throws unless all implementations report the same (rule, task) pairs and every rule fires.</summary>
    private void Verify()
    {
        var diagnostics = PlanRules();
        var expected = diagnostics.Select(d => new Hit(d.Id, d.TaskId ?? "")).ToList();
        var set = expected.ToHashSet();
        if (set.Count != expected.Count) throw new InvalidOperationException("PlanRules reported a (rule, task) pair twice");

        var others = new (string Name, List<Hit> Hits)[]
        {
            ("hand-written", HandWritten().Select(d => new Hit(d.Id, d.TaskId ?? "")).ToList()),
            ("hand-written hits", HandWrittenHits()),
            ("PlanRules conditions", PlanRulesConditions()),
            ("RulesEngine", RulesEngine()),
            ("RulesEngine, defaults", RulesEngineDefaults()),
            ("NRules", NRules()),
        };
        foreach (var (name, hits) in others)
        {
            var theirs = hits.ToHashSet();
            if (hits.Count != expected.Count || !set.SetEquals(theirs))
            {
                var difference = set.Except(theirs).Select(h => "missing " + h).Concat(theirs.Except(set).Select(h => "extra " + h)).Take(5);
                throw new InvalidOperationException(
                    $"{name} disagrees with PlanRules on {Tasks} tasks: {hits.Count} hits against {expected.Count}; {string.Join(", ", difference)}");
            }
        }

        // The baseline's diagnostics must be the runner's: same location, message (both cultures), arguments, properties.
        var english = CultureInfo.GetCultureInfo("en");
        string Describe(Diagnostic d) => string.Join(" | ",
            d.Id, d.Severity, d.TaskId, d.Location, string.Join(",", d.AdditionalLocations), d.GetMessage(), d.GetMessage(english),
            string.Join(",", d.Arguments), string.Join(",", d.Properties.Select(p => p.Key + "=" + p.Value)));
        var runner = diagnostics.ToDictionary(d => new Hit(d.Id, d.TaskId ?? ""), Describe);
        foreach (var d in HandWritten())
        {
            var mine = Describe(d);
            if (runner[new Hit(d.Id, d.TaskId ?? "")] != mine)
            {
                throw new InvalidOperationException($"hand-written finding differs:\n  runner: {runner[new Hit(d.Id, d.TaskId ?? "")]}\n  mine:   {mine}");
            }
        }

        var counts = TenRules.Ids.ToDictionary(id => id, id => expected.Count(h => h.RuleId == id));
        if (counts.Values.Any(c => c == 0)) throw new InvalidOperationException("A rule never fires: " + string.Join(", ", counts));
        Console.WriteLine($"// Verified: all seven agree on {expected.Count} hits over {Tasks} tasks: {string.Join(", ", counts.Select(c => $"{c.Key}={c.Value}"))}");
    }
}

/// <summary>Memory diagnoser, and time and allocation per task for the <c>Run</c> category.</summary>
public sealed class RulesBenchmarkConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public RulesBenchmarkConfig()
    {
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(
            PerTaskColumn("ns/task", "Mean time divided by the number of tasks (Run only)", (report, tasks) =>
                report.ResultStatistics is { } stats ? (stats.Mean / tasks).ToString("N0", CultureInfo.InvariantCulture) : "NA"),
            PerTaskColumn("B/task", "Bytes allocated per operation divided by the number of tasks (Run only)", (report, tasks) =>
                report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) is { } bytes ? (bytes / (double)tasks).ToString("N0", CultureInfo.InvariantCulture) : "NA"));
        WithBuildTimeout(TimeSpan.FromMinutes(15));
    }

    private static IColumn PerTaskColumn(string name, string legend, Func<BenchmarkReport, int, string> value) =>
        new DerivedColumn("PlanRules.Rules." + name, name, legend, (summary, benchmarkCase) =>
            !benchmarkCase.Descriptor.Categories.Contains("Run") || summary[benchmarkCase] is not { } report
                ? "-"
                : value(report, (int)benchmarkCase.Parameters["Tasks"]));
}
