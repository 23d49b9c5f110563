using System.Diagnostics;
using System.Globalization;
using NodaTime;
using PlanRules.Analysis;
using PlanRules.Analysis.Compliance;
using PlanRules.Rules;
using PlanRules.Text;

namespace PlanRules.Benchmarks;

/// <summary>
/// <c>--check-ledger</c>: verifies the ledger inputs and times both sides with a stopwatch (no BenchmarkDotNet).
/// <c>--memory</c>: peak memory and allocations of the whole check of a 100k-task plan with 1M ledger records.
/// </summary>
internal static class LedgerTools
{
    public static void Check()
    {
        Console.WriteLine("  obligations | records   | method              |  best ms | alloc MB | ns/record | ratio | findings");
        foreach (var size in LedgerBenchmarks.Sizes())
        foreach (var scenario in Enum.GetValues<LedgerScenario>())
        {
            var benchmarks = new LedgerBenchmarks { Obligations = size, Ledger = scenario };
            var watch = Stopwatch.StartNew();
            benchmarks.Setup();
            Console.WriteLine($"  ({scenario}: set-up and verification of {size:N0}: {watch.Elapsed.TotalSeconds:0.0} s, {benchmarks.Input.Plan.Tasks.Length:N0} tasks, {benchmarks.Input.Plan.Obligations.Length:N0} obligations)");
            var hand = QuickCheck.Measure(() => benchmarks.HandLoop());
            var library = QuickCheck.Measure(() => benchmarks.Evaluate());
            var records = benchmarks.Input.Records.Length;
            var findings = LedgerBenchmarks.Summary(benchmarks.Evaluate().Item2);
            foreach (var (name, m) in new[] { ("Hand-written loop", hand), ("ComplianceEvaluator", library) })
            {
                Console.WriteLine($"  {benchmarks.Input.Plan.Obligations.Length,11:N0} | {records,9:N0} | {name,-19} | {m.Wall,8:0.0} | {m.AllocatedMB,8:0.0} | {m.Wall * 1e6 / records,9:0} | ×{m.Wall / hand.Wall:0.00} | {m.Gcs} {(name == "ComplianceEvaluator" ? findings : "")}");
            }
        }
    }

    /// <summary>Evaluates the first size in a loop for <paramref name="seconds"/> seconds (for a profiler).</summary>
    public static void Loop(int seconds)
    {
        var benchmarks = new LedgerBenchmarks
        {
            Obligations = LedgerBenchmarks.Sizes().First(),
            Ledger = Enum.Parse<LedgerScenario>(Environment.GetEnvironmentVariable("PLANRULES_BENCH_LEDGER") ?? "Realistic"),
        };
        benchmarks.Setup();
        var watch = Stopwatch.StartNew();
        var runs = 0;
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            GC.KeepAlive(benchmarks.Evaluate());
            runs++;
        }
        Console.WriteLine($"{runs} evaluations in {watch.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>Writes the inputs, then checks them in a fresh process so that its peak memory is the check's own.</summary>
    public static int Memory(int tasks, int records)
    {
        // PLANRULES_MEMORY_KEEP=DIR writes the inputs there and keeps them (for --memory-run DIR under other settings).
        var keep = Environment.GetEnvironmentVariable("PLANRULES_MEMORY_KEEP");
        var directory = keep is { Length: > 0 } ? Directory.CreateDirectory(keep).FullName : Directory.CreateTempSubdirectory("planrules-memory-").FullName;
        try
        {
            var watch = Stopwatch.StartNew();
            var generated = PlanGenerator.Generate(tasks);
            File.WriteAllBytes(Path.Combine(directory, "plan.plan"), generated.PlanUtf8);
            var plan = LedgerInputs.Bind(tasks);
            using (var writer = new StreamWriter(Path.Combine(directory, "progress.ledger")))
            {
                LedgerInputs.WriteLedger(writer, LedgerInputs.GenerateTimelines(plan, records, new LocalDate(2021, 11, 30), tasks));
            }
            Console.WriteLine($"wrote {directory}: plan.plan {new FileInfo(Path.Combine(directory, "plan.plan")).Length / 1e6:0.0} MB ({tasks:N0} tasks, {plan.Obligations.Length:N0} obligations), " +
                $"progress.ledger {new FileInfo(Path.Combine(directory, "progress.ledger")).Length / 1e6:0.0} MB ({records:N0} records) in {watch.Elapsed.TotalSeconds:0.0} s");
            plan = null;
            generated = null;

            var self = Environment.ProcessPath!;
            var start = new ProcessStartInfo(self) { UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(LedgerTools).Assembly.Location);
            start.ArgumentList.Add("--memory-run");
            start.ArgumentList.Add(directory);
            using var child = Process.Start(start)!;
            child.WaitForExit();
            return child.ExitCode;
        }
        finally
        {
            if (keep is not { Length: > 0 }) Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// What <c>planrules check DIR --as-of 2021-11-30</c> does, through the library: read, parse and bind the plan,
    /// read the ledger, evaluate, run the standard rules, order the findings. Prints the time, the bytes allocated
    /// (in all, per task) and the peak resident set (VmHWM) of this process.
    /// </summary>
    public static int MemoryRun(string directory)
    {
        if (Environment.GetEnvironmentVariable("PLANRULES_MEMORY_PHASES") is { Length: > 0 })
        {
            var sw = Stopwatch.StartNew();
            void P(string n)
            {
                var info = GC.GetGCMemoryInfo();
                Console.WriteLine($"{n,-14} {sw.Elapsed.TotalSeconds,5:0.0}s hwm {PeakResidentMB(),6:N0} MB heap {GC.GetTotalMemory(false) / 1e6,6:N0} MB; last GC gen{info.Generation}: " +
                    string.Join(" ", info.GenerationInfo.ToArray().Select((g, i) => $"g{i} {g.SizeBeforeBytes / 1e6:0}->{g.SizeAfterBytes / 1e6:0}")) + $" committed {info.TotalCommittedBytes / 1e6:0} frag {info.FragmentedBytes / 1e6:0}");
            }
            var pt = SourceText.FromFile(Path.Combine(directory, "plan.plan"));
            var lt = SourceText.FromFile(Path.Combine(directory, "progress.ledger"));
            P("read");
            if (Environment.GetEnvironmentVariable("PLANRULES_MEMORY_PHASES") == "gc-read") GC.Collect();
            var pf = Syntax.PlanParser.Parse(pt); P("parse");
            var bp = Binding.PlanBinder.Bind([pf]); P("bind");
            var ev = ComplianceEvaluator.Evaluate(bp, Ledger.LedgerParser.Stream(lt, null, _ => { }), new LocalDate(2021, 11, 30)); P("read+evaluate");
            if (Environment.GetEnvironmentVariable("PLANRULES_MEMORY_PHASES") == "gc") GC.Collect();
            var m = Rules.Runtime.RuleModel.Build(bp, ev.Result, new LocalDate(2021, 11, 30)); P("model");
            var rf = RuleRunner.Run(StandardRules.Compiled, m); P("rules");
            if (Environment.GetEnvironmentVariable("PLANRULES_MEMORY_PAUSE") is { Length: > 0 } pause)
            {
                Console.WriteLine($"pid {Environment.ProcessId}: paused {pause} s");
                Thread.Sleep(TimeSpan.FromSeconds(int.Parse(pause, CultureInfo.InvariantCulture)));
            }
            m = null;
            if (Environment.GetEnvironmentVariable("PLANRULES_MEMORY_PHASES") == "gc") GC.Collect();
            var all = Diagnostics.DiagnosticOrder.Sort(ev.Diagnostics.Concat(rf)); P("sort");
            GC.KeepAlive(all); GC.KeepAlive(pt); GC.KeepAlive(lt);
            return 0;
        }
        var watch = Stopwatch.StartNew();
        var request = new CheckRequest
        {
            Plans = [SourceText.FromFile(Path.Combine(directory, "plan.plan"))],
            Ledgers = [SourceText.FromFile(Path.Combine(directory, "progress.ledger"))],
            RuleSets = [StandardRules.Compiled],
            AsOf = new LocalDate(2021, 11, 30),
            BaseDirectory = directory,
        };
        var result = new PlanChecker().Check(request);
        var elapsed = watch.Elapsed;
        var peak = PeakResidentMB();
        var tasks = result.Plan.Tasks.Length;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var live = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"checked {tasks:N0} tasks, {result.Plan.Obligations.Length:N0} obligations, {result.RecordCount:N0} records in {elapsed.TotalSeconds:0.0} s: {result.Diagnostics.Length:N0} findings");
        Console.WriteLine("  findings: " + LedgerBenchmarks.Summary(result.Diagnostics));
        Console.WriteLine($"  peak resident set (VmHWM): {peak:N0} MB");
        Console.WriteLine($"  allocated in all: {allocated / 1e6:N0} MB, {allocated / (double)tasks / 1e3:0.0} KB per task");
        Console.WriteLine($"  live after a full GC, result held: {live / 1e6:N0} MB; GCs gen0/1/2: {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
        GC.KeepAlive(result);

        // The same steps one by one, to show where time and allocations go.
        Console.WriteLine("  by step (a second run, in this process):");
        var asOf = request.AsOf!.Value;
        Syntax.PlanFileSyntax? parsed = null;
        Binding.BoundPlan? plan = null;
        Ledger.LedgerFile? ledger = null;
        (ComplianceResult Result, System.Collections.Immutable.ImmutableArray<Diagnostics.Diagnostic> Diagnostics) compliance = default;
        Rules.Runtime.RuleModel? model = null;
        Step("parse plan", () => parsed = Syntax.PlanParser.Parse(request.Plans[0]));
        Step("bind", () => plan = Binding.PlanBinder.Bind([parsed!]));
        Step("parse ledger", () => ledger = Ledger.LedgerParser.Parse(request.Ledgers[0]));
        Step("evaluate", () => compliance = ComplianceEvaluator.Evaluate(plan!, ledger!.Records, asOf));
        Step("rule model", () => model = Rules.Runtime.RuleModel.Build(plan!, compliance.Result!, asOf));
        Diagnostics.DiagnosticList ruleFindings = Diagnostics.DiagnosticList.Empty;
        Step("standard rules", () => ruleFindings = RuleRunner.Run(StandardRules.Compiled, model!));
        Console.WriteLine($"    (the rule model is dropped after the rules run; findings: {compliance.Diagnostics.Length + ruleFindings.Count:N0})");
        GC.KeepAlive(ledger);
        return 0;
    }

    private static void Step(string name, Action action)
    {
        var live = GC.GetTotalMemory(forceFullCollection: true);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        action();
        var elapsed = watch.Elapsed;
        var allocatedNow = GC.GetTotalAllocatedBytes(precise: true);
        Console.WriteLine($"    {name,-15} {elapsed.TotalSeconds,6:0.00} s {(allocatedNow - allocated) / 1e6,9:N0} MB allocated {(GC.GetTotalMemory(forceFullCollection: true) - live) / 1e6,7:N0} MB kept");
    }

    private static double PeakResidentMB()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
            }
        }
        return Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;
    }
}
