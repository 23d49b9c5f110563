using System.Diagnostics;
using System.Globalization;

namespace PlanRules.Benchmarks;

/// <summary>
/// <c>--profile-rules [TASKS]</c>: a stopwatch breakdown of the ten rules, for finding where the compiled rules
/// spend their time: each rule's compiled filter alone over every task, then both hits-only passes (the
/// runner's loop and the hand-written loop). Best of several rounds; numbers from one process, not a benchmark.
/// With <c>PR_PERF_LOOP=SECONDS</c> in the environment it only runs the rule runner for that long, for a sampling
/// profiler (<c>DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 perf record -g dotnet … --profile-rules 10000</c>).
/// With <c>PR_MEAN=RUNS</c> it only times that many runs of the runner after a warm-up: the spread of run times, the
/// collections per run and their pauses, and the last collections' generation sizes (<c>PR_PEERS=1</c> also keeps
/// the peers' inputs alive, as the benchmark process does).
/// </summary>
internal static class RulesProfile
{
    public static void Run(int tasks)
    {
        var model = TenRules.BuildModel(tasks);
        var rules = TenRules.Compile();
        var hand = new HandWrittenRules(rules);
        var views = model.Tasks;
        const int Rounds = 15;
        double Best(Action action)
        {
            action();
            var best = double.MaxValue;
            for (var r = 0; r < Rounds; r++)
            {
                var watch = Stopwatch.StartNew();
                action();
                best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
            }
            return best;
        }
        string PerTask(double ms) => (ms * 1e6 / views.Count).ToString("F1", CultureInfo.InvariantCulture).PadLeft(8);
        if (Environment.GetEnvironmentVariable("PR_MEAN") is { } meanRuns)
        {
            object? keep = null;
            if (Environment.GetEnvironmentVariable("PR_PEERS") == "1")
            {
                var facts = TaskFact.From(model);
                keep = (facts, RulesEngineRules.Inputs(facts), RulesEngineRules.Create(), NRulesRules.Compile());
            }
            for (var w = 0; w < 60; w++) global::PlanRules.Rules.RuleRunner.Run(rules, model);
            Thread.Sleep(1000);
            for (var w = 0; w < 60; w++) global::PlanRules.Rules.RuleRunner.Run(rules, model);
            var n = int.Parse(meanRuns, CultureInfo.InvariantCulture);
            var (g0, g1, g2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            var pause = GC.GetTotalPauseDuration();
            var times = new double[n];
            var all = Stopwatch.StartNew();
            for (var r = 0; r < n; r++)
            {
                var one = Stopwatch.GetTimestamp();
                global::PlanRules.Rules.RuleRunner.Run(rules, model);
                times[r] = Stopwatch.GetElapsedTime(one).TotalMilliseconds;
            }
            var total = all.Elapsed.TotalMilliseconds;
            Array.Sort(times);
            Console.WriteLine($"min {times[0]:F2} median {times[n / 2]:F2} p90 {times[n * 9 / 10]:F2} max {times[^1]:F2} ms");
            Console.WriteLine($"runner mean {total / n:F2} ms ({PerTask(total / n)} ns/task); gen0 {GC.CollectionCount(0) - g0} gen1 {GC.CollectionCount(1) - g1} gen2 {GC.CollectionCount(2) - g2} per {n}; pause {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds / n:F2} ms/run");
            foreach (var kind in new[] { GCKind.Ephemeral, GCKind.FullBlocking, GCKind.Background })
            {
                var info = GC.GetGCMemoryInfo(kind);
                Console.WriteLine($"last {kind}: index {info.Index} gen {info.Generation} compacted {info.Compacted} concurrent {info.Concurrent} promoted {info.PromotedBytes / 1024} KB heap {info.HeapSizeBytes / 1024} KB pause {string.Join(",", info.PauseDurations.ToArray().Select(p => p.TotalMilliseconds.ToString("F2", CultureInfo.InvariantCulture)))} ms; gens {string.Join(" ", info.GenerationInfo.ToArray().Select(g => $"{g.SizeBeforeBytes / 1024}->{g.SizeAfterBytes / 1024}KB"))}");
            }
            GC.KeepAlive(keep);
            return;
        }
        if (Environment.GetEnvironmentVariable("PR_PERF_LOOP") is { } seconds)
        {
            var until = Stopwatch.StartNew();
            while (until.Elapsed.TotalSeconds < double.Parse(seconds, CultureInfo.InvariantCulture)) global::PlanRules.Rules.RuleRunner.Run(rules, model);
            return;
        }
        // Warm up first: the compiled rules are optimised at once, but the methods they call (the library's, NodaTime's)
        // start unoptimised and are recompiled after 30 calls and a pause; measured before that, they look slow.
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < 1) global::PlanRules.Rules.RuleRunner.Run(rules, model);
        Thread.Sleep(500);
        global::PlanRules.Rules.RuleRunner.Run(rules, model);
        Console.WriteLine($"{tasks} tasks, best of {Rounds} rounds, ns per task");
        var sum = 0.0;
        foreach (var rule in rules.Rules)
        {
            var hits = 0;
            var ms = Best(() =>
            {
                hits = 0;
                for (var i = 0; i < views.Count; i++) if (rule.Fires(views[i], model)) hits++;
            });
            sum += ms;
            // What a finding costs beyond the filter: evaluating its holes and terms (and making the finding), per finding.
            var firing = views.Where(v => rule.Fires(v, model)).ToArray();
            var site = new global::PlanRules.Rules.FindingSite(global::PlanRules.Diagnostics.Location.None, null, null);
            var values = firing.Length == 0 ? 0 : Best(() => { foreach (var v in firing) rule.Report(v, model, site); }) * 1e6 / firing.Length;
            Console.WriteLine($"  {rule.Descriptor.Id}  {PerTask(ms)}  ({hits} hits; holes and terms {values,6:F0} ns per finding, {rule.ValueCount} values)");
        }
        var nested = global::PlanRules.Rules.RuleSet.Compile([new global::PlanRules.Text.SourceText("""
            rule N001 "nested" {
              for plan p
              when (count x in p.tasks: (count y in p.tasks: true) > 0) > 0
              message "m"
            }
            """, "nested.rules")]);
        var take = Math.Min(views.Count, 1000);
        var small = TenRules.BuildModel(take);
        Console.WriteLine($"  nested count over {take}² tasks: {Best(() => nested.Rules[0].Fires(small.Plan, small)):F1} ms");
        var standard = global::PlanRules.Rules.StandardRules.Compiled;
        Console.WriteLine($"  standard rules (all {standard.Rules.Length}) {PerTask(Best(() => global::PlanRules.Rules.RuleRunner.Run(standard, model)))}");
        foreach (var rule in standard.Rules)
        {
            IReadOnlyList<object> elements = rule.Target switch
            {
                global::PlanRules.Rules.Syntax.RuleTarget.Task => model.Tasks,
                global::PlanRules.Rules.Syntax.RuleTarget.Obligation => model.Obligations,
                global::PlanRules.Rules.Syntax.RuleTarget.Unit => model.Units,
                _ => [model.Plan],
            };
            var hits = 0;
            var ms = Best(() =>
            {
                hits = 0;
                for (var i = 0; i < elements.Count; i++) if (rule.Fires(elements[i], model)) hits++;
            });
            Console.WriteLine($"    {rule.Descriptor.Id} {PerTask(ms)}  ({rule.Target}, {elements.Count} elements, {hits} hits)");
        }
        Console.WriteLine($"  sum of rules      {PerTask(sum)}");
        Console.WriteLine($"  PlanRules hits    {PerTask(Best(() => RulesBenchmarks.ConditionHits(rules, model)))}");
        Console.WriteLine($"  hand-written hits {PerTask(Best(() => hand.Hits(views)))}");
        Console.WriteLine($"  PlanRules runner  {PerTask(Best(() => global::PlanRules.Rules.RuleRunner.Run(rules, model)))}");
        Console.WriteLine($"  hand-written      {PerTask(Best(() => hand.Findings(views)))}");
    }
}
