using System.Diagnostics;
using System.Text;
using PlanRules.Rules;
using static PlanRules.Tests.Rules.RuleKit;

namespace PlanRules.Tests.Rules;

/// <summary>
/// A rule whose loops explode (quantifiers nested deep over lists of two) faults each element at the step limit,
/// and after <see cref="RuleRunner.MaxStepLimitFaults"/> such elements it is stopped for the rest: a small rules file
/// can no longer hold a check for ever. Rules under the limit, however many steps, answer as before.
/// </summary>
public class StepLimitTests
{
    private static readonly string Plan = Header + string.Concat(Enumerable.Range(1, 6).Select(i => $"task {i} \"任务{i}\" {{ lead 区政府办, 区司法局 }}\n"));

    private static string Nested(int depth, string body) =>
        "rule X001 \"嵌套\" {\n  for task t\n  when " + string.Concat(Enumerable.Range(0, depth).Select(i => $"any x{i} in t.lead: ")) + body + "\n  message \"任务 {t.id}\"\n}\n"
        + "rule X002 \"其他规则\" { for task t when t.id == \"6\" }\n";

    [Fact]
    public void ExplodingQuantifiersFaultThreeElementsThenTheRuleStops()
    {
        // 2^40 items if nothing stopped it.
        var set = CompileClean(Nested(40, "false"));
        var watch = Stopwatch.StartNew();
        var result = Check(Plan, null, "2021-12-31", set);
        Assert.True(watch.Elapsed < TimeSpan.FromMinutes(2), $"took {watch.Elapsed}");

        var faults = Findings(result, "PR2005");
        Assert.Equal(RuleRunner.MaxStepLimitFaults + 1, faults.Length);
        var perElement = faults.Where(d => d.TaskId is not null).ToList();
        Assert.Equal(new[] { "1", "2", "3" }, perElement.Select(d => d.TaskId));
        Assert.Equal("规则 X001 无法在 任务 1 上求值：求值超过 2,000,000 步的上限（量词嵌套过深，或列表过长）", perElement[0].GetMessage(Zh));
        Assert.Equal("Rule X001 could not be evaluated on task 1: evaluation exceeded the limit of 2,000,000 steps (quantifiers nested too deep, or lists too long)",
            perElement[0].GetMessage(En));
        Assert.Equal(PositionOf(Plan, "task 1"), (perElement[0].Location.Line, perElement[0].Location.Column));

        var stopped = Assert.Single(faults, d => d.TaskId is null);
        Assert.Equal((RulesPath, 1, 6), (stopped.Location.Path, stopped.Location.Line, stopped.Location.Column));
        Assert.Equal("规则 X001 无法在 其余 3 个任务 上求值：已在 3 个元素上超过求值步数上限，规则对其余元素停止求值", stopped.GetMessage(Zh));
        Assert.Equal("Rule X001 could not be evaluated on the remaining 3 tasks: it exceeded the step limit on 3 elements, so it is stopped for the rest",
            stopped.GetMessage(En));
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "X001");
        // The other rules still run on every element.
        Assert.Equal("6", Single(result.Diagnostics, "X002").TaskId);
    }

    [Fact]
    public void AStoppedRuleOnTheLastElementsSaysNothingMoreThanTheFaults()
    {
        const string plan = Header + "task 1 \"一\" { lead 区政府办 }\ntask 2 \"二\" { lead 区政府办, 区司法局 }\ntask 3 \"三\" { lead 区政府办, 区司法局 }\ntask 4 \"四\" { lead 区政府办, 区司法局 }\n";
        var result = Check(plan, null, "2021-12-31", CompileClean(Nested(40, "false")));
        // Task 1 has one lead: 40 steps, no fault. Tasks 2-4 fault; no element is left to stop the rule for.
        Assert.Equal(new[] { "2", "3", "4" }, Findings(result, "PR2005").Select(d => d.TaskId));
    }

    [Fact]
    public void StepsAreCountedPerElementAndPerEvaluation()
    {
        // 2^20 + ... + 2 = 2,097,150 items: over the limit. 2^19 + ... = 1,048,574: under it, on every element.
        var over = Check(Plan, null, "2021-12-31", CompileClean(Nested(20, "false")));
        Assert.Equal(RuleRunner.MaxStepLimitFaults + 1, Findings(over, "PR2005").Length);
        var under = Check(Plan, null, "2021-12-31", CompileClean(Nested(19, "false")));
        Assert.Empty(Findings(under, "PR2005"));
        Assert.Empty(Findings(under, "X001"));
        // 'any' stops at the first true item: one path of 19 items per element, reported on all six.
        var found = Check(Plan, null, "2021-12-31", CompileClean(Nested(19, "true")));
        Assert.Equal(6, Findings(found, "X001").Length);
    }

    [Fact]
    public void PlanRulesComparingEveryTwoTasksOfAThousandRun()
    {
        var plan = new StringBuilder(Header);
        for (var i = 1; i <= 1000; i++) plan.Append($"task {i} \"任务{i}\" {{ lead 区政府办 }}\n");
        var set = CompileClean("""
            rule P001 "标题重复" {
              for plan p
              when any a in p.tasks: any b in p.tasks: a.title == b.title and a.id != b.id
              message "有重复标题"
            }
            rule P002 "计数" {
              for plan p
              when (count a in p.tasks: (count b in p.tasks: b.id == a.id) == 1) == 1000
            }
            """);
        var result = Check(plan.ToString(), null, "2021-12-31", set);
        Assert.Empty(Findings(result, "PR2005"));
        Assert.Empty(Findings(result, "P001"));
        Assert.Single(Findings(result, "P002"));
    }
}
