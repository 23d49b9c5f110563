using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using NodaTime;
using PlanRules.Rules.Runtime;

namespace PlanRules.Rules.Compilation;

/// <summary>
/// The operators of rule values as expression nodes, with the user-defined operator method named in source for
/// decimal, date and period. System.Linq.Expressions finds such methods by reflection when it is not given one,
/// and a trimmed or Native AOT host keeps no <c>System.Decimal.op_Addition</c> it cannot see used: the native
/// planrules tool then failed <c>1.5 + 1.5</c> and every int-to-decimal conversion (tests/aot/run.sh found it).
/// Named here, the trimmer keeps exactly these methods, in any host.
/// </summary>
internal static class Operators
{
    private static readonly Type[] Decimals = [typeof(decimal), typeof(decimal)];
    private static readonly Type[] Dates = [typeof(LocalDate), typeof(LocalDate)];
    private static readonly Type[] Periods = [typeof(Period), typeof(Period)];

    private static readonly MethodInfo DecimalFromLong = typeof(decimal).GetMethod("op_Implicit", [typeof(long)])!;
    private static readonly MethodInfo DecimalNegate = typeof(decimal).GetMethod("op_UnaryNegation", [typeof(decimal)])!;

    private static readonly Dictionary<ExpressionType, MethodInfo> LongBinary = new()
    {
        [ExpressionType.Add] = typeof(Operators).GetMethod(nameof(AddInt), BindingFlags.NonPublic | BindingFlags.Static)!,
        [ExpressionType.Subtract] = typeof(Operators).GetMethod(nameof(SubtractInt), BindingFlags.NonPublic | BindingFlags.Static)!,
    };

    private static readonly MethodInfo LongNegate = typeof(Operators).GetMethod(nameof(NegateInt), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static readonly Dictionary<ExpressionType, MethodInfo> DecimalBinary = new()
    {
        [ExpressionType.Add] = typeof(Operators).GetMethod(nameof(AddDecimal), BindingFlags.NonPublic | BindingFlags.Static)!,
        [ExpressionType.Subtract] = typeof(Operators).GetMethod(nameof(SubtractDecimal), BindingFlags.NonPublic | BindingFlags.Static)!,
        [ExpressionType.Equal] = typeof(decimal).GetMethod("op_Equality", Decimals)!,
        [ExpressionType.NotEqual] = typeof(decimal).GetMethod("op_Inequality", Decimals)!,
        [ExpressionType.LessThan] = typeof(decimal).GetMethod("op_LessThan", Decimals)!,
        [ExpressionType.LessThanOrEqual] = typeof(decimal).GetMethod("op_LessThanOrEqual", Decimals)!,
        [ExpressionType.GreaterThan] = typeof(decimal).GetMethod("op_GreaterThan", Decimals)!,
        [ExpressionType.GreaterThanOrEqual] = typeof(decimal).GetMethod("op_GreaterThanOrEqual", Decimals)!,
    };

    private static readonly Dictionary<ExpressionType, MethodInfo> DateBinary = new()
    {
        [ExpressionType.Equal] = typeof(LocalDate).GetMethod("op_Equality", Dates)!,
        [ExpressionType.NotEqual] = typeof(LocalDate).GetMethod("op_Inequality", Dates)!,
        [ExpressionType.LessThan] = typeof(LocalDate).GetMethod("op_LessThan", Dates)!,
        [ExpressionType.LessThanOrEqual] = typeof(LocalDate).GetMethod("op_LessThanOrEqual", Dates)!,
        [ExpressionType.GreaterThan] = typeof(LocalDate).GetMethod("op_GreaterThan", Dates)!,
        [ExpressionType.GreaterThanOrEqual] = typeof(LocalDate).GetMethod("op_GreaterThanOrEqual", Dates)!,
    };

    private static readonly Dictionary<ExpressionType, MethodInfo> PeriodBinary = new()
    {
        [ExpressionType.Add] = typeof(Period).GetMethod("op_Addition", Periods)!,
        [ExpressionType.Subtract] = typeof(Period).GetMethod("op_Subtraction", Periods)!,
        [ExpressionType.Equal] = typeof(Period).GetMethod("op_Equality", Periods)!,
        [ExpressionType.NotEqual] = typeof(Period).GetMethod("op_Inequality", Periods)!,
    };

    /// <summary>
    /// <c>left op right</c> for operands of one type: arithmetic lifts to a nullable result, comparisons give bool
    /// (none equals none; none is not less or greater than anything).
    /// </summary>
    public static Expression Binary(ExpressionType kind, Expression left, Expression right)
    {
        var method = MethodFor(kind, Nullable.GetUnderlyingType(left.Type) ?? left.Type);
        // A lifted operator compiled by System.Linq.Expressions skips its right operand when the left one is none.
        // The language evaluates both, left to right, so a fault on the right (an overflow) is never hidden:
        // operands that can fault are evaluated into locals first.
        if (left.Type != right.Type || !IsNullable(left.Type) || Pure(right))
        {
            return Make(kind, left, right, method);
        }
        var l = Expression.Variable(left.Type, "left");
        var r = Expression.Variable(right.Type, "right");
        return Expression.Block([l, r], Expression.Assign(l, left), Expression.Assign(r, right), Make(kind, l, r, method));
    }

    private static Expression Make(ExpressionType kind, Expression left, Expression right, MethodInfo? method) =>
        Expression.MakeBinary(kind, left, right, liftToNull: kind is ExpressionType.Add or ExpressionType.Subtract, method);

    private static bool IsNullable(Type type) => Nullable.GetUnderlyingType(type) is not null;

    /// <summary>True for an operand that cannot fault: a constant, a default, a variable.</summary>
    private static bool Pure(Expression e) => e is ConstantExpression or DefaultExpression or ParameterExpression;

    /// <summary><c>-operand</c>; for int, checked.</summary>
    public static Expression Negate(Expression operand)
    {
        var type = Nullable.GetUnderlyingType(operand.Type) ?? operand.Type;
        return type == typeof(decimal) ? Expression.Negate(operand, DecimalNegate)
            : type == typeof(long) ? Expression.Negate(operand, LongNegate)
            : Expression.Negate(operand);
    }

    // Arithmetic that leaves the range faults the element (PR2005) with a reason the user can read, never a wrapped
    // value: 9223372036854775807 + 1 is not negative.

    // Small enough for the JIT to inline into a rule's method; the throw is out of line.

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long AddInt(long a, long b)
    {
        var sum = unchecked(a + b);
        if (((a ^ sum) & (b ^ sum)) < 0) ThrowIntegerOverflow();
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long SubtractInt(long a, long b)
    {
        var difference = unchecked(a - b);
        if (((a ^ b) & (a ^ difference)) < 0) ThrowIntegerOverflow();
        return difference;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long NegateInt(long a)
    {
        if (a == long.MinValue) ThrowIntegerOverflow();
        return -a;
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowIntegerOverflow() => throw RuleRuntimeException.IntegerOverflow();

    private static decimal AddDecimal(decimal a, decimal b)
    {
        try
        {
            return a + b;
        }
        catch (OverflowException e)
        {
            throw RuleRuntimeException.DecimalOverflow(e);
        }
    }

    private static decimal SubtractDecimal(decimal a, decimal b)
    {
        try
        {
            return a - b;
        }
        catch (OverflowException e)
        {
            throw RuleRuntimeException.DecimalOverflow(e);
        }
    }

    /// <summary>A conversion; int to decimal through <c>decimal.op_Implicit(long)</c>.</summary>
    public static Expression Convert(Expression expression, Type to)
    {
        var from = Nullable.GetUnderlyingType(expression.Type) ?? expression.Type;
        var target = Nullable.GetUnderlyingType(to) ?? to;
        return from == typeof(long) && target == typeof(decimal)
            ? Expression.Convert(expression, to, DecimalFromLong)
            : Expression.Convert(expression, to);
    }

    private static MethodInfo? MethodFor(ExpressionType kind, Type operand)
    {
        var table = operand == typeof(decimal) ? DecimalBinary
            : operand == typeof(long) ? LongBinary
            : operand == typeof(LocalDate) ? DateBinary
            : operand == typeof(Period) ? PeriodBinary
            : null;
        return table is not null && table.TryGetValue(kind, out var method) ? method : null;
    }
}
