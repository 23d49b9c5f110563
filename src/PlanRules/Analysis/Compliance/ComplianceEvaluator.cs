using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using NodaTime;
using PlanRules.Binding;
using PlanRules.Diagnostics;
using PlanRules.Ledger;
using PlanRules.Syntax;
using PlanRules.Text;

namespace PlanRules.Analysis.Compliance;

/// <summary>
/// Evaluates a ledger against a bound plan as of a date: each obligation's status from its latest
/// record (by date, then order), then PR3001..PR3009. One pass over the records, one over the
/// obligations: linear in both.
/// </summary>
public static class ComplianceEvaluator
{
    // A struct in one array: no object per obligation, and no pointer to chase per record. The latest record is
    // kept as the few facts the state needs, not as the record, so records can die as soon as they are read (a
    // ledger read as it is evaluated never has all its records in memory at once).
    private struct Accumulator
    {
        public bool HasLatest;
        public LedgerStatus Status;
        public LocalDate Date;
        public int Order;
        public int? Percent;
        public string? WaiverReason;
        public List<string>? Evidence;
        public List<LocalDate>? Occurrences;
    }

    /// <summary>Evaluates. Never throws for records a reader or host produced.</summary>
    public static (ComplianceResult Result, ImmutableArray<Diagnostic> Diagnostics) Evaluate(
        BoundPlan plan, IEnumerable<LedgerRecord> records, LocalDate asOf, ComplianceOptions? options = null)
    {
        options ??= ComplianceOptions.Default;
        var sink = new DiagnosticSink();
        var obligations = plan.Obligations;
        var accumulators = new Accumulator[obligations.Length];

        var targets = new List<int>();
        // "Did you mean" for unknown task ids (PR3007): bounded, so a ledger of unknown ids stays linear.
        var suggestions = new NameSuggester.Bounded(() => plan.Tasks.Select(t => t.Id));
        // And for unknown `by` names (PR3008): unit, group and alias names.
        var unitSuggestions = new NameSuggester.Bounded(() => plan.Units.SelectMany(u => u.Aliases.Prepend(u.Name)));
        var texts = new Texts();
        foreach (var record in records)
        {
            if (record.Date > asOf)
            {
                // The as-of date is in the message, not in the fingerprint: with the default as-of date (today) it
                // changes every day, and a baseline must keep matching the record it accepted.
                var recordDate = DateText.Iso(record.Date);
                sink.Add(Diagnostic.Create(DiagnosticCatalog.LedgerAfterAsOf, record.Location, record.TaskId, record.By, null, recordDate, DateText.Iso(asOf))
                    .WithFingerprintArguments([recordDate]));
                continue;
            }
            var task = plan.GetTask(record.TaskId);
            if (task is null)
            {
                var suggestion = suggestions.For(record.TaskId);
                sink.Report(DiagnosticCatalog.LedgerUnknownTask, Pick(record.TaskLocation, record.Location), record.TaskId, record.By, record.TaskId, DiagnosticSink.DidYouMean(suggestion));
                continue;
            }
            targets.Clear();
            if (record.By is null)
            {
                foreach (var obligation in task.Obligations) targets.Add(obligation.Index);
            }
            else
            {
                var unit = plan.GetUnit(record.By);
                if (unit is not null)
                {
                    if (Find(task, unit) is var direct and >= 0) targets.Add(direct);
                    else if (unit.IsClosedGroup)
                    {
                        foreach (var member in unit.ExpandedMembers)
                        {
                            if (Find(task, member) is var memberIndex and >= 0) targets.Add(memberIndex);
                        }
                    }
                }
                if (targets.Count == 0)
                {
                    // A name no unit has is most likely a typo: say which declared name is close. The suggestion
                    // depends on the units declared, not on the record, and is left out of the fingerprint.
                    var suggestion = unit is null ? unitSuggestions.For(record.By) : null;
                    sink.Add(Diagnostic.Create(DiagnosticCatalog.LedgerUnitOwesNothing, Pick(record.ByLocation, record.Location), task.Id, record.By, null,
                            record.By, task.Id, DiagnosticSink.DidYouMean(suggestion))
                        .WithFingerprintArguments([record.By, task.Id]));
                    continue;
                }
            }
            foreach (var target in targets) Accumulate(ref accumulators[target], record);
        }

        var states = ImmutableArray.CreateBuilder<ObligationState>(obligations.Length);
        for (var i = 0; i < obligations.Length; i++) states.Add(StateOf(obligations[i], in accumulators[i], asOf));
        var stateArray = states.MoveToImmutable();
        var completion = TaskCompletion(plan, stateArray);

        for (var i = 0; i < stateArray.Length; i++)
        {
            ReportObligation(sink, plan, stateArray[i], asOf, options, texts);
            ReportOrder(sink, stateArray[i], stateArray, completion);
        }
        foreach (var task in plan.Tasks) ReportRisk(sink, task, stateArray, completion, asOf, options);

        var units = UnitSummary(stateArray);
        return (new ComplianceResult(stateArray, units, completion), DiagnosticOrder.SortOwned(sink.ToArray()));
    }

    private static Location Pick(Location preferred, Location fallback) => preferred.IsNone ? fallback : preferred;

    private static void Accumulate(ref Accumulator accumulator, LedgerRecord record)
    {
        if (record.Evidence is { Length: > 0 } evidence) (accumulator.Evidence ??= []).Add(evidence);
        if (record.Status is LedgerStatus.Occurred or LedgerStatus.Done) (accumulator.Occurrences ??= []).Add(record.Date);
        if (record.Status == LedgerStatus.Occurred) return;
        if (!accumulator.HasLatest || record.Date > accumulator.Date || (record.Date == accumulator.Date && record.Order >= accumulator.Order))
        {
            accumulator.HasLatest = true;
            accumulator.Status = record.Status;
            accumulator.Date = record.Date;
            accumulator.Order = record.Order;
            accumulator.Percent = record.Percent;
            accumulator.WaiverReason = record.Reason ?? record.Note;
        }
    }

    private static ObligationState StateOf(ObligationSymbol obligation, in Accumulator accumulator, LocalDate asOf)
    {
        LedgerStatus? latest = accumulator.HasLatest ? accumulator.Status : null;
        var status = latest switch
        {
            null => ObligationStatus.Open,
            LedgerStatus.Started or LedgerStatus.Reopened => ObligationStatus.Started,
            LedgerStatus.Progress => ObligationStatus.InProgress,
            LedgerStatus.Done => ObligationStatus.Done,
            LedgerStatus.Waived => ObligationStatus.Waived,
            _ => ObligationStatus.Open,
        };
        ImmutableArray<LocalDate> occurrences = [];
        if (accumulator.Occurrences is { } dates)
        {
            var sorted = dates.ToArray();
            Array.Sort(sorted);
            // One occurrence a day: the same event filed twice (for the task and by the unit, or in two ledger
            // files) is one occurrence, not two.
            var distinct = sorted.Length == 0 ? 0 : 1;
            for (var i = 1; i < sorted.Length; i++)
            {
                if (sorted[i] != sorted[distinct - 1]) sorted[distinct++] = sorted[i];
            }
            if (distinct < sorted.Length) Array.Resize(ref sorted, distinct);
            occurrences = ImmutableCollectionsMarshal.AsImmutableArray(sorted);
        }
        var completed = status == ObligationStatus.Done ? accumulator.Date : (LocalDate?)null;
        var due = obligation.Due;
        var daysOverdue = due is { } d && status is not (ObligationStatus.Done or ObligationStatus.Waived) && asOf > d ? Days(d, asOf) : 0;
        var daysLate = due is { } d2 && completed is { } c && c > d2 ? Days(d2, c) : 0;
        return new ObligationState(obligation, status)
        {
            Percent = status == ObligationStatus.InProgress ? accumulator.Percent : status == ObligationStatus.Done ? 100 : null,
            CompletedOn = completed,
            WaiverReason = status == ObligationStatus.Waived ? accumulator.WaiverReason : null,
            Evidence = accumulator.Evidence is null ? [] : ImmutableCollectionsMarshal.AsImmutableArray(accumulator.Evidence.ToArray()),
            Occurrences = occurrences,
            DaysOverdue = daysOverdue,
            DaysLate = daysLate,
        };
    }

    internal static int Days(LocalDate from, LocalDate to) => Period.DaysBetween(from, to);

    /// <summary>
    /// The index in the plan's obligations of what <paramref name="unit"/> owes on <paramref name="task"/>, or -1.
    /// A task has a handful of obligations: a scan of their units (one small array, no obligation objects
    /// touched) beats hashing a (task, unit) pair.
    /// </summary>
    private static int Find(TaskSymbol task, UnitSymbol unit)
    {
        var units = task.ObligationUnits;
        for (var i = units.Length - 1; i >= 0; i--)
        {
            if (ReferenceEquals(units[i], unit)) return task.Obligations[i].Index;
        }
        return -1;
    }

    private static ImmutableDictionary<TaskSymbol, LocalDate?> TaskCompletion(BoundPlan plan, ImmutableArray<ObligationState> states)
    {
        var builder = ImmutableDictionary.CreateBuilder<TaskSymbol, LocalDate?>();
        foreach (var task in plan.Tasks)
        {
            if (task.Obligations.IsEmpty) continue;
            LocalDate? last = null;
            var settled = true;
            foreach (var obligation in task.Obligations)
            {
                var state = states[obligation.Index];
                if (!state.IsSettled)
                {
                    settled = false;
                    break;
                }
                if (state.CompletedOn is { } c && (last is null || c > last)) last = c;
            }
            if (settled) builder[task] = last;
        }
        return builder.ToImmutable();
    }

    private static void ReportObligation(
        DiagnosticSink sink, BoundPlan plan, ObligationState state, LocalDate asOf, ComplianceOptions options,
        Texts texts)
    {
        var obligation = state.Obligation;
        var task = obligation.Task;
        var unit = obligation.Unit.Name;
        if (state.IsOverdue) sink.Add(ComplianceFinding.Overdue(state));
        if (state.IsDoneLate) sink.Add(ComplianceFinding.DoneLate(state));
        if (!state.IsSettled && task.Due is { } due && due >= asOf && Days(asOf, due) <= options.DueSoonDays)
        {
            sink.Add(ComplianceFinding.DueSoon(state, Days(asOf, due)));
        }
        if (task.Recurrence is { } recurrence && state.Status != ObligationStatus.Waived)
        {
            var from = Later(task.Start, plan.Plan.Start) ?? plan.Plan.Issued;
            var to = plan.Plan.End is { } end && end < asOf ? end : asOf;
            if (from is null) return;
            var occurrences = state.Occurrences;
            var cursor = 0;
            foreach (var period in PlanPeriod.WholePeriods(recurrence.Period, from.Value, to))
            {
                while (cursor < occurrences.Length && occurrences[cursor] < period.Start) cursor++;
                var count = 0;
                while (cursor + count < occurrences.Length && occurrences[cursor + count] <= period.End) count++;
                if (count < recurrence.AtLeast)
                {
                    sink.Add(ComplianceFinding.RecurringShort(state, texts.Period(period), count));
                }
            }
        }
    }

    /// <summary>
    /// Texts that findings repeat by the thousand (dates, period names and ranges), made once per evaluation and
    /// shared, so that a finding holds references rather than its own copies.
    /// </summary>
    private sealed class Texts
    {
        private readonly Dictionary<(RecurrencePeriod, LocalDate), PeriodTexts> _periods = [];

        public PeriodTexts Period(PlanPeriod period)
        {
            if (!_periods.TryGetValue((period.Kind, period.Start), out var texts))
            {
                _periods[(period.Kind, period.Start)] = texts = new(period.Name, DateText.Iso(period.Start) + ".." + DateText.Iso(period.End));
            }
            return texts;
        }
    }

    private static LocalDate? Later(LocalDate? a, LocalDate? b) => a is null ? b : b is null ? a : (a > b ? a : b);

    private static void ReportOrder(
        DiagnosticSink sink,
        ObligationState state,
        ImmutableArray<ObligationState> states,
        ImmutableDictionary<TaskSymbol, LocalDate?> completion)
    {
        if (state.CompletedOn is not { } done) return;
        var task = state.Obligation.Task;
        var unit = state.Obligation.Unit;
        foreach (var dependency in task.Dependencies)
        {
            bool satisfied;
            if (Find(dependency, unit) is var same and >= 0)
            {
                // The same unit owes the dependency: its own order is what matters.
                var other = states[same];
                satisfied = other.Status == ObligationStatus.Waived || (other.CompletedOn is { } c && c <= done);
            }
            else
            {
                satisfied = completion.TryGetValue(dependency, out var finished) && (finished is null || finished <= done);
            }
            if (!satisfied)
            {
                sink.Add(ComplianceFinding.DoneBeforeDependency(state, dependency));
            }
        }
    }

    private static void ReportRisk(
        DiagnosticSink sink, TaskSymbol task, ImmutableArray<ObligationState> states,
        ImmutableDictionary<TaskSymbol, LocalDate?> completion, LocalDate asOf, ComplianceOptions options)
    {
        if (task.Due is not { } due || due < asOf || completion.ContainsKey(task)) return;
        foreach (var dependency in task.Dependencies)
        {
            if (completion.ContainsKey(dependency)) continue;
            var overdue = dependency.Obligations.Any(o => states[o.Index].IsOverdue);
            if (overdue)
            {
                sink.Add(Diagnostic.Create(DiagnosticCatalog.AtRisk, task.Location, task.Id, null,
                    [new("dependency", dependency.Id), new("reason", "dependencyOverdue")], task.Id, dependency.Id));
            }
            else if (Days(asOf, due) is var daysLeft && daysLeft <= options.AtRiskDays)
            {
                sink.ReportVariantWithProperties(DiagnosticCatalog.AtRisk, "PR3004_NotDone", task.Location, task.Id, null,
                    [
                        new("atRiskDays", options.AtRiskDays.ToString(CultureInfo.InvariantCulture)),
                        new("daysLeft", daysLeft.ToString(CultureInfo.InvariantCulture)),
                        new("dependency", dependency.Id),
                        new("reason", "dependencyNotDone"),
                    ],
                    task.Id, dependency.Id, options.AtRiskDays);
            }
        }
    }

    private static ImmutableArray<UnitCompliance> UnitSummary(ImmutableArray<ObligationState> states) =>
        [.. states
            .GroupBy(s => s.Obligation.Unit)
            .Select(g => new UnitCompliance(
                g.Key,
                g.Count(),
                g.Count(s => s.Status == ObligationStatus.Done),
                g.Count(s => s.IsDoneLate),
                g.Count(s => s.IsOverdue),
                g.Count(s => s.Status == ObligationStatus.Waived),
                g.Count(s => !s.IsSettled && !s.IsOverdue)))
            .OrderByDescending(u => u.Overdue)
            .ThenByDescending(u => u.OverdueShare)
            .ThenByDescending(u => u.DoneLate)
            .ThenBy(u => u.Unit.Name, StringComparer.Ordinal)];

}
