using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using PlanRules.Analysis;
using PlanRules.Analysis.Compliance;
using PlanRules.Binding;
using PlanRules.Diagnostics;
using PlanRules.Text;

namespace PlanRules.Output.Html;

/// <summary>
/// Builds a <see cref="ReportModel"/> from a check result: reads results only, never files. Only what the page lists
/// (within <see cref="HtmlReportOptions"/>) is built, so the model stays small whatever the size of the check.
/// </summary>
internal static class ReportModelBuilder
{
    public static ReportModel Build(CheckResult result, CultureInfo culture, HtmlReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(options);
        var plan = result.Plan;
        var compliance = result.Compliance;
        var (rangeStart, rangeEnd, declared) = Range(result);

        var units = Units(compliance, options);
        var eligible = result.Diagnostics.Where(d => !d.IsSuppressed && d.Severity != DiagnosticSeverity.Hidden).ToList();
        // Errors first, then warnings, then infos.
        var shown = KeepWorst(eligible, d => DiagnosticSeverity.Error - d.Severity, 3, options.MaxFindings);
        var keys = new UnitKeyMap(plan, units, shown);
        var sources = plan.Files.GroupBy(f => f.Source.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Source, StringComparer.Ordinal);
        var findings = shown.Select(d => ToFinding(d, culture, plan, keys, sources)).ToImmutableArray();

        var states = compliance.States;
        return new ReportModel
        {
            Title = plan.Plan.Title,
            Ref = plan.Plan.Ref,
            Issued = plan.Plan.Issued,
            AsOf = result.AsOf,
            RangeStart = rangeStart,
            RangeEnd = rangeEnd,
            HasDeclaredPeriod = declared,
            TaskCount = plan.Tasks.Length,
            Counts = new ReportCounts(
                result.Summary.Errors, result.Summary.Warnings, result.Summary.Infos,
                result.Diagnostics.Count(d => d.IsSuppressed && d.Severity != DiagnosticSeverity.Hidden),
                states.Length,
                states.Count(s => s.Status == ObligationStatus.Done),
                states.Count(s => s.IsDoneLate),
                states.Count(s => s.IsOverdue),
                states.Count(s => s.Status == ObligationStatus.Waived),
                states.Count(s => !s.IsSettled && !s.IsOverdue)),
            Units = units,
            UnitTotal = compliance.Units.Length,
            Sections = Sections(result, rangeStart, rangeEnd, options.MaxTimelineTasks),
            SectionTotal = plan.Sections.Length,
            Findings = findings,
            FindingTotal = eligible.Count,
            FindingsByUnit = ByUnit(findings, keys),
            FindingsByTask = ByTask(findings, plan),
            UnitKeys = keys.Ordered,
        };
    }

    /// <summary>
    /// The first <see cref="HtmlReportOptions.MaxUnits"/> units of the table, each with its obligations in plan order:
    /// within the per-unit limit and what is left of the overall one, the worst kept first (overdue, open, done late,
    /// done, waived).
    /// </summary>
    private static ImmutableArray<ReportUnit> Units(ComplianceResult compliance, HtmlReportOptions options)
    {
        var kept = compliance.Units.Length > options.MaxUnits ? compliance.Units[..options.MaxUnits] : compliance.Units;
        var indexOf = new Dictionary<UnitSymbol, int>(kept.Length);
        for (var i = 0; i < kept.Length; i++) indexOf[kept[i].Unit] = i;
        var states = kept.Select(_ => new List<ObligationState>()).ToArray();
        foreach (var state in compliance.States)
        {
            if (indexOf.TryGetValue(state.Obligation.Unit, out var i)) states[i].Add(state);
        }
        var room = options.MaxObligations;
        var units = ImmutableArray.CreateBuilder<ReportUnit>(kept.Length);
        for (var i = 0; i < kept.Length; i++)
        {
            var listed = KeepWorst(states[i], s => Urgency(StatusOf(s)), 5, Math.Min(options.MaxObligationsPerUnit, room));
            room -= listed.Count;
            var u = kept[i];
            units.Add(new ReportUnit("u" + i.ToString(CultureInfo.InvariantCulture), u.Unit.Name, u.Unit.Title, u, [.. listed.Select(ToObligation)]));
        }
        return units.MoveToImmutable();
    }

    /// <summary>0 for the worst status (overdue), then open, done late, done, waived.</summary>
    private static int Urgency(ReportStatus status) => status switch
    {
        ReportStatus.Overdue => 0,
        ReportStatus.Open => 1,
        ReportStatus.DoneLate => 2,
        ReportStatus.Done => 3,
        _ => 4,
    };

    /// <summary>
    /// At most <paramref name="max"/> of <paramref name="items"/>, in their order: the worst first by
    /// <paramref name="rank"/> (0 the worst, below <paramref name="ranks"/>), the earliest first within a rank.
    /// </summary>
    internal static IReadOnlyList<T> KeepWorst<T>(IReadOnlyList<T> items, Func<T, int> rank, int ranks, int max)
    {
        if (items.Count <= max) return items;
        var counts = new int[ranks];
        foreach (var item in items) counts[rank(item)]++;
        // Every item ranked below the threshold is kept, and the first ones ranked at it while there is room.
        var (threshold, room) = (0, max);
        while (threshold < ranks && counts[threshold] <= room) room -= counts[threshold++];
        var kept = new List<T>(max);
        foreach (var item in items)
        {
            var r = rank(item);
            if (r < threshold || (r == threshold && room-- > 0)) kept.Add(item);
        }
        return kept;
    }

    /// <summary>The declared plan period, else whole calendar years around every date the plan and ledger give.</summary>
    private static (LocalDate Start, LocalDate End, bool Declared) Range(CheckResult result)
    {
        var header = result.Plan.Plan;
        if (header.Start is { } s && header.End is { } e && e > s) return (s, e, true);
        var dates = new List<LocalDate> { result.AsOf };
        void Add(LocalDate? d) { if (d is { } v) dates.Add(v); }
        Add(header.Start);
        Add(header.End);
        Add(header.Issued);
        foreach (var task in result.Plan.Tasks)
        {
            Add(task.Start);
            Add(task.Due);
        }
        foreach (var done in result.Compliance.TaskCompletion.Values) Add(done);
        return (new LocalDate(dates.Min().Year, 1, 1), new LocalDate(dates.Max().Year, 12, 31), false);
    }

    internal static ReportStatus StatusOf(ObligationState state) => state switch
    {
        { Status: ObligationStatus.Waived } => ReportStatus.Waived,
        { Status: ObligationStatus.Done, IsDoneLate: true } => ReportStatus.DoneLate,
        { Status: ObligationStatus.Done } => ReportStatus.Done,
        { IsOverdue: true } => ReportStatus.Overdue,
        _ => ReportStatus.Open,
    };

    private static ReportObligation ToObligation(ObligationState s) => new(
        s.Obligation.Task.Id, s.Obligation.Task.Title, s.Obligation.Unit.Name, StatusOf(s), s.Status,
        s.Obligation.Due, s.CompletedOn, s.DaysOverdue, s.DaysLate, s.Percent);

    /// <summary>Worst first: overdue, open, done late, done; waived only when every part is waived.</summary>
    internal static ReportStatus Combine(IEnumerable<ReportStatus> parts)
    {
        var list = parts.ToList();
        if (list.Count == 0) return ReportStatus.Open;
        if (list.Contains(ReportStatus.Overdue)) return ReportStatus.Overdue;
        if (list.Contains(ReportStatus.Open)) return ReportStatus.Open;
        if (list.All(p => p == ReportStatus.Waived)) return ReportStatus.Waived;
        return list.Contains(ReportStatus.DoneLate) ? ReportStatus.DoneLate : ReportStatus.Done;
    }

    /// <summary>
    /// The timeline's sections in order, cut at the first task past <paramref name="max"/> tasks or the first heading
    /// past <paramref name="max"/> headings.
    /// </summary>
    private static ImmutableArray<ReportSection> Sections(CheckResult result, LocalDate rangeStart, LocalDate rangeEnd, int max)
    {
        var plan = result.Plan;
        var tasks = plan.Tasks.ToLookup(t => t.Section);
        var sections = ImmutableArray.CreateBuilder<ReportSection>();
        var (taskRoom, headingRoom) = (max, max);
        // False when the timeline is cut here.
        bool Add(string? id, string title, int depth, IEnumerable<TaskSymbol> members)
        {
            var all = members.ToList();
            if ((id is not null && headingRoom == 0) || (all.Count > 0 && taskRoom == 0)) return false;
            if (id is not null) headingRoom--;
            var drawn = all.Count > taskRoom ? all[..taskRoom] : all;
            taskRoom -= drawn.Count;
            sections.Add(new ReportSection(id, title, depth, [.. drawn.Select(t => ToTask(result, t, rangeStart, rangeEnd))]));
            return drawn.Count == all.Count;
        }
        if (tasks.Contains(null) && !Add(null, "", 0, tasks[null])) return sections.ToImmutable();
        foreach (var section in plan.Sections)
        {
            var depth = 0;
            for (var parent = section.Parent; parent is not null; parent = parent.Parent) depth++;
            if (!Add(section.Id, section.Title, depth, tasks[section])) break;
        }
        return sections.ToImmutable();
    }

    private static ReportTask ToTask(CheckResult result, TaskSymbol task, LocalDate rangeStart, LocalDate rangeEnd)
    {
        var compliance = result.Compliance;
        var states = task.Obligations.Select(compliance.StateOf).ToList();
        var periods = ImmutableArray<ReportPeriod>.Empty;
        if (task.Recurrence is { } recurrence)
        {
            var header = result.Plan.Plan;
            var from = Later(task.Start, header.Start) ?? header.Issued ?? rangeStart;
            periods = Runs([.. PlanPeriod.WholePeriods(recurrence.Period, from, rangeEnd)
                .Select(p => new ReportPeriod(p, PeriodStatus(p, recurrence, states, result.AsOf)))]);
        }
        var status = periods.IsEmpty ? Combine(states.Select(StatusOf)) : Combine(periods.Select(p => p.Status));
        var completed = compliance.TaskCompletion.TryGetValue(task, out var done) ? done : null;
        return new ReportTask(task.Id, task.Title, task.Start, task.Due, completed, task.Recurrence, status,
            [.. task.Dependencies.Select(d => d.Id)], periods, task.Location.Line);
    }

    /// <summary>
    /// The periods as drawn: as they are up to <see cref="ReportModel.MaxPeriodsPerTask"/>, else runs of consecutive
    /// periods, as many in each (the last may be shorter), each with the worst status among them.
    /// </summary>
    private static ImmutableArray<ReportPeriod> Runs(ImmutableArray<ReportPeriod> periods)
    {
        if (periods.Length <= ReportModel.MaxPeriodsPerTask) return periods;
        var size = (periods.Length + ReportModel.MaxPeriodsPerTask - 1) / ReportModel.MaxPeriodsPerTask;
        return [.. periods.Chunk(size).Select(run =>
            new ReportPeriod(run[0].Period, Combine(run.Select(p => p.Status))) { Through = run.Length > 1 ? run[^1].Period : null })];
    }

    /// <summary>Met when every unit not waived recorded enough occurrences; short and over is overdue; else open.</summary>
    private static ReportStatus PeriodStatus(PlanPeriod period, Recurrence recurrence, List<ObligationState> states, LocalDate asOf)
    {
        var owing = states.Where(s => s.Status != ObligationStatus.Waived).ToList();
        if (states.Count > 0 && owing.Count == 0) return ReportStatus.Waived;
        if (owing.Count > 0 && owing.All(s => s.Occurrences.Count(period.Contains) >= recurrence.AtLeast)) return ReportStatus.Done;
        return period.End <= asOf ? ReportStatus.Overdue : ReportStatus.Open;
    }

    private static LocalDate? Later(LocalDate? a, LocalDate? b) => a is null ? b : b is null ? a : (a > b ? a : b);

    private static ReportFinding ToFinding(Diagnostic d, CultureInfo culture, BoundPlan plan, UnitKeyMap keys, Dictionary<string, SourceText> sources)
    {
        var location = d.Location;
        string? line = null;
        if (!location.IsNone && sources.TryGetValue(location.Path, out var source)) line = LineText(source, location.Line);
        return new ReportFinding(d.Id, d.Severity, d.GetMessage(culture), location.IsNone ? null : location.Path,
            location.Line, location.Column, d.TaskId, d.Unit, line, keys.KeysFor(d.Unit, d.TaskId is null ? null : plan.GetTask(d.TaskId)));
    }

    /// <summary>The text of a 1-based line, trimmed, cut at 240 characters.</summary>
    internal static string? LineText(SourceText source, int line)
    {
        var starts = source.LineStarts;
        if (line < 1 || line > starts.Count) return null;
        var start = starts[line - 1];
        var end = line < starts.Count ? starts[line] : source.Length;
        var text = source.Text[start..end].Trim();
        return text.Length > 240 ? text[..240] + "…" : text;
    }

    private static ImmutableArray<ReportFindingGroup> ByUnit(ImmutableArray<ReportFinding> findings, UnitKeyMap keys)
    {
        var groups = findings.Where(f => f.Unit is not null).GroupBy(f => keys.KeyOf(f.Unit!))
            .OrderBy(g => keys.Rank(g.Key))
            .Select(g => new ReportFindingGroup(g.Key, keys.NameOf(g.Key), [.. g]))
            .ToList();
        var rest = findings.Where(f => f.Unit is null).ToImmutableArray();
        if (!rest.IsEmpty) groups.Add(new ReportFindingGroup(null, null, rest));
        return [.. groups];
    }

    private static ImmutableArray<ReportFindingGroup> ByTask(ImmutableArray<ReportFinding> findings, BoundPlan plan)
    {
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var task in plan.Tasks) order.TryAdd(task.Id, order.Count);
        bool Known(ReportFinding f) => f.TaskId is not null && order.ContainsKey(f.TaskId);
        var groups = findings.Where(Known).GroupBy(f => f.TaskId!, StringComparer.Ordinal)
            .OrderBy(g => order[g.Key])
            .Select(g => new ReportFindingGroup(g.Key, plan.GetTask(g.Key)!.Title, [.. g]))
            .ToList();
        var rest = findings.Where(f => !Known(f)).ToImmutableArray();
        if (!rest.IsEmpty) groups.Add(new ReportFindingGroup(null, null, rest));
        return [.. groups];
    }
}
