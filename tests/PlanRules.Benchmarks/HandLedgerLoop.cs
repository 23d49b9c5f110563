using NodaTime;
using PlanRules.Binding;
using PlanRules.Ledger;
using PlanRules.Syntax;

namespace PlanRules.Benchmarks;

/// <summary>One finding of the hand-written loop: a code, the task (index in plan order, or -1), the unit and a number.</summary>
public readonly record struct HandFinding(string Code, int Task, string? TaskId, string? Unit, int Value);

/// <summary>The hand-written loop's output: findings in plan order and the per-unit counts.</summary>
public sealed record HandLedgerResult(List<HandFinding> Findings, Dictionary<UnitSymbol, int[]> Units);

/// <summary>
/// The baseline of the ledger benchmark: what a programmer would write by hand for one plan, with the same
/// semantics as <c>ComplianceEvaluator</c> (latest record by date then order; <c>reopened</c> undoes
/// <c>done</c>; a record without <c>by</c> applies to all the task's obligations; a closed group expands;
/// PR3001..PR3009; the per-unit counts) but none of its generality: arrays indexed by obligation, day
/// numbers instead of NodaTime periods, calendar periods by arithmetic, findings as small structs with no
/// message, location or properties. It is the floor, not a competitor.
/// </summary>
public static class HandLedgerLoop
{
    private const int Started = 1, InProgress = 2, Done = 3, Waived = 4;

    /// <summary>Evaluates the records against the plan as of a date.</summary>
    public static HandLedgerResult Run(BoundPlan plan, LedgerRecord[] records, LocalDate asOf, int dueSoonDays = 14, int atRiskDays = 30)
    {
        var obligations = plan.Obligations;
        var tasks = plan.Tasks;
        var findings = new List<HandFinding>();

        var taskIndex = new Dictionary<string, int>(tasks.Length, StringComparer.Ordinal);
        var taskNumber = new Dictionary<TaskSymbol, int>(tasks.Length, ReferenceEqualityComparer.Instance);
        for (var t = 0; t < tasks.Length; t++)
        {
            taskIndex[tasks[t].Id] = t;
            taskNumber[tasks[t]] = t;
        }
        var units = new Dictionary<string, UnitSymbol>(StringComparer.Ordinal);
        foreach (var unit in plan.Units)
        {
            units[unit.Name] = unit;
            foreach (var alias in unit.Aliases) units[alias] = unit;
        }
        // Obligations of a task are contiguous in plan order: first index per task, and index per (task, unit).
        var first = new int[tasks.Length + 1];
        var obligationTask = new int[obligations.Length];
        var byTaskAndUnit = new Dictionary<(int, UnitSymbol), int>(obligations.Length);
        for (var i = 0; i < obligations.Length; i++)
        {
            var t = taskNumber[obligations[i].Task];
            obligationTask[i] = t;
            byTaskAndUnit[(t, obligations[i].Unit)] = i;
        }
        for (int i = 0, t = 0; t <= tasks.Length; t++)
        {
            while (i < obligations.Length && obligationTask[i] < t) i++;
            first[t] = i;
        }

        var asOfDay = Day(asOf);
        var latest = new int[obligations.Length];
        Array.Fill(latest, -1);
        var occurrences = new List<int>?[obligations.Length];
        var evidence = new List<string>?[obligations.Length];
        Span<int> one = stackalloc int[1];
        var members = new List<int>();
        for (var r = 0; r < records.Length; r++)
        {
            var record = records[r];
            var day = Day(record.Date);
            if (day > asOfDay)
            {
                findings.Add(new("PR3009", -1, record.TaskId, record.By, day - asOfDay));
                continue;
            }
            if (!taskIndex.TryGetValue(record.TaskId, out var t))
            {
                findings.Add(new("PR3007", -1, record.TaskId, record.By, 0));
                continue;
            }
            int from, to;
            if (record.By is null)
            {
                from = first[t];
                to = first[t + 1];
                for (var o = from; o < to; o++) Apply(o, record, r, day);
                continue;
            }
            members.Clear();
            if (units.TryGetValue(record.By, out var unit))
            {
                if (byTaskAndUnit.TryGetValue((t, unit), out var direct)) members.Add(direct);
                else if (unit.IsClosedGroup)
                {
                    foreach (var member in unit.ExpandedMembers)
                    {
                        if (byTaskAndUnit.TryGetValue((t, member), out var o)) members.Add(o);
                    }
                }
            }
            if (members.Count == 0)
            {
                findings.Add(new("PR3008", -1, record.TaskId, record.By, 0));
                continue;
            }
            foreach (var o in members) Apply(o, record, r, day);
        }

        void Apply(int o, LedgerRecord record, int r, int day)
        {
            if (record.Evidence is { Length: > 0 } e) (evidence[o] ??= []).Add(e);
            if (record.Status is LedgerStatus.Occurred or LedgerStatus.Done) (occurrences[o] ??= []).Add(day);
            if (record.Status == LedgerStatus.Occurred) return;
            var current = latest[o];
            if (current < 0 || day > Day(records[current].Date) || (day == Day(records[current].Date) && record.Order >= records[current].Order)) latest[o] = r;
        }

        // Status, completion and days per obligation.
        var status = new int[obligations.Length];
        var completed = new int[obligations.Length];
        var overdue = new int[obligations.Length];
        var late = new int[obligations.Length];
        for (var o = 0; o < obligations.Length; o++)
        {
            var l = latest[o];
            status[o] = l < 0 ? 0 : records[l].Status switch
            {
                LedgerStatus.Started or LedgerStatus.Reopened => Started,
                LedgerStatus.Progress => InProgress,
                LedgerStatus.Done => Done,
                LedgerStatus.Waived => Waived,
                _ => 0,
            };
            completed[o] = status[o] == Done ? Day(records[l].Date) : int.MinValue;
            occurrences[o]?.Sort();
            if (obligations[o].Task.Due is { } due)
            {
                var dueDay = Day(due);
                if (status[o] is not (Done or Waived) && asOfDay > dueDay) overdue[o] = asOfDay - dueDay;
                if (status[o] == Done && completed[o] > dueDay) late[o] = completed[o] - dueDay;
            }
        }

        // Task completion: the last completion date when every obligation is settled (int.MinValue: waivers only).
        var taskDone = new int?[tasks.Length];
        for (var t = 0; t < tasks.Length; t++)
        {
            if (first[t] == first[t + 1]) continue;
            var last = int.MinValue;
            var settled = true;
            for (var o = first[t]; o < first[t + 1] && settled; o++)
            {
                settled = status[o] is Done or Waived;
                if (completed[o] > last) last = completed[o];
            }
            if (settled) taskDone[t] = last;
        }

        var planFrom = plan.Plan.Start is { } ps ? Day(ps) : (int?)null;
        var issued = plan.Plan.Issued is { } pi ? Day(pi) : (int?)null;
        var planEnd = plan.Plan.End is { } pe ? Day(pe) : (int?)null;
        for (var t = 0; t < tasks.Length; t++)
        {
            var task = tasks[t];
            var dueDay = task.Due is { } d ? Day(d) : (int?)null;
            for (var o = first[t]; o < first[t + 1]; o++)
            {
                var unit = obligations[o].Unit.Name;
                if (overdue[o] > 0) findings.Add(new("PR3001", t, task.Id, unit, overdue[o]));
                if (late[o] > 0) findings.Add(new("PR3002", t, task.Id, unit, late[o]));
                if (status[o] is not (Done or Waived) && dueDay is { } due && due >= asOfDay && due - asOfDay <= dueSoonDays)
                {
                    findings.Add(new("PR3006", t, task.Id, unit, due - asOfDay));
                }
                if (task.Recurrence is { } recurrence && status[o] != Waived)
                {
                    var startDay = task.Start is { } ts ? Day(ts) : (int?)null;
                    var fromDay = startDay is null ? planFrom : planFrom is null ? startDay : Math.Max(startDay.Value, planFrom.Value);
                    fromDay ??= issued;
                    if (fromDay is { } fd)
                    {
                        var toDay = planEnd is { } end && end < asOfDay ? end : asOfDay;
                        Recurring(findings, t, task.Id, unit, recurrence, fd, toDay, occurrences[o]);
                    }
                }
                if (status[o] == Done)
                {
                    foreach (var dependency in task.Dependencies)
                    {
                        var dt = taskNumber[dependency];
                        bool satisfied;
                        if (byTaskAndUnit.TryGetValue((dt, obligations[o].Unit), out var same))
                        {
                            satisfied = status[same] == Waived || (status[same] == Done && completed[same] <= completed[o]);
                        }
                        else
                        {
                            satisfied = taskDone[dt] is { } finished && finished <= completed[o];
                        }
                        if (!satisfied) findings.Add(new("PR3003", t, task.Id, unit, dt));
                    }
                }
            }
            if (dueDay is { } taskDue && taskDue >= asOfDay && taskDone[t] is null)
            {
                foreach (var dependency in task.Dependencies)
                {
                    var dt = taskNumber[dependency];
                    if (taskDone[dt] is not null) continue;
                    var dependencyOverdue = false;
                    for (var o = first[dt]; o < first[dt + 1] && !dependencyOverdue; o++) dependencyOverdue = overdue[o] > 0;
                    if (dependencyOverdue || taskDue - asOfDay <= atRiskDays) findings.Add(new("PR3004", t, task.Id, null, dt));
                }
            }
        }

        // Per unit: obligations, done, done late, overdue, waived, open.
        var summary = new Dictionary<UnitSymbol, int[]>(ReferenceEqualityComparer.Instance);
        for (var o = 0; o < obligations.Length; o++)
        {
            var unit = obligations[o].Unit;
            if (!summary.TryGetValue(unit, out var counts)) summary[unit] = counts = new int[6];
            counts[0]++;
            if (status[o] == Done) counts[1]++;
            if (late[o] > 0) counts[2]++;
            if (overdue[o] > 0) counts[3]++;
            if (status[o] == Waived) counts[4]++;
            if (status[o] is not (Done or Waived) && overdue[o] == 0) counts[5]++;
        }

        findings.Sort(static (a, b) =>
        {
            var c = a.Task.CompareTo(b.Task);
            if (c == 0) c = string.CompareOrdinal(a.Code, b.Code);
            if (c == 0) c = string.CompareOrdinal(a.Unit, b.Unit);
            return c;
        });
        return new HandLedgerResult(findings, summary);
    }

    private static void Recurring(List<HandFinding> findings, int t, string taskId, string unit, Recurrence recurrence, int fromDay, int toDay, List<int>? occurrences)
    {
        if (toDay < fromDay) return;
        var from = DateOnly.FromDayNumber(fromDay);
        var start = recurrence.Period switch
        {
            RecurrencePeriod.Year => new DateOnly(from.Year, 1, 1),
            RecurrencePeriod.HalfYear => new DateOnly(from.Year, from.Month <= 6 ? 1 : 7, 1),
            RecurrencePeriod.Quarter => new DateOnly(from.Year, (from.Month - 1) / 3 * 3 + 1, 1),
            RecurrencePeriod.Month => new DateOnly(from.Year, from.Month, 1),
            _ => from.AddDays(-(((int)from.DayOfWeek + 6) % 7)),
        };
        if (start < from) start = Next(recurrence.Period, start);
        var cursor = 0;
        var count = occurrences?.Count ?? 0;
        while (true)
        {
            var next = Next(recurrence.Period, start);
            var end = next.DayNumber - 1;
            if (end > toDay) return;
            while (cursor < count && occurrences![cursor] < start.DayNumber) cursor++;
            var inPeriod = 0;
            while (cursor + inPeriod < count && occurrences![cursor + inPeriod] <= end) inPeriod++;
            if (inPeriod < recurrence.AtLeast) findings.Add(new("PR3005", t, taskId, unit, start.DayNumber));
            start = next;
        }
    }

    private static DateOnly Next(RecurrencePeriod kind, DateOnly start) => kind switch
    {
        RecurrencePeriod.Year => start.AddYears(1),
        RecurrencePeriod.HalfYear => start.AddMonths(6),
        RecurrencePeriod.Quarter => start.AddMonths(3),
        RecurrencePeriod.Month => start.AddMonths(1),
        _ => start.AddDays(7),
    };

    private static int Day(LocalDate date) => date.ToDateOnly().DayNumber;
}
