using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using PlanRules.Analysis.Compliance;
using PlanRules.Binding;
using PlanRules.Ledger;
using PlanRules.Rules.Runtime;
using PlanRules.Text;

namespace PlanRules.Tests.RulesProperties;

/// <summary>A generated plan and ledger as text, and the as-of date they are checked at.</summary>
internal sealed record PlanScenario(string Plan, string Ledger, LocalDate AsOf)
{
    /// <summary>Binds the plan, evaluates the ledger and builds the views rules see, with the library's own pipeline.</summary>
    public RuleModel Build()
    {
        var plan = PlanBinder.Bind(new SourceText(Plan, "generated.plan"));
        var records = LedgerParser.Parse(Ledger, "generated.ledger").Records.Select((r, i) => r with { Order = i }).ToList();
        var (compliance, _) = ComplianceEvaluator.Evaluate(plan, records, AsOf);
        return RuleModel.Build(plan, compliance, AsOf);
    }

    public override string ToString() => $"as of {Iso(AsOf)}\n--- plan\n{Plan}--- ledger\n{Ledger}";

    internal static string Iso(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>
/// Small plans (1..6 tasks over four units, a closed and an open group) and ledgers (0..12 records) as text:
/// tasks with and without due and start dates, sections, dependencies, tags, notes, recurrences; records of
/// every status, with and without <c>by</c> and evidence, some after the as-of date. Plenty of none values.
/// </summary>
internal static class RuleModelGenerators
{
    private static readonly string[] Owners = ["区司法局", "区政府办", "市桥街", "石楼镇", "镇街", "有关单位"];
    private static readonly string[] Tags = ["公开", "年报", "\"x y\""];

    private static Gen<LocalDate> DateIn(LocalDate from, int days) => Gen.Choose(0, days).Select(from.PlusDays);

    private static Gen<string?> Maybe(Gen<string> gen, int percent) =>
        Gen.Frequency((percent, gen.Select(s => (string?)s)), (100 - percent, Gen.Constant((string?)null)));

    private sealed record TaskSpec(string Lead, string? With, string? Support, string? Due, string? Start, string? Every, string? Tags, string? Note, bool InSection, int AfterCount);

    private static Gen<string> Subset(string[] pool, int min, int max) =>
        from n in Gen.Choose(min, max)
        from shuffled in Gen.Shuffle(pool)
        select string.Join(", ", shuffled.Take(n));

    private static Gen<TaskSpec> Task { get; } =
        from lead in Subset(Owners, 1, 3)
        from with in Maybe(Gen.Elements(Owners), 35)
        from support in Maybe(Gen.Elements(Owners), 20)
        from due in Maybe(DateIn(new LocalDate(2021, 1, 15), 400).Select(PlanScenario.Iso), 65)
        from start in Maybe(DateIn(new LocalDate(2021, 1, 1), 200).Select(PlanScenario.Iso), 35)
        from every in Maybe(Gen.Elements("quarter", "month", "year at-least 2", "half-year"), 20)
        from tags in Maybe(Subset(Tags, 1, 2), 40)
        from note in Maybe(Gen.Elements("备注", "note"), 25)
        from inSection in Gen.Elements(true, false, false)
        from after in Gen.Choose(0, 2)
        select new TaskSpec(lead, with, support, due, start, every, tags, note, inSection, after);

    private static readonly string[] Statuses = ["done", "done", "done", "started", "progress 50%", "waived \"理由\"", "occurred", "occurred", "reopened"];

    private static Gen<string> Record(int taskCount) =>
        from date in DateIn(new LocalDate(2021, 1, 1), 420)
        from task in Gen.Choose(1, taskCount)
        from status in Gen.Elements(Statuses)
        from unit in Maybe(Gen.Elements(Owners), 60)
        from evidence in Maybe(Gen.Elements("https://e.gov.cn/1", "文号〔2021〕1号"), 35)
        select $"{PlanScenario.Iso(date)} task {task} {status}" + (unit is null ? "" : " by " + unit) + (evidence is null ? "" : $" evidence \"{evidence}\"");

    public static Gen<PlanScenario> Scenarios { get; } =
        from count in Gen.Choose(1, 6)
        from tasks in Task.ArrayOf(count)
        from recordCount in Gen.Choose(0, 12)
        from records in Record(count).ArrayOf(recordCount)
        from asOf in DateIn(new LocalDate(2021, 2, 1), 400)
        select new PlanScenario(PlanText(tasks), string.Concat(records.Select(r => r + "\n")), asOf);

    private static string PlanText(TaskSpec[] tasks)
    {
        var b = new StringBuilder("""
            plan "生成的计划" {
              issued 2021-01-01
              period 2021-01-01 .. 2021-12-31
            }
            unit 区司法局 "番禺区司法局"
            unit 区政府办
            unit 市桥街
            unit 石楼镇
            group 镇街 "各镇(街)" = 市桥街, 石楼镇
            group 有关单位 "各有关单位"

            """.ReplaceLineEndings("\n"));
        for (var i = 0; i < tasks.Length; i++)
        {
            var task = tasks[i];
            var id = i + 1;
            var indent = task.InSection ? "  " : "";
            if (task.InSection) b.Append($"section S{id} \"节{id}\" {{\n");
            b.Append(indent).Append($"task {id} \"任务{id}\" {{\n");
            void Item(string? keyword, string? value)
            {
                if (value is not null) b.Append(indent).Append("  ").Append(keyword).Append(' ').Append(value).Append('\n');
            }
            Item("lead", task.Lead);
            Item("with", task.With is not null && !task.Lead.Contains(task.With, StringComparison.Ordinal) ? task.With : null);
            Item("support", task.Support);
            Item("due", task.Due);
            Item("start", task.Start);
            Item("every", task.Every);
            Item("after", task.AfterCount > 0 && id > 1 ? string.Join(", ", Enumerable.Range(1, Math.Min(task.AfterCount, id - 1)).Select(k => id - k)) : null);
            Item("tag", task.Tags);
            Item("note", task.Note is null ? null : "\"" + task.Note + "\"");
            b.Append(indent).Append("}\n");
            if (task.InSection) b.Append("}\n");
        }
        return b.ToString();
    }
}
