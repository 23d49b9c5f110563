using System.Diagnostics.CodeAnalysis;
using NodaTime;
using PlanRules.Rules.Runtime;

namespace PlanRules.Rules.Binding;

/// <summary>The kinds of static type of the rule language.</summary>
public enum TypeKind
{
    /// <summary>bool</summary>
    Bool,
    /// <summary>int</summary>
    Int,
    /// <summary>decimal</summary>
    Decimal,
    /// <summary>text</summary>
    Text,
    /// <summary>date</summary>
    Date,
    /// <summary>period</summary>
    Period,
    /// <summary>status</summary>
    Status,
    /// <summary>task</summary>
    Task,
    /// <summary>unit</summary>
    Unit,
    /// <summary>obligation</summary>
    Obligation,
    /// <summary>plan</summary>
    Plan,
    /// <summary>list of an element type</summary>
    List,
    /// <summary>the type of <c>none</c>: fits any type but bool</summary>
    None,
    /// <summary>the type of an expression in error (already reported; silences follow-on errors)</summary>
    Error,
}

/// <summary>
/// A static type. Every type but bool can hold <c>none</c>; at run time values are CLR types chosen so
/// that lifted operators give the language's <c>none</c> semantics (<c>&lt;</c> on none is false).
/// </summary>
public sealed record RuleType(TypeKind Kind, RuleType? Element = null)
{
#pragma warning disable CS1591 // the names are the types
    public static readonly RuleType Bool = new(TypeKind.Bool);
    public static readonly RuleType Int = new(TypeKind.Int);
    public static readonly RuleType Decimal = new(TypeKind.Decimal);
    public static readonly RuleType Text = new(TypeKind.Text);
    public static readonly RuleType Date = new(TypeKind.Date);
    public static readonly RuleType PeriodType = new(TypeKind.Period);
    public static readonly RuleType Status = new(TypeKind.Status);
    public static readonly RuleType Task = new(TypeKind.Task);
    public static readonly RuleType Unit = new(TypeKind.Unit);
    public static readonly RuleType Obligation = new(TypeKind.Obligation);
    public static readonly RuleType Plan = new(TypeKind.Plan);
    public static readonly RuleType None = new(TypeKind.None);
    public static readonly RuleType Error = new(TypeKind.Error);
#pragma warning restore CS1591

    /// <summary>A list type.</summary>
    public static RuleType ListOf(RuleType element) => new(TypeKind.List, element);

    /// <summary>True for int and decimal.</summary>
    public bool IsNumeric => Kind is TypeKind.Int or TypeKind.Decimal;

    /// <summary>The CLR type values of this type have at run time.</summary>
    public Type ClrType => Kind switch
    {
        TypeKind.Bool => typeof(bool),
        TypeKind.Int => typeof(long?),
        TypeKind.Decimal => typeof(decimal?),
        TypeKind.Text => typeof(string),
        TypeKind.Date => typeof(LocalDate?),
        TypeKind.Period => typeof(Period),
        TypeKind.Status => typeof(RuleStatus?),
        TypeKind.Task => typeof(TaskView),
        TypeKind.Unit => typeof(UnitView),
        TypeKind.Obligation => typeof(ObligationView),
        TypeKind.Plan => typeof(PlanView),
        TypeKind.List => ListShape.For(Element!.ClrType).ListType,
        _ => typeof(object),
    };

    /// <summary>The type of a CLR type (for view members and host functions); null when it has none.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Implemented interfaces stay on kept types while the interface is used; IReadOnlyList<T> always is.")]
    public static RuleType? FromClr(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(bool)) return Bool;
        if (underlying == typeof(long) || underlying == typeof(int)) return Int;
        if (underlying == typeof(decimal) || underlying == typeof(double)) return Decimal;
        if (underlying == typeof(string)) return Text;
        if (underlying == typeof(LocalDate)) return Date;
        if (underlying == typeof(Period)) return PeriodType;
        if (underlying == typeof(RuleStatus)) return Status;
        if (underlying == typeof(TaskView)) return Task;
        if (underlying == typeof(UnitView)) return Unit;
        if (underlying == typeof(ObligationView)) return Obligation;
        if (underlying == typeof(PlanView)) return Plan;
        var list = underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(IReadOnlyList<>)
            ? underlying
            : underlying.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyList<>));
        if (list is not null && FromClr(list.GetGenericArguments()[0]) is { } element) return ListOf(element);
        return null;
    }

    /// <summary>True when a value of <paramref name="source"/> may be used where this type is expected.</summary>
    public bool Accepts(RuleType source)
    {
        if (source.Kind == TypeKind.Error || Kind == TypeKind.Error) return true;
        if (source.Kind == TypeKind.None) return Kind != TypeKind.Bool;
        if (Kind == TypeKind.Decimal && source.Kind == TypeKind.Int) return true;
        if (Kind == TypeKind.List && source.Kind == TypeKind.List) return Element!.Accepts(source.Element!) || source.Element!.Kind == TypeKind.None;
        return Kind == source.Kind;
    }

    /// <summary>The language's name of the type: <c>int</c>, <c>list of task</c>, …</summary>
    public override string ToString() => Kind switch
    {
        TypeKind.List => "list of " + Element,
        TypeKind.Period => "period",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}
