using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using PlanRules.Syntax;

namespace PlanRules.Testing;

/// <summary>A generated task: its id, the units that owe it (closed groups already expanded), due date, dependencies.</summary>
public sealed record GeneratedTask(string Id, ImmutableArray<string> Owners, LocalDate? Due, ImmutableArray<string> After, bool Recurring);

/// <summary>A generated plan that binds without errors, with what a property needs to know about it.</summary>
public sealed record GeneratedPlan(string Text, LocalDate Start, LocalDate End, ImmutableArray<string> Units, ImmutableArray<GeneratedTask> Tasks)
{
    /// <summary>Every (task, unit) obligation.</summary>
    public IEnumerable<(GeneratedTask Task, string Unit)> Obligations => Tasks.SelectMany(t => t.Owners.Select(u => (t, u)));

    /// <summary>What the plan was built from, for shrinking (default for plans made by hand: they do not shrink).</summary>
    internal ImmutableArray<TaskSpec> Specs { get; init; }

    /// <inheritdoc/>
    public override string ToString() => Text;
}

/// <summary>A generated task as drawn, before the plan text is written (dependencies not yet filtered).</summary>
internal sealed record TaskSpec(string Id, string[] Lead, string[] With, LocalDate? Due, string[] After, bool Recurring);

/// <summary>
/// FsCheck generators of consistent plans, ledgers and as-of dates, so that a policy change can be tested as a
/// property ("no on-time ledger ever yields GOV004"). Plans use a 2021 period, a closed group of towns, an
/// open group, tasks with dues inside the period, dependencies pointing backwards and some recurring duties.
/// </summary>
public static class PlanGenerators
{
    private static readonly string[] Bureaus = ["区政府办", "区司法局", "区财政局", "区政务服务数据管理局", "区卫生健康局"];
    private static readonly string[] Towns = ["市桥街", "沙头街", "石楼镇", "南村镇"];
    private static readonly LocalDate PeriodStart = new(2021, 1, 1);
    private static readonly LocalDate PeriodEnd = new(2021, 12, 31);

    private static string Iso(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    private static Gen<TaskSpec> Task(int index) =>
        from leadCount in Gen.Choose(1, 3)
        from lead in Gen.Shuffle(Bureaus.Concat(["镇街", "有关单位"]).ToArray()).Select(a => a.Take(leadCount).ToArray())
        from withCount in Gen.Choose(0, 2)
        from with in Gen.Shuffle(Bureaus).Select(a => a.Where(b => !lead.Contains(b)).Take(withCount).ToArray())
        from hasDue in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
        from dueDay in Gen.Choose(30, 364)
        from afterCount in Gen.Choose(0, Math.Min(2, index))
        from after in Gen.Shuffle(Enumerable.Range(1, Math.Max(index, 1)).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray()).Select(a => index == 0 ? [] : a.Take(afterCount).ToArray())
        from recurring in Gen.Frequency((5, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new TaskSpec((index + 1).ToString(CultureInfo.InvariantCulture), lead, with, hasDue ? PeriodStart.PlusDays(dueDay) : null, after, recurring);

    /// <summary>Plans of 1 to <paramref name="maxTasks"/> tasks (at least 1).</summary>
    public static Gen<GeneratedPlan> Plans(int maxTasks = 8) =>
        maxTasks < 1 ? throw new ArgumentOutOfRangeException(nameof(maxTasks), maxTasks, "a plan has at least one task") :
        from count in Gen.Choose(1, maxTasks)
        from tasks in Gen.CollectToArray(Enumerable.Range(0, count), Task)
        select Build(tasks);

    private static GeneratedPlan Build(IReadOnlyList<TaskSpec> tasks)
    {
        // Dependencies must not be due after their dependents (that would be PR1007): drop later-due ones, and any
        // on a task that shrinking removed.
        var dues = tasks.ToDictionary(t => t.Id, t => t.Due);
        var text = new StringBuilder();
        text.Append("plan \"生成的计划\" {\n  ref \"测试〔2021〕1号\"\n  issued 2021-01-01\n  period ").Append(Iso(PeriodStart)).Append(" .. ").Append(Iso(PeriodEnd)).Append("\n}\n\n");
        foreach (var unit in Bureaus.Concat(Towns)) text.Append("unit ").Append(unit).Append(" \"").Append(unit).Append("\"\n");
        text.Append("group 镇街 \"各镇(街)\" = ").Append(string.Join(", ", Towns)).Append('\n');
        text.Append("group 有关单位 \"各有关单位\"\n\n");
        var generated = ImmutableArray.CreateBuilder<GeneratedTask>();
        foreach (var task in tasks)
        {
            var after = task.After.Where(a => dues.TryGetValue(a, out var due) && (due is null || task.Due is null || due <= task.Due)).ToArray();
            text.Append("task ").Append(task.Id).Append(" \"生成的任务 ").Append(task.Id).Append("\" {\n");
            text.Append("  lead ").Append(string.Join(", ", task.Lead)).Append('\n');
            if (task.With.Length > 0) text.Append("  with ").Append(string.Join(", ", task.With)).Append('\n');
            if (task.Due is { } due) text.Append("  due ").Append(Iso(due)).Append('\n');
            if (after.Length > 0) text.Append("  after ").Append(string.Join(", ", after)).Append('\n');
            if (task.Recurring) text.Append("  every quarter at-least 1\n");
            text.Append("}\n");
            var owners = task.Lead.Concat(task.With).SelectMany(u => u == "镇街" ? Towns : [u]).Distinct().ToImmutableArray();
            generated.Add(new GeneratedTask(task.Id, owners, task.Due, [.. after], task.Recurring));
        }
        var used = tasks.SelectMany(t => t.Lead.Concat(t.With)).ToHashSet();
        // Declare units that no task uses as used anyway through a last task, so the plan has no PR1009 noise.
        var unused = Bureaus.Where(b => !used.Contains(b)).Concat(used.Contains("镇街") ? [] : new[] { "镇街" }).Concat(used.Contains("有关单位") ? [] : new[] { "有关单位" }).ToArray();
        if (unused.Length > 0)
        {
            var id = (tasks.Max(t => int.Parse(t.Id, CultureInfo.InvariantCulture)) + 1).ToString(CultureInfo.InvariantCulture);
            text.Append("task ").Append(id).Append(" \"其余单位\" {\n  lead ").Append(string.Join(", ", unused)).Append("\n}\n");
            generated.Add(new GeneratedTask(id, [.. unused.SelectMany(u => u == "镇街" ? Towns : [u]).Distinct()], null, [], false));
        }
        return new GeneratedPlan(text.ToString(), PeriodStart, PeriodEnd, [.. Bureaus.Concat(Towns).Append("有关单位")], generated.ToImmutable())
        {
            Specs = [.. tasks],
        };
    }

    /// <summary>
    /// Smaller plans, most reducing first: without one task (its dependents forget it), then one task simpler —
    /// no <c>with</c>, no <c>after</c>, not recurring, no <c>due</c>, one <c>lead</c>. Each is a valid plan again.
    /// </summary>
    public static IEnumerable<GeneratedPlan> Shrink(GeneratedPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var specs = plan.Specs;
        if (specs.IsDefaultOrEmpty) yield break;
        if (specs.Length > 1)
        {
            for (var i = specs.Length - 1; i >= 0; i--)
            {
                var removed = specs[i].Id;
                yield return Build([.. specs.RemoveAt(i).Select(t => t with { After = [.. t.After.Where(a => a != removed)] })]);
            }
        }
        for (var i = 0; i < specs.Length; i++)
        {
            var task = specs[i];
            if (task.With.Length > 0) yield return Build(specs.SetItem(i, task with { With = [] }));
            if (task.After.Length > 0) yield return Build(specs.SetItem(i, task with { After = [] }));
            if (task.Recurring) yield return Build(specs.SetItem(i, task with { Recurring = false }));
            if (task.Due is not null) yield return Build(specs.SetItem(i, task with { Due = null }));
            if (task.Lead.Length > 1) yield return Build(specs.SetItem(i, task with { Lead = [task.Lead[0]] }));
        }
    }

    /// <summary>Any ledger: records for random obligations with random statuses and dates in the period.</summary>
    public static Gen<string> Ledgers(GeneratedPlan plan)
    {
        var obligations = plan.Obligations.ToArray();
        var record =
            from index in Gen.Choose(0, obligations.Length - 1)
            from day in Gen.Choose(0, 364)
            from status in Gen.Elements("started", "progress 50%", "done", "occurred", "waived \"因故豁免\"", "reopened")
            from evidence in Gen.Elements("", " evidence \"https://example.gov.cn/e\"")
            select $"{Iso(plan.Start.PlusDays(day))} task {obligations[index].Task.Id} {status} by {SyntaxFacts.FormatName(obligations[index].Unit)}{evidence}";
        return from count in Gen.Choose(0, 3 * obligations.Length)
               from lines in record.ArrayOf(count)
               select string.Join('\n', lines) + "\n";
    }

    /// <summary>
    /// A ledger in which every obligation is done on or before its due date (with evidence), never before the tasks
    /// it comes after (no PR3003), and every recurring obligation occurs in each quarter of the period (no PR3005).
    /// Checked as of a date on or after the period's end, such a ledger yields none of the ledger findings.
    /// </summary>
    public static Gen<string> OnTimeLedgers(GeneratedPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var obligations = plan.Obligations.ToArray();
        var recurring = obligations.Where(o => o.Task.Recurring).ToArray();
        return from early in Gen.Choose(0, 20).ArrayOf(obligations.Length)
               from days in Gen.Choose(0, 89).ArrayOf(recurring.Length * 4)
               select OnTime(plan, obligations, early, recurring, days);
    }

    private static string OnTime(GeneratedPlan plan, (GeneratedTask Task, string Unit)[] obligations, int[] early, (GeneratedTask Task, string Unit)[] recurring, int[] days)
    {
        // Dependencies point backwards, so from the last task to the first: a task's obligations are done by its
        // due and no later than the first obligation of any task after it is done.
        var dependents = plan.Tasks.SelectMany(t => t.After.Select(a => (Dependency: a, t.Id))).ToLookup(d => d.Dependency, d => d.Id);
        var firstDone = new Dictionary<string, LocalDate>();
        var dates = new LocalDate[obligations.Length];
        foreach (var task in plan.Tasks.Reverse())
        {
            var bound = task.Due ?? plan.End;
            foreach (var dependent in dependents[task.Id])
            {
                if (firstDone.TryGetValue(dependent, out var first) && first < bound) bound = first;
            }
            var earliest = bound;
            for (var i = 0; i < obligations.Length; i++)
            {
                if (obligations[i].Task.Id != task.Id) continue;
                dates[i] = LocalDate.Max(plan.Start, bound.PlusDays(-early[i]));
                earliest = LocalDate.Min(earliest, dates[i]);
            }
            firstDone[task.Id] = earliest;
        }
        var lines = obligations.Select((o, i) =>
            $"{Iso(dates[i])} task {o.Task.Id} done by {SyntaxFacts.FormatName(o.Unit)} evidence \"https://example.gov.cn/{o.Task.Id}\"").ToList();
        for (var r = 0; r < recurring.Length; r++)
        {
            for (var quarter = 0; quarter < 4; quarter++)
            {
                var start = plan.Start.PlusMonths(3 * quarter);
                var date = LocalDate.Min(start.PlusDays(days[4 * r + quarter]), start.PlusMonths(3).PlusDays(-1));
                lines.Add($"{Iso(date)} task {recurring[r].Task.Id} occurred by {SyntaxFacts.FormatName(recurring[r].Unit)}");
            }
        }
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>As-of dates from shortly before the plan period to shortly after it.</summary>
    public static Gen<LocalDate> AsOfDates(GeneratedPlan plan) => Gen.Choose(-30, 400).Select(d => plan.Start.PlusDays(d));

    /// <summary>The plans as an FsCheck arbitrary that shrinks a counterexample (<see cref="Shrink"/>) to a smaller valid plan.</summary>
    public static Arbitrary<GeneratedPlan> PlanArbitrary(int maxTasks = 8) => Arb.From(Plans(maxTasks), Shrink);
}
