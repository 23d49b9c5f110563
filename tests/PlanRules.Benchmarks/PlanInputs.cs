using System.Collections.Concurrent;
using System.Globalization;

namespace PlanRules.Benchmarks;

/// <summary>
/// Generated plans by task count, cached per process. The benchmark process and the host process (which
/// renders the MB/s columns) both generate them; the generator is deterministic, so they see the same bytes.
/// </summary>
public static class PlanInputs
{
    private static readonly ConcurrentDictionary<int, Lazy<GeneratedPlan>> Cache = new();

    /// <summary>The default sizes: 1k, 10k, 50k and 100k tasks.</summary>
    public static readonly int[] DefaultSizes = [1_000, 10_000, 50_000, 100_000];

    /// <summary>Environment variable (set by <c>--sizes</c>) that narrows the sizes, e.g. <c>1000,10000</c>.</summary>
    public const string SizesVariable = "PLANRULES_BENCH_SIZES";

    /// <summary>The sizes to run: <see cref="SizesVariable"/> if set, else <see cref="DefaultSizes"/>.</summary>
    public static IEnumerable<int> Sizes()
    {
        var text = Environment.GetEnvironmentVariable(SizesVariable);
        if (string.IsNullOrWhiteSpace(text)) return DefaultSizes;
        return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s.Replace("_", ""), NumberStyles.Integer, CultureInfo.InvariantCulture))
            .ToArray();
    }

    /// <summary>The plan with <paramref name="tasks"/> tasks.</summary>
    public static GeneratedPlan Get(int tasks) =>
        Cache.GetOrAdd(tasks, n => new Lazy<GeneratedPlan>(() => PlanGenerator.Generate(n))).Value;
}
