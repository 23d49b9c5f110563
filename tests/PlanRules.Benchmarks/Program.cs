using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using PlanRules.Benchmarks;

// Everything:   dotnet run -c Release --project tests/PlanRules.Benchmarks -- --filter '*'
// Short run:    ... -- --filter '*' --job short
// Smoke check:  ... -- --filter '*' --quick            (one cold iteration per case: checks, not numbers)
// Fewer sizes:  ... -- --filter '*' --sizes 1000,10000 (default 1000,10000,50000,100000)
// Write files:  ... -- --emit 1000 /tmp/plans              (the generated plan and its JSON)
// No harness:   ... -- --check [--sizes ...]           (verify the generated plans, time with a stopwatch)
// Ledger check: ... -- --check-ledger                  (verify the ledger inputs, time both sides with a stopwatch)
// Rule profile: ... -- --profile-rules [TASKS]          (each rule's filter alone, both hits-only loops; stopwatch)
// Peak memory:  ... -- --memory [TASKS [RECORDS]]      (whole check of 100k tasks and 1M records in a fresh process)
var rest = new List<string>();
// BenchmarkDotNet builds a boilerplate project per run; on a busy 2-core machine that can exceed its 2-minute default.
var config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(15));
var check = false;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--check")
    {
        check = true;
    }
    else if (args[i] == "--check-ledger")
    {
        LedgerTools.Check();
        return 0;
    }
    else if (args[i] == "--profile-ledger")
    {
        // Runs ComplianceEvaluator.Evaluate in a loop for a profiler: dotnet-trace collect -- ... --profile-ledger [SECONDS]
        var seconds = i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : 20;
        LedgerTools.Loop(seconds);
        return 0;
    }
    else if (args[i] == "--profile-rules")
    {
        // --interpret first: rules run as the planrules tool runs them (System.Linq.Expressions interpreting, as in Native AOT).
        if (args.Contains("--interpret")) AppContext.SetSwitch("System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported", false);
        // Stopwatch breakdown of the ten rules: --profile-rules [TASKS] (default 100000)
        RulesProfile.Run(i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : 100_000);
        return 0;
    }
    else if (args[i] == "--memory")
    {
        // Peak memory of a whole check: --memory [TASKS [RECORDS]] (default 100000 tasks, 1000000 records)
        var tasks = i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        var records = i + 2 < args.Length ? int.Parse(args[i + 2], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
        return LedgerTools.Memory(tasks, records);
    }
    else if (args[i] == "--memory-run" && i + 1 < args.Length)
    {
        return LedgerTools.MemoryRun(args[i + 1]);
    }
    else if (args[i] == "--emit" && i + 2 < args.Length)
    {
        // Writes the generated plan and its JSON form: --emit 1000 /tmp/plans
        var tasks = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
        var directory = Directory.CreateDirectory(args[i + 2]).FullName;
        var plan = PlanInputs.Get(tasks);
        File.WriteAllBytes(Path.Combine(directory, $"generated-{tasks}.plan"), plan.PlanUtf8);
        File.WriteAllBytes(Path.Combine(directory, $"generated-{tasks}.json"), plan.JsonUtf8);
        Console.WriteLine($"wrote {directory}/generated-{tasks}.plan and .json");
        return 0;
    }
    else if (args[i] == "--quick")
    {
        config = config.AddJob(Job.Dry.WithId("Quick"));
    }
    else if (args[i] == "--sizes" && i + 1 < args.Length)
    {
        // Read by the [ParamsSource] in this process and inherited by the benchmark processes.
        Environment.SetEnvironmentVariable(PlanInputs.SizesVariable, args[++i]);
    }
    else
    {
        rest.Add(args[i]);
    }
}

if (check)
{
    QuickCheck.Run();
    return 0;
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run([.. rest], config);
ScalingNote.Print(summaries);
return 0;

/// <summary>Entry point (top-level statements).</summary>
public partial class Program;

/// <summary>After the tables: ratio to the baseline, MB/s and growth per task, by method across sizes.</summary>
internal static class ScalingNote
{
    public static void Print(IEnumerable<Summary> summaries)
    {
        foreach (var summary in summaries)
        {
            var reports = summary.Reports.Where(r => r.ResultStatistics is not null && r.BenchmarkCase.Descriptor.Type == typeof(ParseBindBenchmarks)).ToList();
            if (reports.Count == 0) continue;
            Console.WriteLine();
            Console.WriteLine("// * PlanRules note *");
            Console.WriteLine("// ×baseline = mean / mean of 'JSON + lookups' at the same size; MB/s = UTF-8 input (JSON for the baseline, plan text");
            Console.WriteLine("// otherwise) / mean; growth = time per task relative to the smallest size (1.00 everywhere = linear).");
            foreach (var job in reports.GroupBy(r => r.BenchmarkCase.Job.ResolvedId))
            {
                var bySize = job.GroupBy(r => (int)r.BenchmarkCase.Parameters["Tasks"]).OrderBy(g => g.Key).ToList();
                foreach (var method in job.Select(r => r.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo).Distinct())
                {
                    var cells = new List<string>();
                    double? first = null;
                    foreach (var size in bySize)
                    {
                        var report = size.FirstOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo == method);
                        var baseline = size.FirstOrDefault(r => r.BenchmarkCase.Descriptor.Baseline);
                        if (report is null) continue;
                        var mean = report.ResultStatistics!.Mean;
                        var perTask = mean / size.Key;
                        first ??= perTask;
                        var bytes = InputColumns.InputBytes(report.BenchmarkCase, out _);
                        var ratio = baseline is null ? "" : $" ×{mean / baseline.ResultStatistics!.Mean:0.00} baseline,";
                        cells.Add($"{size.Key / 1000}k: {mean / 1e6:0.0} ms,{ratio} {bytes / 1e6 / (mean / 1e9):0.0} MB/s, growth {perTask / first:0.00}");
                    }
                    Console.WriteLine($"// {job.Key} | {method.Trim('\''),-14} | {string.Join(" | ", cells)}");
                }
            }
        }
    }
}

/// <summary>
/// <c>--check</c>: verifies every size and times each method with a stopwatch, best of at least five runs
/// after warm-up, without BenchmarkDotNet. Also shows process CPU time (less disturbed than wall time on a
/// busy machine), GC pause time and bytes allocated per run.
/// </summary>
internal static class QuickCheck
{
    public static void Run()
    {
        Console.WriteLine("  tasks | plan MB | method       |  wall ms |   cpu ms | GC pause ms | alloc MB |  MB/s | ratio (wall, cpu)");
        foreach (var tasks in PlanInputs.Sizes())
        {
            var benchmarks = new ParseBindBenchmarks { Tasks = tasks };
            benchmarks.SetupBind();
            var json = Measure(() => benchmarks.Json());
            foreach (var (name, action, bytes) in new (string, Func<object>, int)[]
            {
                ("JSON+lookups", () => benchmarks.Json(), benchmarks.JsonBytes),
                ("Parse+bind", () => benchmarks.ParseAndBind(), benchmarks.PlanBytes),
                ("Parse", () => benchmarks.Parse(), benchmarks.PlanBytes),
                ("Bind", () => benchmarks.Bind(), benchmarks.PlanBytes),
            })
            {
                var m = name == "JSON+lookups" ? json : Measure(action);
                Console.WriteLine(
                    $"{tasks,7} | {benchmarks.PlanBytes / 1e6,7:0.00} | {name,-12} | {m.Wall,8:0.0} | {m.Cpu,8:0.0} | {m.Gc,11:0.0} | {m.AllocatedMB,8:0.0} | " +
                    $"{bytes / 1e6 / (m.Wall / 1e3),5:0.0} | ×{m.Wall / json.Wall:0.00}, ×{m.Cpu / json.Cpu:0.00}");
            }
        }
    }

    /// <summary>
    /// Best wall and CPU time of at least five runs after a second of warm-up, GC pause of the best run, bytes
    /// allocated per run, and collections per run (gen0/gen1/gen2).
    /// </summary>
    internal static (double Wall, double Cpu, double Gc, double AllocatedMB, string Gcs) Measure(Func<object> action)
    {
        var warmUp = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 5 || warmUp.ElapsedMilliseconds < 1000; i++) GC.KeepAlive(action());

        double wall = double.MaxValue, cpu = double.MaxValue, gc = 0;
        long allocated = 0;
        var total = System.Diagnostics.Stopwatch.StartNew();
        var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var runs = 0;
        for (; runs < 5 || (runs < 30 && total.ElapsedMilliseconds < 3000); runs++)
        {
            var bytes = GC.GetAllocatedBytesForCurrentThread();
            var pause = GC.GetTotalPauseDuration();
            var cpuStart = Environment.CpuUsage.TotalTime;
            var watch = System.Diagnostics.Stopwatch.StartNew();
            GC.KeepAlive(action());
            var elapsed = watch.Elapsed.TotalMilliseconds;
            cpu = Math.Min(cpu, (Environment.CpuUsage.TotalTime - cpuStart).TotalMilliseconds);
            if (elapsed < wall)
            {
                wall = elapsed;
                gc = (GC.GetTotalPauseDuration() - pause).TotalMilliseconds;
            }
            allocated = GC.GetAllocatedBytesForCurrentThread() - bytes;
        }
        var gcs = $"GCs/run {(GC.CollectionCount(0) - gen0) / (double)runs:0.#}/{(GC.CollectionCount(1) - gen1) / (double)runs:0.#}/{(GC.CollectionCount(2) - gen2) / (double)runs:0.#}";
        return (wall, cpu, gc, allocated / 1e6, gcs);
    }
}
