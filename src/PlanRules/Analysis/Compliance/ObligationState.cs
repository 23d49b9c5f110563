using System.Collections.Immutable;
using NodaTime;
using PlanRules.Binding;

namespace PlanRules.Analysis.Compliance;

/// <summary>Where one obligation stands as of a date.</summary>
public enum ObligationStatus
{
    /// <summary>Nothing recorded.</summary>
    Open,
    /// <summary>Started (or reopened after done).</summary>
    Started,
    /// <summary>A percentage done.</summary>
    InProgress,
    /// <summary>Done, on <see cref="ObligationState.CompletedOn"/>.</summary>
    Done,
    /// <summary>Waived, for <see cref="ObligationState.WaiverReason"/>.</summary>
    Waived,
}

/// <summary>The state of one obligation (task × accountable unit) as of a date, from the ledger.</summary>
public sealed record ObligationState(ObligationSymbol Obligation, ObligationStatus Status)
{
    /// <summary>The percentage of the latest progress record.</summary>
    public int? Percent { get; init; }
    /// <summary>When it was done (the deciding <c>done</c> record's date).</summary>
    public LocalDate? CompletedOn { get; init; }
    /// <summary>Why it was waived.</summary>
    public string? WaiverReason { get; init; }
    /// <summary>Evidence from every record about this obligation, in order.</summary>
    public ImmutableArray<string> Evidence { get; init; } = [];
    /// <summary>Days with an <c>occurred</c> or <c>done</c> record, up to the as-of date, in order; each day once.</summary>
    public ImmutableArray<LocalDate> Occurrences { get; init; } = [];
    /// <summary>Days past due, when overdue (PR3001); else 0.</summary>
    public int DaysOverdue { get; init; }
    /// <summary>Days late, when done after due (PR3002); else 0.</summary>
    public int DaysLate { get; init; }

    /// <summary>Done or waived.</summary>
    public bool IsSettled => Status is ObligationStatus.Done or ObligationStatus.Waived;
    /// <summary>Overdue as of the date.</summary>
    public bool IsOverdue => DaysOverdue > 0;
    /// <summary>Done after its due date.</summary>
    public bool IsDoneLate => DaysLate > 0;
}

/// <summary>The per-unit view a supervisor opens first: how many obligations, done, late, overdue, waived.</summary>
public sealed record UnitCompliance(UnitSymbol Unit, int Obligations, int Done, int DoneLate, int Overdue, int Waived, int Open)
{
    /// <summary>Share of obligations overdue (0..1).</summary>
    public double OverdueShare => Obligations == 0 ? 0 : (double)Overdue / Obligations;
}

/// <summary>Everything compliance evaluation found: obligation states, per-unit summary, task completion dates.</summary>
public sealed class ComplianceResult
{
    internal ComplianceResult(
        ImmutableArray<ObligationState> states,
        ImmutableArray<UnitCompliance> units,
        ImmutableDictionary<TaskSymbol, LocalDate?> taskCompletion)
    {
        States = states;
        Units = units;
        TaskCompletion = taskCompletion;
    }

    // The evaluator keeps states in the plan's obligation order, so an obligation's index finds its state; a map
    // is built only if asked for an obligation that is elsewhere (racing builders make equal maps).
    private Dictionary<ObligationSymbol, ObligationState>? _byObligation;

    /// <summary>One state per obligation, in plan order.</summary>
    public ImmutableArray<ObligationState> States { get; }
    /// <summary>Per unit, worst first (most overdue, then most done late, then name).</summary>
    public ImmutableArray<UnitCompliance> Units { get; }
    /// <summary>For each settled task, the date its last obligation was done (null when settled by waivers only); unsettled tasks are absent.</summary>
    public ImmutableDictionary<TaskSymbol, LocalDate?> TaskCompletion { get; }

    /// <summary>The state of an obligation.</summary>
    public ObligationState StateOf(ObligationSymbol obligation)
    {
        ArgumentNullException.ThrowIfNull(obligation);
        var index = obligation.Index;
        if ((uint)index < (uint)States.Length && ReferenceEquals(States[index].Obligation, obligation)) return States[index];
        if (_byObligation is null)
        {
            var map = new Dictionary<ObligationSymbol, ObligationState>(States.Length, ReferenceEqualityComparer.Instance);
            foreach (var state in States) map[state.Obligation] = state;
            _byObligation = map;
        }
        return _byObligation[obligation];
    }

    /// <summary>An empty result (no plan).</summary>
    public static ComplianceResult Empty { get; } = new([], [], ImmutableDictionary<TaskSymbol, LocalDate?>.Empty);
}
