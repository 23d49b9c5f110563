using System.Diagnostics;
using System.Globalization;

namespace PlanRules.Benchmarks;

/// <summary>
/// <c>--profile-rules [TASKS]</c>: a stopwatch breakdown of the ten rules, for finding where the compiled rules
/// spend their time: each rule's compiled filter alone over every task, then both hits-only passes (the
/// runner's loop and the hand-written loop). Best of several rounds; numbers from one process, not a benchmark.
/// With <c>PR_PERF_LOOP=SECONDS</c> in the environment it only runs the rule runner for that long, for a sampling
/// profiler (<c>DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 perf record -g dotnet … --profile-rules 10000</c>).
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
        if (Environment.GetEnvironmentVariable("PR_PERF_LOOP") is { } seconds)
        {
            var until = Stopwatch.StartNew();
            while (until.Elapsed.TotalSeconds < double.Parse(seconds, CultureInfo.InvariantCulture)) global::PlanRules.Rules.RuleRunner.Run(rules, model);
            return;
        }
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
            // What a finding costs beyond the filter: evaluating its holes and terms, per finding.
            var firing = views.Where(v => rule.Fires(v, model)).ToArray();
            var values = firing.Length == 0 ? 0 : Best(() => { foreach (var v in firing) rule.Evaluate(v, model); }) * 1e6 / firing.Length;
            Console.WriteLine($"  {rule.Descriptor.Id}  {PerTask(ms)}  ({hits} hits; holes and terms {values,6:F0} ns per finding)");
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
