using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using PlanRules.Diagnostics;
using PlanRules.Rules;
using PlanRules.Rules.Runtime;

namespace PlanRules.Benchmarks;

/// <summary>One finding reduced to what every implementation reports: which rule fired on which task.</summary>
public readonly record struct Hit(string RuleId, string TaskId);

/// <summary>
/// The baseline: the ten checks of <see cref="TenRules"/> as one hand-written pass over the same task views the
/// compiled rules see (<see cref="RuleModel.Tasks"/>), each check written once. <see cref="Findings"/> creates,
/// for every hit, the same <see cref="Diagnostic"/> the rule runner creates (descriptor, location, related
/// location, message in zh-CN and en, arguments, properties); <see cref="Hits"/> only lists (rule, task) pairs.
/// The descriptors and rule locations are taken from the compiled rule set, so the findings compare equal.
/// </summary>
public sealed class HandWrittenRules
{
    private readonly DiagnosticDescriptor[] _descriptors;
    private readonly ImmutableArray<Location>[] _related;

    /// <summary>Creates the checker with the descriptors of <paramref name="rules"/> (compiled from <see cref="TenRules.Source"/>).</summary>
    public HandWrittenRules(RuleSet rules)
    {
        _descriptors = [.. rules.Rules.Select(r => r.Descriptor)];
        _related = [.. rules.Rules.Select(r => ImmutableArray.Create(r.Location))];
        if (!_descriptors.Select(d => d.Id).SequenceEqual(TenRules.Ids)) throw new InvalidOperationException("rule ids out of order");
    }

    /// <summary>Every finding, as diagnostics (in task order, all rules of a task together).</summary>
    public List<Diagnostic> Findings(IReadOnlyList<TaskView> tasks)
    {
        var sink = new FindingSink(this, []);
        Check(tasks, ref sink);
        return sink.Found;
    }

    /// <summary>Every (rule, task) pair that fires, nothing else.</summary>
    public List<Hit> Hits(IReadOnlyList<TaskView> tasks)
    {
        var sink = new HitSink([]);
        Check(tasks, ref sink);
        return sink.Found;
    }

    private static void Check<TSink>(IReadOnlyList<TaskView> tasks, ref TSink sink) where TSink : struct, ISink
    {
        for (var i = 0; i < tasks.Count; i++)
        {
            var t = tasks[i];

            // BR01: more than five lead and co-operating units.
            if (t.Status != RuleStatus.Waived)
            {
                var units = t.Lead.Count + t.With.Count;
                if (units > 5) sink.Br01(t, units);
            }

            // BR02: no due date, yet other tasks follow it.
            if (t.Due is null && t.Dependents.Count > 0) sink.Br02(t, t.Dependents.Count);

            // BR03: no start, due within 30 days after the plan was issued.
            if (t.Start is null && t.Due is { } due && due >= TenRules.Issued)
            {
                var days = Period.DaysBetween(TenRules.Issued, due);
                if (days < 30) sink.Br03(t, due, days);
            }

            // BR04: a supporting unit is also accountable.
            if (t.Support.Count > 0)
            {
                var both = 0;
                for (var k = 0; k < t.Support.Count; k++)
                {
                    var u = t.Support[k];
                    if (In(u, t.Lead) || In(u, t.With) || In(u, t.Owners)) both++;
                }
                if (both > 0) sink.Br04(t, both);
            }

            // BR05: a co-operating unit is already a lead unit or a member of a lead group.
            if (t.With.Count > 0)
            {
                var twice = 0;
                for (var k = 0; k < t.With.Count; k++)
                {
                    var u = t.With[k];
                    if (In(u, t.Lead) || InMembers(u, t.Lead)) twice++;
                }
                if (twice > 0) sink.Br05(t, twice);
            }

            // BR06: only open groups are accountable.
            if (t.Lead.Count > 0 && AllOpen(t.Lead) && AllOpen(t.With)) sink.Br06(t);

            // BR07: a periodic duty without 'every'.
            if (!t.Recurring)
            {
                var tagged = In("定期", t.Tags);
                if (tagged)
                {
                    sink.Br07(t, RuleText.IsPeriodic(t.Title));
                }
                else if (RuleText.IsPeriodic(t.Title))
                {
                    sink.Br07(t, true);
                }
            }

            // BR08: title too long.
            if (t.Title.Length > TenRules.MaxTitle) sink.Br08(t, t.Title.Length);

            // BR09: a key task without a note.
            if (In("重点", t.Tags) && t.Notes.Count == 0) sink.Br09(t);

            // BR10: a dependency without due date, or due later than the task.
            if (t.Due is { } own)
            {
                for (var k = 0; k < t.Dependencies.Count; k++)
                {
                    if (t.Dependencies[k].Due is not { } other || other > own)
                    {
                        sink.Br10(t, own);
                        break;
                    }
                }
            }
        }
    }

    private static bool In<T>(T item, IReadOnlyList<T> list) where T : class
    {
        for (var i = 0; i < list.Count; i++) if (ReferenceEquals(list[i], item)) return true;
        return false;
    }

    private static bool In(string item, IReadOnlyList<string> list)
    {
        for (var i = 0; i < list.Count; i++) if (list[i] == item) return true;
        return false;
    }

    private static bool InMembers(UnitView unit, IReadOnlyList<UnitView> groups)
    {
        for (var i = 0; i < groups.Count; i++) if (In(unit, groups[i].Members)) return true;
        return false;
    }

    private static bool AllOpen(IReadOnlyList<UnitView> units)
    {
        for (var i = 0; i < units.Count; i++) if (!units[i].IsOpenGroup) return false;
        return true;
    }

    /// <summary>What a check reports, with the values its finding shows.</summary>
    private interface ISink
    {
        void Br01(TaskView t, int units);
        void Br02(TaskView t, int dependents);
        void Br03(TaskView t, LocalDate due, int days);
        void Br04(TaskView t, int both);
        void Br05(TaskView t, int twice);
        void Br06(TaskView t);
        void Br07(TaskView t, bool matches);
        void Br08(TaskView t, int length);
        void Br09(TaskView t);
        void Br10(TaskView t, LocalDate due);
    }

    private readonly struct HitSink(List<Hit> found) : ISink
    {
        public List<Hit> Found => found;
        public void Br01(TaskView t, int units) => found.Add(new("BR01", t.Id));
        public void Br02(TaskView t, int dependents) => found.Add(new("BR02", t.Id));
        public void Br03(TaskView t, LocalDate due, int days) => found.Add(new("BR03", t.Id));
        public void Br04(TaskView t, int both) => found.Add(new("BR04", t.Id));
        public void Br05(TaskView t, int twice) => found.Add(new("BR05", t.Id));
        public void Br06(TaskView t) => found.Add(new("BR06", t.Id));
        public void Br07(TaskView t, bool matches) => found.Add(new("BR07", t.Id));
        public void Br08(TaskView t, int length) => found.Add(new("BR08", t.Id));
        public void Br09(TaskView t) => found.Add(new("BR09", t.Id));
        public void Br10(TaskView t, LocalDate due) => found.Add(new("BR10", t.Id));
    }

    /// <summary>
    /// Builds the diagnostics: arguments and properties formatted at once (invariant, as the runner does), the
    /// message rendered from them when asked for (as the runner's template messages are).
    /// </summary>
    private readonly struct FindingSink(HandWrittenRules rules, List<Diagnostic> found) : ISink
    {
        private const string PeriodicTerm = "matches(t.title, \"" + TenRules.PeriodicPattern + "\")";

        public List<Diagnostic> Found => found;

        public void Br01(TaskView t, int units)
        {
            var n = Text(units);
            Add(0, t, new Message("任务 {0} 点名了 {1} 个牵头和会同单位，职责可能不清", "Task {0} names {1} lead and co-operating units; accountability may be unclear", t.Id, n),
                [new("count(t.lead) + count(t.with)", n)]);
        }

        public void Br02(TaskView t, int dependents)
        {
            var n = Text(dependents);
            Add(1, t, new Message("任务 {0} 没有期限，但有 {1} 项任务依赖它", "Task {0} has no due date, but {1} tasks follow it", t.Id, n),
                [new("count(t.dependents)", n)]);
        }

        public void Br03(TaskView t, LocalDate due, int days)
        {
            var date = Date(due);
            Add(2, t, new Message("任务 {0} 没有开始日期，期限 {1} 距印发日期不足 30 天", "Task {0} has no start date and falls due on {1}, less than 30 days after the plan was issued", t.Id, date),
                [new("t.due", date), new("t.due - 2021-07-20", Text(days))]);
        }

        public void Br04(TaskView t, int both)
        {
            var n = Text(both);
            Add(3, t, new Message("任务 {0} 的配合单位中有 {1} 个同时是牵头或会同单位", "Task {0}: {1} supporting units are also lead or co-operating units", t.Id, n),
                [new("(count u in t.support: u in t.lead or u in t.with or u in t.owners)", n)]);
        }

        public void Br05(TaskView t, int twice) =>
            Add(4, t, new Message("任务 {0} 的会同单位中有单位已是牵头单位或牵头组的成员", "Task {0}: a co-operating unit is already a lead unit or a member of a lead group", t.Id),
                [new("(count u in t.with: u in t.lead or (any g in t.lead: u in g.members))", Text(twice))]);

        public void Br06(TaskView t) =>
            Add(5, t, new Message("任务 {0} 的责任单位只有未列明成员的开放组，责任主体不明确", "Task {0} is owed only by open groups whose members are not listed", t.Id),
                [new("(all u in t.lead: u.isOpenGroup)", "true"), new("(all u in t.with: u.isOpenGroup)", "true")]);

        public void Br07(TaskView t, bool matches) =>
            Add(6, t, new Message("任务 {0} 要求定期开展，但没有 every", "Task {0} is a periodic duty but has no 'every'", t.Id),
                [new("t.tags", string.Join(", ", t.Tags)), new(PeriodicTerm, matches ? "true" : "false")]);

        public void Br08(TaskView t, int length)
        {
            var n = Text(length);
            Add(7, t, new Message("任务 {0} 的标题有 {1} 个字符，宜拆分或精简", "The title of task {0} has {1} characters; split or shorten it", t.Id, n),
                [new("len(t.title)", n)]);
        }

        public void Br09(TaskView t) =>
            Add(8, t, new Message("重点任务 {0} 没有 note 说明", "Key task {0} has no note", t.Id), [new("count(t.notes)", "0")]);

        public void Br10(TaskView t, LocalDate due) =>
            Add(9, t, new Message("任务 {0} 的期限为 {1}，但它依赖的任务中有没有期限或更晚到期的", "Task {0} is due {1}, but a task it follows has no due date or falls due later", t.Id, Date(due)),
                [new("any d in t.dependencies: d.due == none or d.due > t.due", "true")]);

        private void Add(int rule, TaskView t, Message message, KeyValuePair<string, string>[] properties) =>
            found.Add(Diagnostic.Create(rules._descriptors[rule], t.Symbol.Location, message, message.Arguments, t.Id, null, properties, rules._related[rule]));

        private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

        private static string Date(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>A message in zh-CN (the fallback) and en, formatted from its arguments when rendered.</summary>
    private sealed class Message(string chinese, string english, params string[] arguments) : LocalizableString
    {
        public string[] Arguments => arguments;

        public override string ToString(CultureInfo? culture) =>
            string.Format(CultureInfo.InvariantCulture, culture?.TwoLetterISOLanguageName == "en" ? english : chinese, arguments);
    }
}
