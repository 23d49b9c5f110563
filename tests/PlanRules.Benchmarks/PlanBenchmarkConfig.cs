using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace PlanRules.Benchmarks;

/// <summary>Memory diagnoser, input size, MB/s and ns per task columns, and a build timeout for busy machines.</summary>
public sealed class PlanBenchmarkConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public PlanBenchmarkConfig()
    {
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(InputColumns.InputMegabytes, InputColumns.MegabytesPerSecond, InputColumns.NanosecondsPerTask);
        WithBuildTimeout(TimeSpan.FromMinutes(15));
    }
}

/// <summary>
/// Columns derived from the input: BenchmarkDotNet reports time only, so MB/s is the UTF-8 size of what the
/// benchmark reads (the JSON for the baseline, the plan text otherwise) divided by the mean time.
/// MB is 10^6 bytes.
/// </summary>
public static class InputColumns
{
    /// <summary>Size of the input in MB.</summary>
    public static readonly IColumn InputMegabytes = InputColumn(
        "Input MB", "UTF-8 size of the input read (JSON for the baseline, plan text otherwise), 10^6 bytes",
        (bytes, tasks, mean) => (bytes / 1e6).ToString("0.00", CultureInfo.InvariantCulture));

    /// <summary>Throughput in MB/s of the benchmark's own input.</summary>
    public static readonly IColumn MegabytesPerSecond = InputColumn(
        "MB/s", "Input MB divided by the mean time",
        (bytes, tasks, mean) => mean is { } ns ? (bytes / 1e6 / (ns / 1e9)).ToString("0.0", CultureInfo.InvariantCulture) : "NA");

    /// <summary>Mean time per task, to check linear growth.</summary>
    public static readonly IColumn NanosecondsPerTask = InputColumn(
        "ns/task", "Mean time divided by the number of tasks (flat when time grows linearly)",
        (bytes, tasks, mean) => mean is { } ns ? (ns / tasks).ToString("N0", CultureInfo.InvariantCulture) : "NA");

    /// <summary>The UTF-8 size of the input a benchmark case reads.</summary>
    public static long InputBytes(BenchmarkCase benchmarkCase, out int tasks)
    {
        tasks = (int)benchmarkCase.Parameters["Tasks"];
        var plan = PlanInputs.Get(tasks);
        return benchmarkCase.Descriptor.WorkloadMethod.Name == nameof(ParseBindBenchmarks.Json) ? plan.JsonUtf8.Length : plan.PlanUtf8.Length;
    }

    private static IColumn InputColumn(string name, string legend, Func<long, int, double?, string> format) =>
        new DerivedColumn("PlanRules." + name, name, legend, (summary, benchmarkCase) =>
        {
            if (benchmarkCase.Descriptor.Type != typeof(ParseBindBenchmarks)) return "-";
            var bytes = InputBytes(benchmarkCase, out var tasks);
            return format(bytes, tasks, summary[benchmarkCase]?.ResultStatistics?.Mean);
        });
}

/// <summary>A custom numeric column whose cell is computed from the summary and the case ("-" when it does not apply).</summary>
public sealed class DerivedColumn(string id, string name, string legend, Func<Summary, BenchmarkCase, string> value) : IColumn
{
    /// <inheritdoc/>
    public string Id => id;
    /// <inheritdoc/>
    public string ColumnName => name;
    /// <inheritdoc/>
    public bool AlwaysShow => true;
    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;
    /// <inheritdoc/>
    public int PriorityInCategory => 0;
    /// <inheritdoc/>
    public bool IsNumeric => true;
    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;
    /// <inheritdoc/>
    public string Legend => legend;

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => value(summary, benchmarkCase);
}
