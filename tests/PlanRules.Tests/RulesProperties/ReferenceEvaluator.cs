using System.Collections;
using System.Globalization;
using NodaTime;
using PlanRules.Rules.Binding;
using PlanRules.Rules.Runtime;
using PlanRules.Rules.Syntax;

namespace PlanRules.Tests.RulesProperties;

/// <summary>
/// A deliberately simple tree-walking interpreter of bound rule expressions, written from LANGUAGE.md and
/// independent of the compiler: the oracle the compiled delegates are checked against. Values are
/// normalised: int is <see cref="long"/>, decimal is <see cref="decimal"/>, date is <see cref="LocalDate"/>,
/// lists are <see cref="List{T}"/> of normalised values, and none is null.
/// </summary>
internal sealed class ReferenceEvaluator
{
    private readonly RuleModel _model;
    private readonly Dictionary<RuleVariable, object?> _variables = new(ReferenceEqualityComparer.Instance);

    private ReferenceEvaluator(RuleModel model) => _model = model;

    /// <summary>Evaluates <paramref name="expression"/> with <paramref name="variable"/> bound to <paramref name="element"/>.</summary>
    public static object? Evaluate(BoundExpression expression, RuleVariable variable, object element, RuleModel model)
    {
        var evaluator = new ReferenceEvaluator(model);
        evaluator._variables[variable] = element;
        return evaluator.Eval(expression);
    }

    /// <summary>A run-time value in the evaluator's normal form (the compiled delegates' results are compared in it).</summary>
    public static object? Normalize(object? value) => value switch
    {
        null => null,
        int i => (long)i,
        double d => (decimal)d,
        string or bool or long or decimal or LocalDate or Period or RuleStatus => value,
        TaskView or UnitView or ObligationView or PlanView => value,
        IEnumerable list => list.Cast<object?>().Select(Normalize).ToList(),
        _ => throw new InvalidOperationException("unexpected run-time value " + value.GetType()),
    };

    private object? Eval(BoundExpression node) => node switch
    {
        BoundLiteral literal => literal.Type.Kind == TypeKind.None ? null : Normalize(literal.Value),
        BoundToday => _model.AsOf,
        BoundVariable variable => _variables[variable.Variable],
        BoundMember member => Normalize(member.Property.GetValue(Eval(member.Target) ?? throw new InvalidOperationException("member of none"))),
        BoundCall call => Call(call),
        BoundUnary { Operator: UnaryOperator.Not } not => !(bool)Eval(not.Operand)!,
        BoundUnary negate => Eval(negate.Operand) switch
        {
            null => null,
            long l => Checked(() => checked(-l)),
            decimal d => -d,
            var other => throw new InvalidOperationException("cannot negate " + other),
        },
        BoundComparison comparison => Compare(comparison),
        BoundChain { Type.Kind: TypeKind.Bool } logical => Logical(logical),
        BoundChain arithmetic => Arithmetic(arithmetic),
        BoundQuantifier quantifier => Quantify(quantifier),
        BoundList list => list.Items.Select(item => Coerce(Eval(item), list.Type.Element!)).ToList(),
        _ => throw new InvalidOperationException("cannot evaluate " + node.GetType().Name),
    };

    /// <summary>An int where a decimal is expected becomes a decimal (the only implicit conversion).</summary>
    private static object? Coerce(object? value, RuleType type) =>
        type.Kind == TypeKind.Decimal && value is long l ? (decimal)l : value;

    private object? Call(BoundCall call)
    {
        var args = call.Arguments.Select(Eval).ToArray();
        switch (call.Function.Name)
        {
            case "count": return BuiltinFunctions.Count((List<object?>?)args[0]);
            case "days": return BuiltinFunctions.Days((Period?)args[0]);
            case "contains": return BuiltinFunctions.Contains((string?)args[0], (string?)args[1]);
            case "matches": return BuiltinFunctions.Matches((string?)args[0], (string?)args[1]);
            case "year": return BuiltinFunctions.Year((LocalDate?)args[0]);
            case "month": return BuiltinFunctions.Month((LocalDate?)args[0]);
            case "len": return BuiltinFunctions.Len((string?)args[0]);
            case "min" or "max":
                var list = (List<object?>?)args[0];
                var min = call.Function.Name == "min";
                return call.Type.Kind switch
                {
                    // A list of none (or none): no item to order.
                    TypeKind.None => null,
                    TypeKind.Int => min
                        ? BuiltinFunctions.Min(list?.Select(x => (long?)x).ToList())
                        : BuiltinFunctions.Max(list?.Select(x => (long?)x).ToList()),
                    TypeKind.Decimal => min
                        ? BuiltinFunctions.Min(list?.Select(x => (decimal?)Coerce(x, RuleType.Decimal)).ToList())
                        : BuiltinFunctions.Max(list?.Select(x => (decimal?)Coerce(x, RuleType.Decimal)).ToList()),
                    // Text orders ordinally, as < does; none items are left out and an empty list gives none.
                    TypeKind.Text => list?.OfType<string>().Order(StringComparer.Ordinal).ToList() is { Count: > 0 } texts ? (min ? texts[0] : texts[^1]) : null,
                    _ => min
                        ? BuiltinFunctions.Min(list?.Select(x => (LocalDate?)x).ToList())
                        : BuiltinFunctions.Max(list?.Select(x => (LocalDate?)x).ToList()),
                };
            default:
                throw new InvalidOperationException("no reference implementation of " + call.Function.Name);
        }
    }

    /// <summary>Equality as the language means it: none equals only none; int and decimal compare by value.</summary>
    public static bool ValueEquals(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (long x, long y) => x == y,
        (long or decimal, long or decimal) => Convert.ToDecimal(a, CultureInfo.InvariantCulture) == Convert.ToDecimal(b, CultureInfo.InvariantCulture),
        (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
        (TaskView or UnitView or ObligationView or PlanView, _) => ReferenceEquals(a, b),
        (System.Collections.IEnumerable x, System.Collections.IEnumerable y) => x.Cast<object?>().Count() == y.Cast<object?>().Count()
            && x.Cast<object?>().Zip(y.Cast<object?>()).All(p => ValueEquals(p.First, p.Second)),
        _ => a.Equals(b),
    };

    /// <summary>Ordering: numbers by value, dates by time, text ordinally; null when either side is none.</summary>
    private static int? Order(object? a, object? b) => (a, b) switch
    {
        (null, _) or (_, null) => null,
        (long x, long y) => x.CompareTo(y),
        (long or decimal, long or decimal) => Convert.ToDecimal(a, CultureInfo.InvariantCulture).CompareTo(Convert.ToDecimal(b, CultureInfo.InvariantCulture)),
        (LocalDate x, LocalDate y) => x.CompareTo(y),
        (string x, string y) => string.CompareOrdinal(x, y),
        _ => throw new InvalidOperationException($"cannot order {a} and {b}"),
    };

    private bool Compare(BoundComparison comparison)
    {
        var left = Eval(comparison.Left);
        var right = Eval(comparison.Right);
        switch (comparison.Operator)
        {
            case BinaryOperator.In:
                return right is List<object?> list && list.Any(item => ValueEquals(item, left));
            case BinaryOperator.Equal:
                return ValueEquals(left, right);
            case BinaryOperator.NotEqual:
                return !ValueEquals(left, right);
        }
        // < <= > >= on none are false.
        if (Order(left, right) is not { } order) return false;
        return comparison.Operator switch
        {
            BinaryOperator.Less => order < 0,
            BinaryOperator.LessOrEqual => order <= 0,
            BinaryOperator.Greater => order > 0,
            _ => order >= 0,
        };
    }

    private bool Logical(BoundChain chain)
    {
        var isOr = chain.Operators[0] == BinaryOperator.Or;
        foreach (var operand in chain.Operands)
        {
            var value = (bool)Eval(operand)!;
            if (value == isOr) return value; // short-circuit: true for or, false for and
        }
        return !isOr;
    }

    private object? Arithmetic(BoundChain chain)
    {
        var value = Eval(chain.Operands[0]);
        for (var i = 0; i < chain.Operators.Length; i++)
        {
            var next = Eval(chain.Operands[i + 1]);
            value = Coerce(Step(chain.Operators[i], value, next), chain.StepTypes[i]);
        }
        return value;
    }

    /// <summary>
    /// One <c>+</c> or <c>-</c> on run-time values; none on either side gives none. Arithmetic that leaves the range
    /// of its type faults (int and decimal overflow, a date outside the calendar, a period too large): never a wrap.
    /// </summary>
    private static object? Step(BinaryOperator op, object? a, object? b)
    {
        var add = op == BinaryOperator.Add;
        return (a, b) switch
        {
            (null, _) or (_, null) => null,
            (long x, long y) => Checked(() => add ? checked(x + y) : checked(x - y)),
            (long or decimal, long or decimal) => Checked(() => add
                ? Convert.ToDecimal(a, CultureInfo.InvariantCulture) + Convert.ToDecimal(b, CultureInfo.InvariantCulture)
                : Convert.ToDecimal(a, CultureInfo.InvariantCulture) - Convert.ToDecimal(b, CultureInfo.InvariantCulture)),
            (LocalDate x, LocalDate y) when !add => (long)(x.ToDateTimeUnspecified() - y.ToDateTimeUnspecified()).TotalDays,
            (LocalDate x, Period p) => InCalendar(() => add ? x.Plus(p) : x.Minus(p)),
            (Period p, LocalDate x) when add => InCalendar(() => x.Plus(p)),
            (Period p, Period q) when add => Checked(() => p + q),
            (string x, string y) when add => x + y,
            _ => throw new InvalidOperationException($"cannot {(add ? "add" : "subtract")} {a} and {b}"),
        };
    }

    /// <summary>Int, decimal and period arithmetic: an overflow faults the element with the language's reason.</summary>
    private static object Checked<T>(Func<T> compute) where T : notnull
    {
        try
        {
            return compute();
        }
        catch (Exception e) when (e is OverflowException || (typeof(T) == typeof(Period) && e is ArgumentOutOfRangeException))
        {
            throw typeof(T) == typeof(long) ? RuleRuntimeException.IntegerOverflow()
                : typeof(T) == typeof(decimal) ? RuleRuntimeException.DecimalOverflow(e)
                : RuleRuntimeException.PeriodOutOfRange(e);
        }
    }

    /// <summary>Date arithmetic: a date outside the calendar faults the element.</summary>
    private static object InCalendar(Func<LocalDate> compute)
    {
        try
        {
            return compute();
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException)
        {
            throw RuleRuntimeException.DateOutOfRange(e);
        }
    }

    private object? Quantify(BoundQuantifier quantifier)
    {
        var list = (List<object?>?)Eval(quantifier.Source) ?? [];
        long count = 0;
        foreach (var item in list)
        {
            _variables[quantifier.Variable] = item;
            var holds = (bool)Eval(quantifier.Body)!;
            if (holds && quantifier.Kind == QuantifierKind.Any) return true;
            if (!holds && quantifier.Kind == QuantifierKind.All) return false;
            if (holds) count++;
        }
        return quantifier.Kind switch
        {
            QuantifierKind.Any => false,
            QuantifierKind.All => true,
            _ => count,
        };
    }
}
