using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using PlanRules.Binding;
using PlanRules.Diagnostics;
using PlanRules.Syntax;
using PlanRules.Text;

namespace PlanRules.Benchmarks;

/// <summary>
/// Parse + bind a generated plan against reading the same plan as JSON and resolving it by hand
/// (<see cref="JsonBaseline"/>). Both start from UTF-8 bytes in memory, as after a file read. Ratios are per
/// size (grouped by <see cref="Tasks"/>); <c>Parse</c> and <c>Bind</c> split the main benchmark in two.
/// </summary>
[Config(typeof(PlanBenchmarkConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByParams, BenchmarkLogicalGroupRule.ByJob)]
[BenchmarkCategory("plan")]
public class ParseBindBenchmarks
{
    private byte[] _plan = null!;
    private byte[] _json = null!;
    private PlanFileSyntax _parsed = null!;

    /// <summary>Number of tasks in the generated plan.</summary>
    [ParamsSource(nameof(Sizes))]
    public int Tasks { get; set; }

    /// <summary>UTF-8 size of the plan text, once set up.</summary>
    internal int PlanBytes => _plan.Length;

    /// <summary>UTF-8 size of the JSON, once set up.</summary>
    internal int JsonBytes => _json.Length;

    /// <summary>The sizes (see <see cref="PlanInputs.Sizes"/>).</summary>
    public static IEnumerable<int> Sizes() => PlanInputs.Sizes();

    /// <summary>
    /// Generates the plan and checks that both readers understand it the same way, then keeps only the two
    /// byte arrays: the benchmark process holds its inputs, not the generator's model or the check's results,
    /// so every method runs with the same small live heap.
    /// </summary>
    [GlobalSetup]
    public void Setup()
    {
        var generated = PlanGenerator.Generate(Tasks);
        _plan = generated.PlanUtf8;
        _json = generated.JsonUtf8;
        Verify(PlanBinder.Bind([PlanParser.Parse(SourceText.FromUtf8(_plan, "bench.plan"))]), JsonBaseline.Run(_json), Tasks);
        _parsed = null!;
    }

    /// <summary>As <see cref="Setup"/>, plus the parsed file that <see cref="Bind"/> starts from.</summary>
    [GlobalSetup(Target = nameof(Bind))]
    public void SetupBind()
    {
        Setup();
        _parsed = PlanParser.Parse(SourceText.FromUtf8(_plan, "bench.plan"));
    }

    /// <summary>System.Text.Json into records, then dictionary lookups by hand.</summary>
    [Benchmark(Baseline = true, Description = "JSON + lookups")]
    public JsonBaseline.Result Json() => JsonBaseline.Run(_json);

    /// <summary>Decode, parse and bind: what <c>planrules check</c> does before any rule runs.</summary>
    [Benchmark(Description = "Parse + bind")]
    public BoundPlan ParseAndBind() => PlanBinder.Bind([PlanParser.Parse(SourceText.FromUtf8(_plan, "bench.plan"))]);

    /// <summary>Decode and parse only.</summary>
    [Benchmark(Description = "Parse")]
    public PlanFileSyntax Parse() => PlanParser.Parse(SourceText.FromUtf8(_plan, "bench.plan"));

    /// <summary>Bind only, from an already parsed file.</summary>
    [Benchmark(Description = "Bind")]
    public BoundPlan Bind() => PlanBinder.Bind([_parsed]);

    /// <summary>Throws unless the plan binds cleanly and both readers agree on tasks, obligations and edges.</summary>
    public static void Verify(BoundPlan bound, JsonBaseline.Result baseline, int tasks)
    {
        var problems = bound.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Info).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                $"The generated plan of {tasks} tasks has {problems.Count} findings, first: {problems[0].Id} {problems[0].Location} {problems[0].GetMessage()}");
        }
        var edges = bound.Tasks.Sum(t => t.Dependencies.Length);
        if (bound.Tasks.Length != tasks || baseline.Tasks.Count != tasks
            || bound.Obligations.Length != baseline.Obligations
            || edges != baseline.DependencyEdges
            || baseline.Unresolved != 0)
        {
            throw new InvalidOperationException(
                $"Readers disagree: tasks {bound.Tasks.Length}/{baseline.Tasks.Count}, obligations {bound.Obligations.Length}/{baseline.Obligations}, " +
                $"edges {edges}/{baseline.DependencyEdges}, unresolved {baseline.Unresolved}");
        }
        for (var i = 0; i < tasks; i++)
        {
            var b = bound.Tasks[i];
            var j = baseline.Tasks[i];
            if (b.Id != j.Record.Id || b.Obligations.Length != j.Obligations.Count
                || !b.Obligations.Select(o => o.Unit.Name).SequenceEqual(j.Obligations.Select(o => o.Unit.Name))
                || b.Due?.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture) != j.Record.Due?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                || b.Section?.Id != j.Section)
            {
                throw new InvalidOperationException($"Readers disagree on task {b.Id}/{j.Record.Id}");
            }
        }
    }
}
