using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using PlanRules.Analysis;
using static PlanRules.Tests.Analysis.ComplianceKit;

namespace PlanRules.Tests.Analysis;

/// <summary>A generated task: owners as declared, due day (offset from 2021-01-01), recurrence, dependencies (earlier tasks).</summary>
internal sealed record GenTask(string Id, string[] Owners, int? DueDay, string? Every, int[] After);

/// <summary>
/// A generated plan over units u1, u2, u3, the closed group g = u1, u2 and the open group og. Obligations are
/// (task, unit) pairs with g expanded to its members.
/// </summary>
internal sealed record GenPlan(GenTask[] Tasks)
{
    public static readonly LocalDate Day0 = new(2021, 1, 1);

    public string Text
    {
        get
        {
            var b = new StringBuilder("""
                plan "生成的计划" {
                  issued 2021-01-01
                  period 2021-01-01 .. 2021-12-31
                }
                unit u1
                unit u2
                unit u3
                group g = u1, u2
                group og

                """);
            foreach (var t in Tasks)
            {
                b.Append("task ").Append(t.Id).Append(" \"t\" {\n  lead ").AppendJoin(", ", t.Owners).Append('\n');
                if (t.DueDay is { } due) b.Append("  due ").Append(Iso(due)).Append('\n');
                if (t.Every is { } every) b.Append("  every ").Append(every).Append('\n');
                if (t.After.Length > 0) b.Append("  after ").AppendJoin(", ", t.After.Select(i => Tasks[i].Id)).Append('\n');
                b.Append("}\n");
            }
            return b.ToString();
        }
    }

    public static IEnumerable<string> Expand(string owner) => owner == "g" ? ["u1", "u2"] : [owner];

    public IEnumerable<(GenTask Task, string Unit)> Obligations => Tasks.SelectMany(t => t.Owners.SelectMany(Expand).Select(u => (t, u)));

    public static string Iso(int day) => Day0.PlusDays(day).ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    public override string ToString() => Text;
}

/// <summary>A generated ledger line; <see cref="By"/> null means the whole task.</summary>
internal sealed record GenRecord(int Day, string Task, string Status, string? By)
{
    public string Line => $"{GenPlan.Iso(Day)} task {Task} {Status}" + (By is null ? "" : " by " + By);

    /// <summary>True when this record is about the obligation of <paramref name="unit"/> on <paramref name="task"/>.</summary>
    public bool AppliesTo(string task, string unit) => Task == task && (By is null || By == unit || (By == "g" && unit is "u1" or "u2"));

    public override string ToString() => Line;
}

internal sealed record Scenario(GenPlan Plan, GenRecord[] Records, int AsOfDay)
{
    public string Ledger => string.Join("\n", Records.Select(r => r.Line)) + "\n";

    public override string ToString() => $"{Plan.Text}--- ledger (as of {GenPlan.Iso(AsOfDay)})\n{Ledger}";
}

internal static class ComplianceGenerators
{
    private static readonly string[][] OwnerSets =
        [["u1"], ["u2"], ["u3"], ["g"], ["og"], ["u1", "u3"], ["g", "u3"], ["g", "og"], ["u2", "og"], ["u3", "og"]];

    private static readonly string[] Statuses = ["started", "progress 40%", "done", "done", "occurred", "waived", "waived \"不适用\"", "reopened"];

    private static readonly string?[] Bys = [null, null, "u1", "u2", "u3", "g", "og", "zz"];

    private static Gen<GenTask> Task(int index, bool dependencies) =>
        from owners in Gen.Elements(OwnerSets)
        from due in Gen.Frequency((3, Gen.Choose(0, 364).Select(d => (int?)d)), (1, Gen.Constant((int?)null)))
        from every in Gen.Frequency((4, Gen.Constant((string?)null)), (1, Gen.Elements<string?>("month", "quarter at-least 2", "half-year")))
        from after in dependencies && index > 0 ? Gen.SubListOf(Enumerable.Range(0, index)).Select(l => l.ToArray()) : Gen.Constant(Array.Empty<int>())
        select new GenTask("T" + index.ToString(CultureInfo.InvariantCulture), owners, due, every, after);

    public static Gen<GenPlan> Plan(bool dependencies) =>
        from n in Gen.Choose(1, 5)
        from tasks in Gen.CollectToArray(Enumerable.Range(0, n), i => Task(i, dependencies))
        select new GenPlan(tasks);

    public static Gen<GenRecord> Record(GenPlan plan, Gen<int> day) =>
        from d in day
        from task in Gen.Frequency((9, Gen.Elements(plan.Tasks.Select(t => t.Id))), (1, Gen.Constant("T9")))
        from status in Gen.Elements(Statuses)
        from owner in Gen.Elements(Bys)
        select new GenRecord(d, task, status, owner);

    public static Gen<GenRecord[]> Records(GenPlan plan) =>
        from n in Gen.Choose(0, 12)
        from records in Record(plan, Gen.Choose(-10, 400)).ArrayOf(n)
        select records;

    /// <summary>Records with distinct dates, so their order in the file cannot matter.</summary>
    public static Gen<GenRecord[]> DistinctDayRecords(GenPlan plan) =>
        from n in Gen.Choose(0, 12)
        from days in Gen.Shuffle(Enumerable.Range(-10, 411)).Select(d => d.Take(n).ToArray())
        from records in Gen.CollectToArray(days, d => Record(plan, Gen.Constant(d)))
        select records;

    /// <summary>
    /// Every obligation done on or before its due date (any date for tasks without one), by the whole task, by the
    /// declared owner (a closed group stands for its members) or by each unit; earlier lines of other statuses before.
    /// </summary>
    public static Gen<GenRecord[]> DoneOnTime(GenPlan plan) =>
        from perTask in Gen.CollectToArray(plan.Tasks, DoneOnTime)
        select perTask.SelectMany(r => r).ToArray();

    private static Gen<GenRecord[]> DoneOnTime(GenTask task)
    {
        var latest = task.DueDay ?? 364;
        Gen<GenRecord[]> Finish(string? owner) =>
            from done in Gen.Choose(latest - 60, latest)
            from count in Gen.Choose(0, 2)
            from noise in (from day in Gen.Choose(done - 90, done - 1)
                           from status in Gen.Elements("started", "progress 20%", "reopened", "occurred", "waived")
                           select new GenRecord(day, task.Id, status, owner)).ArrayOf(count)
            select noise.Append(new GenRecord(done, task.Id, "done", owner)).ToArray();
        return Gen.Choose(0, 2).SelectMany(mode =>
        {
            string?[] targets = mode switch
            {
                0 => new string?[] { null },
                1 => task.Owners,
                _ => [.. task.Owners.SelectMany(GenPlan.Expand)],
            };
            return Gen.CollectToArray(targets, Finish).Select(parts => parts.SelectMany(p => p).ToArray());
        });
    }

    public static Gen<int> AsOfDay { get; } = Gen.Choose(-10, 420);
}

/// <summary>Properties of as-of compliance over generated small plans and ledgers.</summary>
public class ComplianceProperties
{
    private static CheckResult Run(GenPlan plan, IEnumerable<GenRecord> records, int asOfDay) =>
        Check(plan.Text, string.Join("\n", records.Select(r => r.Line)) + "\n", GenPlan.Iso(asOfDay));

    /// <summary>Findings without their locations (ledger line numbers move when lines move).</summary>
    private static string[] Meaning(CheckResult result) =>
        [.. result.Diagnostics.Select(d => $"{d.Id}|{d.TaskId}|{d.Unit}|{d.GetMessage(Zh)}|{string.Join(",", d.Properties)}").Order(StringComparer.Ordinal)];

    private static string[] States(CheckResult result) =>
        [.. result.Compliance.States.Select(s => $"{s.Obligation}|{s.Status}|{s.Percent}|{s.CompletedOn}|{s.DaysOverdue}|{s.DaysLate}|{string.Join(";", s.Occurrences)}")];

    [Property(MaxTest = 150)]
    public Property Every_obligation_done_on_or_before_its_due_date_gives_no_overdue_or_late_finding()
    {
        var scenarios =
            from plan in ComplianceGenerators.Plan(dependencies: true)
            from records in ComplianceGenerators.DoneOnTime(plan)
            from shuffled in Gen.Shuffle(records)
            from asOf in ComplianceGenerators.AsOfDay
            select new Scenario(plan, shuffled, asOf);
        return Prop.ForAll(Arb.From(scenarios), s =>
        {
            var result = Run(s.Plan, s.Records, s.AsOfDay);
            Assert.DoesNotContain(result.Diagnostics, d => d.Id is "PR3001" or "PR3002");
            Assert.DoesNotContain(result.Diagnostics, d => d.Id is "PR3007" or "PR3008");
        });
    }

    [Property(MaxTest = 150)]
    public Property Shuffling_ledger_lines_with_distinct_dates_changes_nothing()
    {
        var scenarios =
            from plan in ComplianceGenerators.Plan(dependencies: true)
            from records in ComplianceGenerators.DistinctDayRecords(plan)
            from shuffled in Gen.Shuffle(records)
            from asOf in ComplianceGenerators.AsOfDay
            select (Original: new Scenario(plan, records, asOf), Shuffled: shuffled);
        return Prop.ForAll(Arb.From(scenarios), s =>
        {
            var original = Run(s.Original.Plan, s.Original.Records, s.Original.AsOfDay);
            var shuffled = Run(s.Original.Plan, s.Shuffled, s.Original.AsOfDay);
            Assert.Equal(Meaning(original), Meaning(shuffled));
            Assert.Equal(States(original), States(shuffled));
        });
    }

    [Property(MaxTest = 150)]
    public Property Adding_a_record_for_one_obligation_never_changes_another_obligation()
    {
        // Without dependencies: PR3003 and PR3004 are about task order and legitimately look across obligations.
        var scenarios =
            from plan in ComplianceGenerators.Plan(dependencies: false)
            from records in ComplianceGenerators.Records(plan)
            from target in Gen.Elements(plan.Obligations.ToArray())
            from day in Gen.Choose(-10, 400)
            from status in Gen.Elements("started", "progress 70%", "done", "occurred", "waived", "reopened")
            from position in Gen.Choose(0, records.Length)
            from asOf in ComplianceGenerators.AsOfDay
            select (Base: new Scenario(plan, records, asOf), Added: new GenRecord(day, target.Task.Id, status, target.Unit), Position: position);
        return Prop.ForAll(Arb.From(scenarios), s =>
        {
            var (task, unit) = (s.Added.Task, s.Added.By!);
            var records = s.Base.Records.ToList();
            records.Insert(s.Position, s.Added);
            var before = Run(s.Base.Plan, s.Base.Records, s.Base.AsOfDay);
            var after = Run(s.Base.Plan, records, s.Base.AsOfDay);

            string[] Others(CheckResult r) =>
            [
                .. r.Diagnostics.Where(d => d.Unit is not null && d.TaskId is not null && !(d.TaskId == task && d.Unit == unit) && d.Id.StartsWith("PR300", StringComparison.Ordinal))
                    .Select(d => $"{d.Id}|{d.TaskId}|{d.Unit}|{d.GetMessage(Zh)}").Order(StringComparer.Ordinal),
                .. States(r).Where(line => !line.StartsWith($"{task}/{unit}|", StringComparison.Ordinal)),
            ];
            Assert.Equal(Others(before), Others(after));
        });
    }

    [Property(MaxTest = 150)]
    public Property Moving_the_as_of_date_later_never_removes_an_overdue_finding_unless_a_record_in_between_explains_it()
    {
        var scenarios =
            from plan in ComplianceGenerators.Plan(dependencies: true)
            from records in ComplianceGenerators.Records(plan)
            from early in ComplianceGenerators.AsOfDay
            from gap in Gen.Choose(1, 200)
            select (Scenario: new Scenario(plan, records, early), Later: early + gap);
        return Prop.ForAll(Arb.From(scenarios), s =>
        {
            var early = Run(s.Scenario.Plan, s.Scenario.Records, s.Scenario.AsOfDay);
            var later = Run(s.Scenario.Plan, s.Scenario.Records, s.Later);
            var stillOverdue = later.Findings("PR3001").Select(d => (d.TaskId, d.Unit)).ToHashSet();
            foreach (var overdue in early.Findings("PR3001"))
            {
                if (stillOverdue.Contains((overdue.TaskId, overdue.Unit))) continue;
                Assert.True(
                    s.Scenario.Records.Any(r => r.Day > s.Scenario.AsOfDay && r.Day <= s.Later && r.AppliesTo(overdue.TaskId!, overdue.Unit!)),
                    $"PR3001 {overdue.TaskId}/{overdue.Unit} disappeared between {GenPlan.Iso(s.Scenario.AsOfDay)} and {GenPlan.Iso(s.Later)} with no record in between");
            }
        });
    }

    [Fact]
    public void Generated_scenarios_reach_the_findings_the_properties_talk_about()
    {
        // Guards the generators (fixed seed, so it cannot flake): if they stopped producing overdue or late
        // obligations the properties would pass vacuously.
        var seen = new HashSet<string>();
        var scenarios = (from plan in ComplianceGenerators.Plan(dependencies: true)
                         from records in ComplianceGenerators.Records(plan)
                         from asOf in ComplianceGenerators.AsOfDay
                         select new Scenario(plan, records, asOf)).Sample(numberOfSamples: 150, seed: new Rnd(20211231UL), size: 30);
        foreach (var s in scenarios)
        {
            seen.UnionWith(Run(s.Plan, s.Records, s.AsOfDay).Diagnostics.Select(d => d.Id));
        }
        Assert.Superset(new HashSet<string> { "PR3001", "PR3002", "PR3003", "PR3004", "PR3005", "PR3006", "PR3007", "PR3008", "PR3009" }, seen);
    }
}
