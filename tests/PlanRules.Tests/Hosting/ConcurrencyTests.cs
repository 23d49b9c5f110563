using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using PlanRules.Analysis;
using PlanRules.Hosting;
using PlanRules.Output;
using PlanRules.Text;
using Xunit.Abstractions;
using static PlanRules.Tests.Hosting.HostingKit;

namespace PlanRules.Tests.Hosting;

/// <summary>Runs alone: it keeps every core busy, and other tests' time bounds should not feel it.</summary>
[CollectionDefinition(nameof(ConcurrencyTests), DisableParallelization = true)]
public sealed class ConcurrencyCollection;

/// <summary>One <see cref="IPlanChecker"/> serves concurrent requests and gives what a sequential run gives.</summary>
[Collection(nameof(ConcurrencyTests))]
public class ConcurrencyTests(ITestOutputHelper output)
{
    private const int Threads = 8;
    private const int ChecksPerThread = 200;

    private const string TownRule = """
        rule HOSTC1 "镇街义务未完成" {
          severity info
          category host
          for obligation o where isTown(o.unit.name)
          when o.status == open and o.due != none and o.due < today
          message "任务 {o.task.id}：{o.unit.name} 未完成"
          message en "Task {o.task.id}: {o.unit.name} not done"
        }
        """;

    [Fact]
    public void Eight_threads_times_two_hundred_checks_match_a_sequential_run()
    {
        using var provider = Build(s =>
        {
            s.AddSingleton<IClock>(new FakeClock(Instant.FromUtc(2021, 8, 15, 1, 0)));
            s.AddSingleton<UnitCounter>();
            s.AddPlanRules(o =>
                {
                    o.RuleTexts.Add(new SourceText(TownRule, "host/town.rules"));
                    o.AddAnalyzer<UnitCountingAnalyzer>();
                })
                .AddFunction("isTown", (string name) => name.EndsWith('镇') || name.EndsWith('街'))
                .AddAnalyzer<TaskCountAnalyzer>();
        });
        var checker = provider.GetRequiredService<IPlanChecker>();
        var requests = Requests();

        // The sequential run: every distinct request once.
        var watch = Stopwatch.StartNew();
        var expected = requests.Select((r, i) => Render(checker.Check(r), i)).ToArray();
        output.WriteLine($"sequential: {requests.Length} requests in {watch.ElapsedMilliseconds} ms");
        Assert.Equal(requests.Length, expected.Distinct(StringComparer.Ordinal).Count());

        // Each check picks a request: about one in twenty is the 50-task example, the rest are small plans.
        var random = new Random(20211231);
        var plan = Enumerable.Range(0, Threads)
            .Select(_ => Enumerable.Range(0, ChecksPerThread).Select(_ => random.Next(20) == 0 ? random.Next(ExampleCount) : ExampleCount + random.Next(requests.Length - ExampleCount)).ToArray())
            .ToArray();

        var mismatches = new ConcurrentQueue<string>();
        var failures = new ConcurrentQueue<Exception>();
        var done = 0;
        using var start = new Barrier(Threads);
        watch.Restart();
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                foreach (var index in plan[t])
                {
                    var rendered = Render(checker.Check(requests[index]), index);
                    if (!string.Equals(rendered, expected[index], StringComparison.Ordinal)) mismatches.Enqueue($"thread {t}, request {index}");
                    Interlocked.Increment(ref done);
                }
            }
            catch (Exception e)
            {
                failures.Enqueue(e);
            }
        }) { IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => Assert.True(t.Join(TimeSpan.FromMinutes(2)), "a checking thread did not finish"));
        output.WriteLine($"concurrent: {Threads * ChecksPerThread} checks in {watch.ElapsedMilliseconds} ms");

        Assert.Empty(failures);
        Assert.Empty(mismatches);
        Assert.Equal(Threads * ChecksPerThread, done);
        Assert.Contains(plan.SelectMany(p => p), i => i < ExampleCount);
    }

    private const int ExampleCount = 2;

    /// <summary>The distinct requests; the first <see cref="ExampleCount"/> are the example plan with its ledger.</summary>
    private static CheckRequest[] Requests()
    {
        var example = AddPlanRulesTests.ExampleRequest();
        var list = new List<CheckRequest>
        {
            example,
            example with { AsOf = Date("2021-10-01") },
        };
        string[] dates = ["2021-03-01", "2021-07-01", "2021-12-31"];
        foreach (var date in dates)
        {
            list.Add(Request(SmallPlan, asOf: date));
            list.Add(Request(SmallPlan, "2021-05-01 task 1 done by 市桥街 evidence \"链接\"\n2021-07-15 task 1 done\n2021-08-01 task 9 done\n", asOf: date));
            list.Add(Request(BrokenPlan, asOf: date));
        }
        list.Add(Request(SmallPlan, "2021-06-01 task 2 started\n", asOf: null)); // as of the fake clock: 2021-08-15
        list.Add(Request(BrokenPlan, asOf: null));
        list.Add(Request(SmallPlan.Replace("due 2021-06-30", "due 2021-06-30\n  suppress PR3001 \"同意延期\""), asOf: "2021-12-31"));
        list.Add(Request("plan \"x\" { period 2021-01-01 .. 2021-12-31 }\ntask 1 \"未闭合", asOf: "2021-12-31"));
        return [.. list];
    }

    /// <summary>The JSON report, in Chinese or English by request (both cultures are exercised concurrently).</summary>
    private static string Render(CheckResult result, int request) => JsonReport.Render(result, request % 2 == 0 ? Zh : En);
}
