using System.Collections.Immutable;
using NodaTime;
using PlanRules.Diagnostics;
using PlanRules.Syntax;

namespace PlanRules.Binding;

/// <summary>The plan header as bound: title, reference, dates, issuer and time zone.</summary>
public sealed class PlanSymbol
{
    internal PlanSymbol() { }

    /// <summary>The plan's title.</summary>
    public string Title { get; internal set; } = "";
    /// <summary>The document number, e.g. 番府办〔2021〕35号.</summary>
    public string? Ref { get; internal set; }
    /// <summary>The issue date.</summary>
    public LocalDate? Issued { get; internal set; }
    /// <summary>First day of the plan period.</summary>
    public LocalDate? Start { get; internal set; }
    /// <summary>Last day of the plan period (inclusive).</summary>
    public LocalDate? End { get; internal set; }
    /// <summary>The issuing unit.</summary>
    public UnitSymbol? Issuer { get; internal set; }
    /// <summary>The plan's time zone (Asia/Shanghai unless the header says otherwise); "today" is a date in it.</summary>
    /// <remarks>
    /// The default is looked up on first use: loading the time-zone database costs a short run 15-25 ms, and a check
    /// given its as-of date never needs it.
    /// </remarks>
    public DateTimeZone TimeZone
    {
        get => _timeZone ??= DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
        internal set => _timeZone = value;
    }
    private DateTimeZone? _timeZone;
    /// <summary>Where the header is declared, or <see cref="Location.None"/>.</summary>
    public Location Location { get; internal set; } = Location.None;
}

/// <summary>A unit or a group. Closed groups list their members; open groups stand for members not listed.</summary>
public sealed class UnitSymbol
{
    internal UnitSymbol(string name, bool isGroup, Location location)
    {
        Name = name;
        IsGroup = isGroup;
        Location = location;
    }

    /// <summary>The declared name.</summary>
    public string Name { get; }
    /// <summary>The full title, if declared.</summary>
    public string? Title { get; internal set; }
    /// <summary>Other names that refer to this unit.</summary>
    public ImmutableArray<string> Aliases { get; internal set; } = [];
    /// <summary>True for groups.</summary>
    public bool IsGroup { get; }
    /// <summary>True for groups declared with <c>= members</c>: every member owes the group's tasks.</summary>
    public bool IsClosedGroup { get; internal set; }
    /// <summary>Members as declared (closed groups only).</summary>
    public ImmutableArray<UnitSymbol> Members { get; internal set; } = [];
    /// <summary>
    /// The units one obligation each is created for: members of nested closed groups are expanded,
    /// open groups stay themselves. For a plain unit or open group, the unit itself.
    /// </summary>
    /// <remarks>
    /// Computed on first use and kept (thread-safe): a plan may nest thousands of groups, and only the groups that
    /// owe a task or are named by a ledger need their members listed.
    /// </remarks>
    public ImmutableArray<UnitSymbol> ExpandedMembers
    {
        get
        {
            var expanded = ExpandedCache;
            return expanded.IsDefault ? GroupExpansion.Expand(this) : expanded;
        }
    }

    /// <summary>The memoised <see cref="ExpandedMembers"/>; default until computed. Written by <see cref="GroupExpansion"/> only.</summary>
    internal ImmutableArray<UnitSymbol> ExpandedCache;

    /// <summary>True for a closed group in a membership cycle (PR1010): listed in another group, it adds no member.</summary>
    internal bool InMembershipCycle { get; set; }

    /// <summary>
    /// True for a closed group on any membership cycle, reported or not (PR1010 names one cycle per tangle of groups):
    /// such a group's expansion depends on where the walk started, so it is never shared between walks.
    /// </summary>
    internal bool ReachesItself { get; set; }
    /// <summary>The parent unit, if declared.</summary>
    public UnitSymbol? Parent { get; internal set; }
    /// <summary>Where the unit is declared.</summary>
    public Location Location { get; }
    /// <summary>The declaration's name span, for findings about the unit.</summary>
    public Location NameLocation { get; internal set; } = Location.None;

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>A section of the plan.</summary>
public sealed class SectionSymbol
{
    internal SectionSymbol(string id, string title, SectionSymbol? parent, Location location)
    {
        Id = id;
        Title = title;
        Parent = parent;
        Location = location;
    }

    /// <summary>The id as written (<c>3.1</c>).</summary>
    public string Id { get; }
    /// <summary>The title.</summary>
    public string Title { get; }
    /// <summary>The enclosing section.</summary>
    public SectionSymbol? Parent { get; }
    /// <summary>Where it is declared.</summary>
    public Location Location { get; }

    /// <inheritdoc/>
    public override string ToString() => Id;
}

/// <summary>How often a recurring duty must occur.</summary>
public sealed record Recurrence(RecurrencePeriod Period, int AtLeast);

/// <summary>A <c>suppress</c> item: a finding id waived for one task, with the reason.</summary>
public sealed record Suppression(string DiagnosticId, string Reason, string TaskId, Location Location);

/// <summary>A task with its owners, dates, recurrence, dependencies and obligations.</summary>
public sealed class TaskSymbol
{
    internal TaskSymbol(string id, string title, SectionSymbol? section, Location location, TaskSyntax syntax)
    {
        Id = id;
        Title = title;
        Section = section;
        Location = location;
        Syntax = syntax;
    }

    /// <summary>The id as written.</summary>
    public string Id { get; }
    /// <summary>The requirement text.</summary>
    public string Title { get; }
    /// <summary>The innermost enclosing section.</summary>
    public SectionSymbol? Section { get; }
    /// <summary>Where the task is declared (its id).</summary>
    public Location Location { get; }
    /// <summary>The syntax it was bound from.</summary>
    public TaskSyntax Syntax { get; }
    /// <summary>Accountable owners (牵头).</summary>
    public ImmutableArray<UnitSymbol> Lead { get; internal set; } = [];
    /// <summary>Co-operating owners (会同): share the obligation.</summary>
    public ImmutableArray<UnitSymbol> With { get; internal set; } = [];
    /// <summary>Supporting units (配合, 指导): named, not accountable.</summary>
    public ImmutableArray<UnitSymbol> Support { get; internal set; } = [];
    /// <summary>Start date.</summary>
    public LocalDate? Start { get; internal set; }
    /// <summary>Due date; none means the task is never overdue.</summary>
    public LocalDate? Due { get; internal set; }
    /// <summary>Where the due date is written.</summary>
    public Location? DueLocation { get; internal set; }
    /// <summary>Recurrence, for duties such as 每年至少听取1次.</summary>
    public Recurrence? Recurrence { get; internal set; }
    /// <summary>Tasks this one follows.</summary>
    public ImmutableArray<TaskSymbol> Dependencies { get; internal set; } = [];
    /// <summary>Tasks that follow this one.</summary>
    public ImmutableArray<TaskSymbol> Dependents { get; internal set; } = [];
    /// <summary>Tags.</summary>
    public ImmutableArray<string> Tags { get; internal set; } = [];
    /// <summary>Notes.</summary>
    public ImmutableArray<string> Notes { get; internal set; } = [];
    /// <summary>Provenance (<c>source</c> items).</summary>
    public ImmutableArray<string> Sources { get; internal set; } = [];
    /// <summary>Waived finding ids.</summary>
    public ImmutableArray<Suppression> Suppressions { get; internal set; } = [];
    /// <summary>One obligation per accountable owner (closed groups expanded).</summary>
    public ImmutableArray<ObligationSymbol> Obligations { get; internal set; } = [];
    /// <summary>The unit of each of <see cref="Obligations"/>, in the same order (set when the plan is built; hot lookups scan it).</summary>
    internal UnitSymbol[] ObligationUnits { get; set; } = [];
    /// <summary>Owners as declared, lead then with (not expanded).</summary>
    public IEnumerable<UnitSymbol> DeclaredOwners => Lead.Concat(With);

    /// <inheritdoc/>
    public override string ToString() => Id;
}

/// <summary>What one accountable unit owes on one task.</summary>
public sealed class ObligationSymbol
{
    internal ObligationSymbol(TaskSymbol task, UnitSymbol unit, OwnerRole role)
    {
        Task = task;
        Unit = unit;
        Role = role;
    }

    /// <summary>The task.</summary>
    public TaskSymbol Task { get; }
    /// <summary>The unit that owes it (a member of a closed group, a unit, or an open group).</summary>
    public UnitSymbol Unit { get; }
    /// <summary><see cref="OwnerRole.Lead"/> or <see cref="OwnerRole.With"/>.</summary>
    public OwnerRole Role { get; }
    /// <summary>The task's due date.</summary>
    public LocalDate? Due => Task.Due;
    /// <summary>The position in <see cref="BoundPlan.Obligations"/>, set when the plan is built.</summary>
    internal int Index { get; set; } = -1;

    /// <inheritdoc/>
    public override string ToString() => $"{Task.Id}/{Unit.Name}";
}
