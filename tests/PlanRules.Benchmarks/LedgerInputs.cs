using System.Collections.Concurrent;
using NodaTime;
using PlanRules.Binding;
using PlanRules.Ledger;
using PlanRules.Syntax;
using PlanRules.Text;

namespace PlanRules.Benchmarks;

/// <summary>How the generated ledger is made.</summary>
public enum LedgerScenario
{
    /// <summary>Timelines per obligation, as a district office's ledger looks (<see cref="LedgerInputs.GenerateTimelines"/>).</summary>
    Realistic,
    /// <summary>Records with random obligations, dates and statuses: many more findings (<see cref="LedgerInputs.GenerateRecords"/>).</summary>
    Random,
}

/// <summary>A bound plan with about a given number of obligations, and ten ledger records per obligation.</summary>
public sealed class LedgerInput
{
    internal LedgerInput(BoundPlan plan, LedgerRecord[] records, LocalDate asOf)
    {
        Plan = plan;
        Records = records;
        AsOf = asOf;
    }

    /// <summary>The bound generated plan.</summary>
    public BoundPlan Plan { get; }

    /// <summary>The records, as a host hands them in (no locations), in ledger order.</summary>
    public LedgerRecord[] Records { get; }

    /// <summary>The as-of date: 2021-11-30, so some tasks are due soon and some are still ahead.</summary>
    public LocalDate AsOf { get; }
}

/// <summary>
/// Generates ledger benchmark inputs (deterministic). The plan comes from <see cref="PlanGenerator"/>, sized so
/// that it has at least the requested number of obligations; the records are
/// <see cref="RecordsPerObligation"/> per obligation, dated in 2021 up to the as-of date, with a realistic
/// mix of mistakes: 0.3 % dated after the as-of date (PR3009), 0.2 % naming an unknown task (PR3007), 0.5 %
/// naming a unit picked at random from the plan (often one that owes nothing: PR3008), 5 % without <c>by</c>
/// (the whole task).
/// </summary>
public static class LedgerInputs
{
    /// <summary>Records per obligation.</summary>
    public const int RecordsPerObligation = 10;

    /// <summary>The obligation counts benchmarked: 10k and 100k (with 100k and 1M records).</summary>
    public static readonly int[] DefaultSizes = [10_000, 100_000];

    private static readonly ConcurrentDictionary<(int, LedgerScenario), LedgerInput> Cache = new();

    /// <summary>The input for a number of obligations and a scenario (cached per process).</summary>
    public static LedgerInput Get(int obligations, LedgerScenario scenario) =>
        Cache.GetOrAdd((obligations, scenario), key => Generate(key.Item1, key.Item2));

    /// <summary>Generates the input for at least <paramref name="obligations"/> obligations.</summary>
    public static LedgerInput Generate(int obligations, LedgerScenario scenario)
    {
        // Obligations per task are stable across sizes (about 4.6: closed groups expand to 16 towns); calibrate
        // on a small plan, then grow the task count until the plan has enough.
        var probe = Bind(2_000);
        var perTask = (double)probe.Obligations.Length / probe.Tasks.Length;
        var tasks = Math.Max(10, (int)(obligations / perTask));
        var plan = Bind(tasks);
        while (plan.Obligations.Length < obligations)
        {
            tasks += Math.Max(1, (int)((obligations - plan.Obligations.Length) / perTask) + 1);
            plan = Bind(tasks);
        }

        var asOf = new LocalDate(2021, 11, 30);
        var count = plan.Obligations.Length * RecordsPerObligation;
        var records = scenario == LedgerScenario.Realistic
            ? GenerateTimelines(plan, count, asOf, obligations)
            : GenerateRecords(plan, count, asOf, obligations);
        return new LedgerInput(plan, records, asOf);
    }

    /// <summary>
    /// A plausible ledger of exactly <paramref name="count"/> records, in date order as offices keep them: each
    /// obligation has a timeline (started, progress reports, then done on time 80 %, done late 10 %, not done 7 %,
    /// waived 2 %, done, reopened and done again 1 %), recurring duties an occurrence record per period (85 %
    /// complete, the rest short), nothing dated after the as-of date; then the same kinds of mistakes as
    /// <see cref="GenerateRecords"/> (after the as-of date 0.3 %, unknown task 0.2 %, another unit 0.5 %, no
    /// <c>by</c> on 2 % of <c>done</c> records: the whole task reported done). "Started" records, then progress reports
    /// fill the records up to <paramref name="count"/>; when the outcomes alone are more than that, a random subset
    /// of them is kept.
    /// </summary>
    public static LedgerRecord[] GenerateTimelines(BoundPlan plan, int count, LocalDate asOf, int seed)
    {
        var random = new Random(seed);
        var planStart = plan.Plan.Start ?? new LocalDate(2021, 1, 1);
        var planEnd = plan.Plan.End ?? new LocalDate(2021, 12, 31);
        var records = new List<LedgerRecord>(count);
        var windows = new List<(string TaskId, string By, LocalDate From, LocalDate To)>();
        var starts = new List<LedgerRecord>();
        LocalDate Clamp(LocalDate d) => d < planStart ? planStart : d > asOf ? asOf : d;
        LocalDate Between(LocalDate from, LocalDate to) => to <= from ? from : from.PlusDays(random.Next(Period.DaysBetween(from, to) + 1));

        for (var o = 0; o < plan.Obligations.Length; o++)
        {
            var obligation = plan.Obligations[o];
            var task = obligation.Task;
            var by = obligation.Unit.Name;
            LedgerRecord Record(LocalDate date, LedgerStatus status) => new(date, task.Id, status) { By = by };
            if (task.Recurrence is { } recurrence)
            {
                var from = task.Start is { } ts && ts > planStart ? ts : planStart;
                foreach (var period in Analysis.Compliance.PlanPeriod.WholePeriods(recurrence.Period, from, asOf))
                {
                    var times = random.Next(100) < 85 ? recurrence.AtLeast : random.Next(recurrence.AtLeast);
                    for (var i = 0; i < times; i++) records.Add(Record(Between(period.Start, period.End), LedgerStatus.Occurred));
                }
                continue;
            }
            var due = task.Due ?? planEnd;
            var started = Clamp(due.PlusDays(-20 - random.Next(100)));
            if (started > asOf) continue;
            starts.Add(Record(started, LedgerStatus.Started));
            var roll = random.Next(100);
            LocalDate end;
            if (roll < 80) end = Between(due.PlusDays(-15), due);
            else if (roll < 90) end = due.PlusDays(1 + random.Next(60));
            else if (roll < 97) end = asOf.PlusDays(1);
            else if (roll < 99)
            {
                end = Between(started, due);
                if (end <= asOf) records.Add(Record(end, LedgerStatus.Waived) with { Reason = "职能调整，经区政府同意不再实施" });
                windows.Add((task.Id, by, started, end.PlusDays(-1)));
                continue;
            }
            else
            {
                var first = Between(started, due);
                if (first <= asOf) records.Add(Record(first, LedgerStatus.Done) with { Evidence = "首次报送材料" });
                if (first.PlusDays(10) <= asOf) records.Add(Record(first.PlusDays(10), LedgerStatus.Reopened) with { Note = "材料不全，退回补充" });
                end = first.PlusDays(20 + random.Next(30));
            }
            if (end < started) end = started;
            if (end <= asOf)
            {
                records.Add(Record(end, LedgerStatus.Done) with
                {
                    Evidence = random.Next(4) != 0 ? "番府办函〔2021〕" + random.Next(1000) + "号" : null,
                });
            }
            // Progress reports go strictly between start and end (or the as-of date), so they never decide.
            var last = (end <= asOf ? end : asOf.PlusDays(1)).PlusDays(-1);
            if (last > started) windows.Add((task.Id, by, started.PlusDays(1), last));
        }

        if (records.Count > count)
        {
            // Fewer records than the outcomes need (a thin ledger for a big plan): keep a random subset, so some
            // obligations have no done record and some periods no occurrence, as when offices report late.
            for (var i = 0; i < count; i++)
            {
                var j = i + random.Next(records.Count - i);
                (records[i], records[j]) = (records[j], records[i]);
            }
            records.RemoveRange(count, records.Count - count);
        }
        else
        {
            // Then "started" records, as many as fit, then progress reports up to the count.
            for (var i = 0; i < starts.Count && records.Count < count; i++)
            {
                var j = i + random.Next(starts.Count - i);
                (starts[i], starts[j]) = (starts[j], starts[i]);
                records.Add(starts[i]);
            }
            if (windows.Count == 0 && records.Count < count) throw new InvalidOperationException("No obligation can take a progress report.");
            while (records.Count < count)
            {
                var (taskId, by, from, to) = windows[random.Next(windows.Count)];
                records.Add(new LedgerRecord(Between(from, to), taskId, LedgerStatus.Progress) { By = by, Percent = 10 * (1 + random.Next(9)) });
            }
        }

        // Mistakes, then date order (stable), then the record numbers.
        var unitNames = plan.Units.Select(u => u.Name).ToArray();
        for (var i = 0; i < records.Count; i++)
        {
            var roll = random.Next(1000);
            var r = records[i];
            if (roll < 3) records[i] = r with { Date = asOf.PlusDays(1 + random.Next(30)) };
            else if (roll < 5) records[i] = r with { TaskId = "x" + r.TaskId };
            else if (roll < 10) records[i] = r with { By = unitNames[random.Next(unitNames.Length)] };
            else if (roll < 30 && r.Status == LedgerStatus.Done) records[i] = r with { By = null };
        }
        var ordered = records.OrderBy(r => r.Date).ToArray();
        for (var i = 0; i < ordered.Length; i++) ordered[i] = ordered[i] with { Order = i };
        return ordered;
    }

    /// <summary>Generates <paramref name="count"/> records about the plan's obligations (deterministic per seed).</summary>
    public static LedgerRecord[] GenerateRecords(BoundPlan plan, int count, LocalDate asOf, int seed)
    {
        var random = new Random(seed);
        var start = new LocalDate(2021, 1, 1);
        var days = Period.DaysBetween(start, asOf) + 1;
        var statuses = new (LedgerStatus Status, int Weight)[]
        {
            (LedgerStatus.Done, 40), (LedgerStatus.Progress, 20), (LedgerStatus.Started, 15), (LedgerStatus.Occurred, 18),
            (LedgerStatus.Waived, 3), (LedgerStatus.Reopened, 4),
        };
        var weightTotal = statuses.Sum(s => s.Weight);
        var unitNames = plan.Units.Select(u => u.Name).ToArray();
        var records = new LedgerRecord[count];
        for (var i = 0; i < count; i++)
        {
            var obligation = plan.Obligations[random.Next(plan.Obligations.Length)];
            var date = start.PlusDays(random.Next(days));
            var taskId = obligation.Task.Id;
            string? by = obligation.Unit.Name;
            var roll = random.Next(1000);
            if (roll < 3) date = asOf.PlusDays(1 + random.Next(30));
            else if (roll < 5) taskId = "x" + taskId;
            else if (roll < 10) by = unitNames[random.Next(unitNames.Length)];
            else if (roll < 60) by = null;

            var pick = random.Next(weightTotal);
            var status = statuses[0].Status;
            foreach (var (s, weight) in statuses)
            {
                if (pick < weight)
                {
                    status = s;
                    break;
                }
                pick -= weight;
            }
            records[i] = new LedgerRecord(date, taskId, status)
            {
                By = by,
                Percent = status == LedgerStatus.Progress ? 10 * (1 + random.Next(9)) : null,
                Evidence = status == LedgerStatus.Done && random.Next(4) != 0 ? "番府办函〔2021〕" + random.Next(1000) + "号" : null,
                Reason = status == LedgerStatus.Waived ? "职能调整" : null,
                Order = i,
            };
        }
        return records;
    }

    /// <summary>Writes records in the <c>.ledger</c> form, one a line.</summary>
    public static void WriteLedger(TextWriter writer, IEnumerable<LedgerRecord> records)
    {
        writer.WriteLine("// generated by tests/PlanRules.Benchmarks (--memory)");
        foreach (var r in records)
        {
            writer.Write(r.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            writer.Write(" task ");
            writer.Write(r.TaskId);
            writer.Write(' ');
            writer.Write(r.Status switch
            {
                LedgerStatus.Progress => $"progress {r.Percent}%",
                LedgerStatus.Waived => "waived " + Quote(r.Reason ?? ""),
                _ => r.Status.ToString().ToLowerInvariant(),
            });
            if (r.By is { } by) writer.Write(" by " + (by.Any(c => c is '(' or ')' or ' ' or '"') ? Quote(by) : by));
            if (r.Evidence is { } evidence) writer.Write(" evidence " + Quote(evidence));
            writer.WriteLine();
        }
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>Parses and binds a generated plan of <paramref name="tasks"/> tasks; throws on any finding.</summary>
    public static BoundPlan Bind(int tasks)
    {
        var plan = PlanBinder.Bind([PlanParser.Parse(SourceText.FromUtf8(PlanGenerator.Generate(tasks).PlanUtf8, "bench.plan"))]);
        if (!plan.Diagnostics.IsEmpty) throw new InvalidOperationException($"The generated plan of {tasks} tasks has findings: {plan.Diagnostics[0]}");
        return plan;
    }
}
