using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PlanRules.Rules;

namespace PlanRules.Tests.RulesProperties;

/// <summary>
/// <c>t.occurrences</c> (every obligation's occurrences) lets GOV005 read a task's first and latest record once
/// instead of over every pair of obligations. The new wording must report exactly what the old one did.
/// </summary>
public class TaskOccurrencesProperties
{
    private const string Pairwise = """
        rule OLD005 "两两比较" {
          for obligation o where o.task.recurring and o.status != waived
          when (any p in o.task.obligations: max(p.occurrences) - max(o.occurrences) > 365)
            or (max(o.occurrences) == none
                and any p in o.task.obligations: any q in o.task.obligations: max(p.occurrences) - min(q.occurrences) > 365)
          message "{o.task.id} {o.unit.name} {max(o.occurrences)}"
        }
        """;

    private static readonly RuleSet Both = PlanRules.Tests.Rules.RuleKit.CompileClean(Pairwise + StandardRules.Sources
        .Select(source => source.ToString())
        .Single(text => text.Contains("rule GOV005", StringComparison.Ordinal)));

    private static readonly string[] Units = ["区司法局", "区政府办", "市桥街", "石楼镇", "镇街", "有关单位"];

    /// <summary>Recurring tasks of several owners, with occurrences spread over three years: GOV005's ground.</summary>
    private static readonly Gen<PlanScenario> Recurring =
        from taskCount in Gen.Choose(1, 3)
        from leads in Gen.Shuffle(Units).Select(u => string.Join(", ", u.Take(3))).ArrayOf(taskCount)
        from recordCount in Gen.Choose(0, 14)
        from records in (
            from day in Gen.Choose(0, 3 * 365)
            from task in Gen.Choose(1, taskCount)
            from status in Gen.Elements("occurred", "occurred", "occurred", "done", "waived", "started")
            from owner in Gen.Elements(Units.Select(u => " by " + u).Append("").ToArray())
            select $"{PlanScenario.Iso(new NodaTime.LocalDate(2021, 1, 1).PlusDays(day))} task {task} {status}{owner}\n").ArrayOf(recordCount)
        from asOf in Gen.Choose(200, 4 * 365).Select(d => new NodaTime.LocalDate(2021, 1, 1).PlusDays(d))
        select new PlanScenario(
            """
            plan "三年计划" {
              issued 2021-01-01
              period 2021-01-01 .. 2023-12-31
            }
            unit 区司法局
            unit 区政府办
            unit 市桥街
            unit 石楼镇
            group 镇街 = 市桥街, 石楼镇
            group 有关单位

            """ + string.Concat(leads.Select((lead, i) => $"task {i + 1} \"任务\" {{ lead {lead} every quarter }}\n")),
            string.Concat(records), asOf);

    [Property(MaxTest = 300)]
    public Property Gov005ReportsWhatThePairwiseWordingReported() =>
        Prop.ForAll(Arb.From(Recurring), scenario =>
        {
            var model = scenario.Build();
            var found = RuleRunner.Run(Both, model);
            var old = found.Where(d => d.Id == "OLD005").Select(d => (d.TaskId, d.Unit)).ToList();
            var now = found.Where(d => d.Id == "GOV005").Select(d => (d.TaskId, d.Unit)).ToList();
            return old.SequenceEqual(now).Classify(now.Count > 0, "GOV005 fires").Label($"pairwise {string.Join(", ", old)}; GOV005 {string.Join(", ", now)}\n{scenario}");
        });

    [Property(MaxTest = 200)]
    public Property TaskOccurrencesAreTheObligationsOccurrencesInDateOrder() =>
        Prop.ForAll(Arb.From(RuleModelGenerators.Scenarios), scenario =>
            scenario.Build().Tasks.All(t => t.Occurrences.SequenceEqual(t.Obligations.SelectMany(o => o.Occurrences).Order())));
}
