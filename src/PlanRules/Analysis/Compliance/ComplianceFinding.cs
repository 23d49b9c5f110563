using System.Collections.Immutable;
using PlanRules.Binding;
using PlanRules.Diagnostics;
using PlanRules.Text;

namespace PlanRules.Analysis.Compliance;

/// <summary>
/// A finding about one obligation (PR3001, PR3002, PR3003, PR3005, PR3006), kept as the obligation's state and
/// one or two facts: its arguments, message and properties are made when read, from the state, and read the same
/// as a finding built from them up front. The evaluator makes these by the hundred thousand on big plans with
/// thin ledgers; each is a fifth of the size of a finding that holds its parts.
/// </summary>
internal sealed class ComplianceFinding : Diagnostic
{
    internal enum Kind : byte { Overdue, DoneLate, DueSoon, RecurringShort, DoneBeforeDependency }

    private readonly ObligationState _state;
    // The period's texts (RecurringShort) or the dependency (DoneBeforeDependency).
    private readonly object? _detail;
    // Days left (DueSoon) or occurrences counted (RecurringShort).
    private readonly int _number;
    private readonly Kind _kind;

    private ComplianceFinding(DiagnosticDescriptor descriptor, Kind kind, ObligationState state, object? detail, int number)
        : base(descriptor, descriptor.DefaultSeverity, null)
    {
        _kind = kind;
        _state = state;
        _detail = detail;
        _number = number;
    }

    /// <summary>PR3001: overdue.</summary>
    public static ComplianceFinding Overdue(ObligationState state) => new(DiagnosticCatalog.Overdue, Kind.Overdue, state, null, 0);

    /// <summary>PR3002: done after the due date.</summary>
    public static ComplianceFinding DoneLate(ObligationState state) => new(DiagnosticCatalog.DoneLate, Kind.DoneLate, state, null, 0);

    /// <summary>PR3003: due within the warning window.</summary>
    public static ComplianceFinding DueSoon(ObligationState state, int daysLeft) => new(DiagnosticCatalog.DueSoon, Kind.DueSoon, state, null, daysLeft);

    /// <summary>PR3005: too few occurrences of a recurring duty in a whole period.</summary>
    public static ComplianceFinding RecurringShort(ObligationState state, PeriodTexts period, int count) =>
        new(DiagnosticCatalog.RecurringShort, Kind.RecurringShort, state, period, count);

    /// <summary>PR3006: done before a task it depends on.</summary>
    public static ComplianceFinding DoneBeforeDependency(ObligationState state, TaskSymbol dependency) =>
        new(DiagnosticCatalog.DoneBeforeDependency, Kind.DoneBeforeDependency, state, dependency, 0);

    private TaskSymbol Task => _state.Obligation.Task;
    private string UnitName => _state.Obligation.Unit.Name;
    private PeriodTexts Period => (PeriodTexts)_detail!;
    private TaskSymbol Dependency => (TaskSymbol)_detail!;
    private static string Num(int value) => LocalizableString.Number(value);
    private static string Date(NodaTime.LocalDate? date) => date is { } d ? DateText.Iso(d) : "";

    public override Location Location => Task.Location;
    public override string? TaskId => Task.Id;
    public override string? Unit => UnitName;

    public override ImmutableArray<string> Arguments => _kind switch
    {
        Kind.Overdue => [Task.Id, Num(_state.DaysOverdue), UnitName],
        Kind.DoneLate => [Task.Id, UnitName, Num(_state.DaysLate)],
        Kind.DueSoon => [Task.Id, Num(_number), UnitName],
        Kind.RecurringShort => [Task.Id, Period.NameText, Num(_number), UnitName, Num(Task.Recurrence!.AtLeast)],
        _ => [Task.Id, Dependency.Id, UnitName],
    };

    public override LocalizableString Message => _kind == Kind.RecurringShort
        // The period's name reads differently per culture (2021年 / 2021).
        ? Formatted(Descriptor, [Task.Id, Period.Name, Num(_number), UnitName, Num(Task.Recurrence!.AtLeast)])
        : Formatted(Descriptor, [.. Arguments]);

    public override ImmutableSortedDictionary<string, string> Properties => _kind switch
    {
        Kind.Overdue => Sorted([new("daysOverdue", Num(_state.DaysOverdue)), new("due", Date(Task.Due)), new("status", StatusText(_state.Status))]),
        Kind.DoneLate => Sorted([new("daysLate", Num(_state.DaysLate)), new("due", Date(Task.Due)), new("completed", Date(_state.CompletedOn))]),
        Kind.DueSoon => Sorted([new("daysLeft", Num(_number)), new("due", Date(Task.Due))]),
        Kind.RecurringShort => Sorted([new("period", Period.Range), new("occurrences", Num(_number)), new("required", Num(Task.Recurrence!.AtLeast))]),
        _ => Sorted([new("dependency", Dependency.Id), new("completed", Date(_state.CompletedOn))]),
    };

    // Overdue and due-soon findings carry a count of days that changes every day: a baseline matches them by
    // task and unit.
    private protected override ImmutableArray<string> FingerprintArguments =>
        _kind is Kind.Overdue or Kind.DueSoon ? [Task.Id, UnitName] : Arguments;

    // A period sorts by its ISO range, not its name (2021年10月 before 2021年2月).
    private protected override ImmutableArray<string> OrderArguments =>
        _kind == Kind.RecurringShort ? [Task.Id, Period.Range, Num(_number), UnitName, Num(Task.Recurrence!.AtLeast)] : Arguments;

    internal override int CompareArguments(Diagnostic other)
    {
        // Two periods of one recurring duty (same task and unit): in calendar order (the ISO range; the names'
        // text put 2021年10月 before 2021年2月), then by count; compared without making the arguments.
        if (other is ComplianceFinding { _kind: Kind.RecurringShort } that && _kind == Kind.RecurringShort && ReferenceEquals(_state, that._state))
        {
            var c = string.CompareOrdinal(Period.Range, that.Period.Range);
            return c != 0 ? c : string.CompareOrdinal(Num(_number), Num(that._number));
        }
        return base.CompareArguments(other);
    }

    // The status as PR3001's "status" property has always written it (the enum name in lower case), made once.
    private static readonly string[] StatusTexts = [.. Enum.GetNames<ObligationStatus>().Select(n => n.ToLowerInvariant())];

    private static string StatusText(ObligationStatus status) => StatusTexts[(int)status];
}

/// <summary>A whole period's texts, made once per evaluation and shared by its findings.</summary>
internal sealed class PeriodTexts(LocalizableString name, string range)
{
    /// <summary>The name, per culture.</summary>
    public LocalizableString Name { get; } = name;
    /// <summary>The name as invariant argument text.</summary>
    public string NameText { get; } = LocalizableString.RenderArgument(name, null);
    /// <summary>"start..end", ISO.</summary>
    public string Range { get; } = range;
}
