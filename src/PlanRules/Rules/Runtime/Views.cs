using System.Runtime.InteropServices;
using NodaTime;
using PlanRules.Analysis.Compliance;
using PlanRules.Binding;
using PlanRules.Diagnostics;
using PlanRules.Rules;

namespace PlanRules.Rules.Runtime;

// The objects rules see. Property names are the language's member names in PascalCase ("daysOverdue" is
// DaysOverdue); property types are the run-time representations of RuleType (long? for int, LocalDate?
// for date, RuleStatus? for status, IReadOnlyList<T> for lists). Views are built once per check and
// shared by every rule, so rules never recompute lists.

/// <summary>A task as rules see it.</summary>
public sealed class TaskView
{
    internal TaskView(TaskSymbol symbol)
    {
        Symbol = symbol;
        Id = symbol.Id;
        Title = new string(symbol.Title);
        Due = symbol.Due;
        Start = symbol.Start;
        Tags = ImmutableCollectionsMarshal.AsArray(symbol.Tags) ?? [];
        Notes = ImmutableCollectionsMarshal.AsArray(symbol.Notes) ?? [];
        Recurring = symbol.Recurrence is not null;
        Location = symbol.Location;
    }

    // What rules read most is copied into the view: the views of a plan are made one after another, so a check
    // reading them in order reads memory in order, not the symbol first (made by the binder, among the syntax).

    /// <summary>The bound task.</summary>
    public TaskSymbol Symbol { get; }
    /// <summary>id</summary>
    public string Id { get; }
    /// <summary>title</summary>
    public string Title { get; }
    /// <summary>section: the innermost section's id, or none.</summary>
    public string? Section => Symbol.Section?.Id;
    /// <summary>lead</summary>
    public IReadOnlyList<UnitView> Lead { get; internal set; } = [];
    /// <summary>with</summary>
    public IReadOnlyList<UnitView> With { get; internal set; } = [];
    /// <summary>support</summary>
    public IReadOnlyList<UnitView> Support { get; internal set; } = [];
    /// <summary>owners: lead ∪ with, closed groups expanded (one per obligation).</summary>
    public IReadOnlyList<UnitView> Owners { get; internal set; } = [];
    /// <summary>due</summary>
    public LocalDate? Due { get; }
    /// <summary>start</summary>
    public LocalDate? Start { get; }
    /// <summary>dependencies (after)</summary>
    public IReadOnlyList<TaskView> Dependencies { get; internal set; } = [];
    /// <summary>dependents</summary>
    public IReadOnlyList<TaskView> Dependents { get; internal set; } = [];
    /// <summary>status: done when every obligation is settled and one is done; waived when all are waived; started when any has begun.</summary>
    public RuleStatus? Status { get; internal set; }
    /// <summary>completed: when the last obligation was done, or none.</summary>
    public LocalDate? Completed { get; internal set; }
    /// <summary>evidence of all obligations.</summary>
    public IReadOnlyList<string> Evidence { get; internal set; } = [];
    /// <summary>tags</summary>
    /// <remarks>The symbol's own array, not a box of its <c>ImmutableArray</c>.</remarks>
    public IReadOnlyList<string> Tags { get; }
    /// <summary>notes (extension)</summary>
    public IReadOnlyList<string> Notes { get; }
    /// <summary>recurring: has an <c>every</c> item.</summary>
    public bool Recurring { get; }
    /// <summary>obligations</summary>
    public IReadOnlyList<ObligationView> Obligations { get; internal set; } = [];
    /// <summary>
    /// occurrences (extension): every obligation's recorded occurrences up to the as-of date, in date order (a day two
    /// units recorded is there twice). <c>max(t.occurrences)</c> is the task's latest record, which
    /// <c>any p in t.obligations: …</c> over every pair of obligations computed in time quadratic in their number.
    /// Collected when a rule first reads it.
    /// </summary>
    public IReadOnlyList<LocalDate?> Occurrences => _occurrences ??= CollectOccurrences();
    /// <summary>overdue: some obligation is overdue.</summary>
    public bool Overdue { get; internal set; }
    /// <summary>daysOverdue: the most days any obligation is overdue (0 when none is).</summary>
    public long? DaysOverdue { get; internal set; }

    private IReadOnlyList<LocalDate?>? _occurrences;

    /// <summary>Where the task is declared (the symbol's location, kept here so findings do not load the symbol).</summary>
    internal Location Location { get; }

    /// <summary>Where rule findings on this element point; made on its first finding, shared by the rest.</summary>
    internal FindingSite? Site;

    /// <summary>Hints the processor to load what rules read of this task: its title, lists, tags and notes (<see cref="Memory.Prefetch(object?)"/>).</summary>
    internal void PrefetchParts()
    {
        Memory.Prefetch(Id);
        Memory.Prefetch(Title);
        Memory.Prefetch(Lead);
        Memory.Prefetch(With);
        Memory.Prefetch(Support);
        Memory.Prefetch(Owners);
        Memory.Prefetch(Tags);
        Memory.Prefetch(Notes);
        Memory.Prefetch(Dependencies);
        Memory.Prefetch(Dependents);
    }

    private LocalDate?[] CollectOccurrences()
    {
        var all = new List<LocalDate?>();
        foreach (var obligation in Obligations) all.AddRange(obligation.Occurrences);
        if (all.Count == 0) return [];
        all.Sort();
        return [.. all];
    }

    /// <inheritdoc/>
    public override string ToString() => Id;
}

/// <summary>An obligation (task × accountable unit) as rules see it.</summary>
public sealed class ObligationView
{
    internal ObligationView(ObligationState state, TaskView task, UnitView unit)
    {
        State = state;
        Task = task;
        Unit = unit;
    }

    /// <summary>The evaluated state.</summary>
    public ObligationState State { get; }
    /// <summary>task</summary>
    public TaskView Task { get; }
    /// <summary>unit</summary>
    public UnitView Unit { get; }
    /// <summary>status</summary>
    public RuleStatus? Status => State.Status switch
    {
        ObligationStatus.Done => RuleStatus.Done,
        ObligationStatus.Waived => RuleStatus.Waived,
        ObligationStatus.Open => RuleStatus.Open,
        _ => RuleStatus.Started,
    };
    /// <summary>completed</summary>
    public LocalDate? Completed => State.CompletedOn;
    /// <summary>evidence</summary>
    public IReadOnlyList<string> Evidence => State.Evidence;
    /// <summary>occurrences recorded up to the as-of date.</summary>
    public IReadOnlyList<LocalDate?> Occurrences => State.Occurrences.IsEmpty ? [] : _occurrences ??= [.. State.Occurrences.Select(d => (LocalDate?)d)];

    // Made when first read: few rules look at occurrences, and a big plan has obligations by the hundred thousand.
    private LocalDate?[]? _occurrences;

    /// <summary>Where rule findings on this element point; made on its first finding, shared by the rest.</summary>
    internal FindingSite? Site;

    /// <summary>due</summary>
    public LocalDate? Due => State.Obligation.Due;
    /// <summary>overdue (extension)</summary>
    public bool Overdue => State.IsOverdue;
    /// <summary>daysOverdue (extension)</summary>
    public long? DaysOverdue => State.DaysOverdue;
    /// <summary>role (extension): "lead" or "with".</summary>
    public string Role => State.Obligation.Role == PlanRules.Syntax.OwnerRole.Lead ? "lead" : "with";

    /// <inheritdoc/>
    public override string ToString() => $"{Task.Id}/{Unit.Name}";

    /// <summary>Hints the processor to load the obligation's state and task (<see cref="Memory.Prefetch(object?)"/>).</summary>
    internal void PrefetchParts()
    {
        Memory.Prefetch(State);
        Memory.Prefetch(Task);
    }
}

/// <summary>A unit or group as rules see it.</summary>
public sealed class UnitView
{
    internal UnitView(UnitSymbol symbol)
    {
        // Copied from the bound unit (complete once the plan is bound): rules read them for every owner of every task.
        Symbol = symbol;
        Name = symbol.Name;
        IsGroup = symbol.IsGroup;
        IsOpenGroup = symbol.IsGroup && !symbol.IsClosedGroup;
    }

    /// <summary>The bound unit.</summary>
    public UnitSymbol Symbol { get; }
    /// <summary>name</summary>
    public string Name { get; }
    /// <summary>title</summary>
    public string? Title => Symbol.Title;
    /// <summary>isGroup</summary>
    public bool IsGroup { get; }
    /// <summary>isOpenGroup (extension): a group whose members are not listed (各有关单位).</summary>
    public bool IsOpenGroup { get; }
    /// <summary>members</summary>
    public IReadOnlyList<UnitView> Members { get; internal set; } = [];
    /// <summary>tasks where the unit is accountable (owes an obligation, or is named as lead/with).</summary>
    public IReadOnlyList<TaskView> Tasks { get; internal set; } = [];
    /// <summary>obligations</summary>
    public IReadOnlyList<ObligationView> Obligations { get; internal set; } = [];
    /// <summary>overdue (extension): the unit's overdue obligations.</summary>
    public IReadOnlyList<ObligationView> Overdue { get; internal set; } = [];

    /// <summary>Where rule findings on this element point; made on its first finding, shared by the rest.</summary>
    internal FindingSite? Site;

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>The plan as rules see it.</summary>
public sealed class PlanView
{
    internal PlanView(PlanSymbol symbol) => Symbol = symbol;

    /// <summary>The bound plan header.</summary>
    public PlanSymbol Symbol { get; }
    /// <summary>title</summary>
    public string Title => Symbol.Title;
    /// <summary>ref</summary>
    public string? Ref => Symbol.Ref;
    /// <summary>issued</summary>
    public LocalDate? Issued => Symbol.Issued;
    /// <summary>start</summary>
    public LocalDate? Start => Symbol.Start;
    /// <summary>end</summary>
    public LocalDate? End => Symbol.End;
    /// <summary>tasks</summary>
    public IReadOnlyList<TaskView> Tasks { get; internal set; } = [];
    /// <summary>units</summary>
    public IReadOnlyList<UnitView> Units { get; internal set; } = [];
}
