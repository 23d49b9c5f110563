using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using PlanRules.Analysis;
using PlanRules.Analysis.Compliance;
using PlanRules.Binding;
using PlanRules.Diagnostics;
using PlanRules.Text;

namespace PlanRules.Output.Html;

/// <summary>Builds a <see cref="ReportModel"/> from a check result: reads results only, never files.</summary>
internal static class ReportModelBuilder
{
    public static ReportModel Build(CheckResult result, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(result);
        var plan = result.Plan;
        var compliance = result.Compliance;
        var (rangeStart, rangeEnd, declared) = Range(result);

        var obligationsByUnit = compliance.States
            .GroupBy(s => s.Obligation.Unit)
            .ToDictionary(g => g.Key, g => g.Select(ToObligation).ToImmutableArray());
        var units = compliance.Units.Select((u, i) => new ReportUnit(
            "u" + i.ToString(CultureInfo.InvariantCulture), u.Unit.Name, u.Unit.Title, u,
            obligationsByUnit.GetValueOrDefault(u.Unit, []))).ToImmutableArray();

        var shown = result.Diagnostics.Where(d => !d.IsSuppressed && d.Severity != DiagnosticSeverity.Hidden).ToList();
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
            Sections = Sections(result, rangeStart, rangeEnd),
            Findings = findings,
            FindingsByUnit = ByUnit(findings, keys),
            FindingsByTask = ByTask(findings, plan),
            UnitKeys = keys.Ordered,
        };
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

    private static ImmutableArray<ReportSection> Sections(CheckResult result, LocalDate rangeStart, LocalDate rangeEnd)
    {
        var plan = result.Plan;
        var tasks = plan.Tasks.ToLookup(t => t.Section);
        var sections = ImmutableArray.CreateBuilder<ReportSection>();
        if (tasks.Contains(null))
        {
            sections.Add(new ReportSection(null, "", 0, [.. tasks[null].Select(t => ToTask(result, t, rangeStart, rangeEnd))]));
        }
        foreach (var section in plan.Sections)
        {
            var depth = 0;
            for (var parent = section.Parent; parent is not null; parent = parent.Parent) depth++;
            sections.Add(new ReportSection(section.Id, section.Title, depth, [.. tasks[section].Select(t => ToTask(result, t, rangeStart, rangeEnd))]));
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
            periods = [.. PlanPeriod.WholePeriods(recurrence.Period, from, rangeEnd)
                .Select(p => new ReportPeriod(p, PeriodStatus(p, recurrence, states, result.AsOf)))];
        }
        var status = periods.IsEmpty ? Combine(states.Select(StatusOf)) : Combine(periods.Select(p => p.Status));
        var completed = compliance.TaskCompletion.TryGetValue(task, out var done) ? done : null;
        return new ReportTask(task.Id, task.Title, task.Start, task.Due, completed, task.Recurrence, status,
            [.. task.Dependencies.Select(d => d.Id)], periods, task.Location.Line);
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
