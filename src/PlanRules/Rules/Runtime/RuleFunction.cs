using System.Collections.Frozen;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text.RegularExpressions;
using PlanRules.Diagnostics;
using PlanRules.Rules.Binding;

namespace PlanRules.Rules.Runtime;

/// <summary>
/// A function rules can call: its name, how it types its arguments, and how it is emitted into a compiled
/// rule. Built-ins and host functions are type-checked the same way.
/// </summary>
public sealed class RuleFunction
{
    private RuleFunction(string name, string signature, Func<IReadOnlyList<RuleType>, RuleType?> resultType, Func<IReadOnlyList<Expression>, IReadOnlyList<RuleType>, Expression> emit, int arity,
        LocalizableString? accepts = null)
    {
        Name = name;
        Signature = signature;
        ResultType = resultType;
        Emit = emit;
        Arity = arity;
        Accepts = accepts;
    }

    /// <summary>The name rules call it by.</summary>
    public string Name { get; }
    /// <summary>The signature as shown in messages, e.g. <c>contains(text, text)</c>.</summary>
    public string Signature { get; }
    /// <summary>The number of arguments.</summary>
    public int Arity { get; }
    internal Func<IReadOnlyList<RuleType>, RuleType?> ResultType { get; }
    internal Func<IReadOnlyList<Expression>, IReadOnlyList<RuleType>, Expression> Emit { get; }
    /// <summary>
    /// For a one-argument function whose signature does not say it (<c>min(list)</c>): what the argument may be, as a
    /// type mismatch names it. Null: the mismatch names the signature and the call's types.
    /// </summary>
    internal LocalizableString? Accepts { get; }

    /// <summary>
    /// A host function from a delegate. Parameter and return types must be ones rules know: bool, int/long,
    /// decimal/double, string, LocalDate, Period, or IReadOnlyList of those (nullable allowed). The name must be one
    /// rules can call: an identifier that is not a reserved word. It may be a built-in's name: the host's replaces it.
    /// </summary>
    public static RuleFunction FromDelegate(string name, Delegate implementation)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(implementation);
        // A name rules cannot write would make the function silently uncallable (PR2001 at every call).
        if (PlanRules.Syntax.Lexer.ScanIdentifier(name, 0) != name.Length) throw new ArgumentException(Resources.Messages.Bilingual("Function_BadName", name), nameof(name));
        if (Parsing.ExpressionParser.IsKeyword(name)) throw new ArgumentException(Resources.Messages.Bilingual("Function_Keyword", name), nameof(name));
        var method = implementation.Method;
        var parameters = method.GetParameters();
        var types = parameters.Select(p => RuleType.FromClr(p.ParameterType)
            ?? throw new ArgumentException(Resources.Messages.Bilingual("Function_BadParameter", p.Name, name, p.ParameterType.Name), nameof(implementation))).ToArray();
        var result = RuleType.FromClr(method.ReturnType)
            ?? throw new ArgumentException(Resources.Messages.Bilingual("Function_BadResult", name, method.ReturnType.Name), nameof(implementation));
        var target = Expression.Constant(implementation);
        return new RuleFunction(
            name,
            $"{name}({string.Join(", ", types.Select(t => t.ToString()))})",
            args => args.Count == types.Length && types.Zip(args).All(p => p.First.Accepts(p.Second)) ? result : null,
            (args, _) => Guarded(name, args.Select((a, i) => Convert(a, parameters[i].ParameterType)).ToArray(),
                values => Convert(Expression.Invoke(target, values), result.ClrType)),
            types.Length);
    }

    private static readonly MethodInfo HostFault = typeof(RuleFunction).GetMethod(nameof(HostFaultOf), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>
    /// A host function's call: the arguments evaluated first (their faults are theirs), then the call, whose exceptions
    /// become <see cref="RuleRuntimeException.HostFunctionFailed"/> naming the function, so PR2005 says what failed in
    /// the finding's language.
    /// </summary>
    private static Expression Guarded(string name, Expression[] arguments, Func<IReadOnlyList<Expression>, Expression> call)
    {
        var values = arguments.Select((a, i) => Expression.Variable(a.Type, "arg" + i)).ToArray();
        var body = call(values);
        var thrown = Expression.Variable(typeof(Exception), "thrown");
        // No exception filter: the interpreter, which runs large rules, let filtered exceptions through.
        var guarded = Expression.TryCatch(body,
            Expression.Catch(thrown, Expression.Throw(Expression.Call(HostFault, Expression.Constant(name), thrown), body.Type)));
        return Expression.Block(body.Type, values, [.. values.Zip(arguments, Expression.Assign), guarded]);
    }

    /// <summary>
    /// The exception to throw for one a host function threw. A <see cref="RuleRuntimeException"/> already says why (a
    /// host may throw one), and the runtime's own faults stay what they are: those are rethrown here, as they were.
    /// </summary>
    private static RuleRuntimeException HostFaultOf(string function, Exception thrown)
    {
        if (thrown is RuleRuntimeException or OutOfMemoryException or InsufficientExecutionStackException) ExceptionDispatchInfo.Throw(thrown);
        return RuleRuntimeException.HostFunctionFailed(function, thrown);
    }

    internal static Expression Convert(Expression expression, Type type) =>
        expression.Type == type ? expression : Compilation.Operators.Convert(expression, type);

    /// <summary>
    /// <c>count(list)</c> inline: an array's length, else <c>list == null ? 0 : list.Count</c>, without a call through
    /// shared generic code or, for the model's lists (arrays), through the interface.
    /// </summary>
    private static Expression EmitCount(IReadOnlyList<Expression> args, IReadOnlyList<RuleType> types)
    {
        var list = args[0];
        if (!list.Type.IsGenericType || list.Type.GetGenericTypeDefinition() != typeof(IReadOnlyList<>))
        {
            var countOf = typeof(BuiltinFunctions).GetMethod(nameof(BuiltinFunctions.CountOf), BindingFlags.NonPublic | BindingFlags.Static)!;
            return Expression.Call(countOf, Convert(list, typeof(object)));
        }
        var variable = Expression.Variable(list.Type, "list");
        var shape = ListShape.For(list.Type.GetGenericArguments()[0]);
        var array = Expression.Variable(shape.ArrayType, "array");
        return Expression.Block(typeof(long?), [variable, array],
            Expression.Assign(variable, list),
            Expression.Assign(array, Expression.TypeAs(variable, shape.ArrayType)),
            Expression.Condition(
                Expression.NotEqual(array, Expression.Constant(null, shape.ArrayType)),
                Expression.Convert(Expression.ArrayLength(array), typeof(long?)),
                Expression.Condition(
                    Expression.Equal(variable, Expression.Constant(null, list.Type)),
                    Expression.Constant(0L, typeof(long?)),
                    Expression.Convert(Expression.Property(variable, shape.Count), typeof(long?)))));
    }

    /// <summary>
    /// <c>matches(text, "literal")</c> with the pattern built at compile time (short literal alternatives as a plain
    /// search, <see cref="LiteralAlternatives"/>); patterns computed by the rule per call.
    /// </summary>
    private static Expression EmitMatches(IReadOnlyList<Expression> args, IReadOnlyList<RuleType> types)
    {
        if (args[1] is ConstantExpression { Value: string literal } && args[0].Type == typeof(string) && LiteralAlternatives.TryCreate(literal) is { } search)
        {
            var isMatch = typeof(LiteralAlternatives).GetMethod(nameof(LiteralAlternatives.IsMatch), BindingFlags.NonPublic | BindingFlags.Instance)!;
            return Expression.Call(Expression.Constant(search), isMatch, args[0]);
        }
        if (args[1] is ConstantExpression { Value: string pattern } && args[0].Type == typeof(string) && BuiltinFunctions.TryPattern(pattern) is { } regex)
        {
            var method = typeof(BuiltinFunctions).GetMethod(nameof(BuiltinFunctions.Matches), BindingFlags.NonPublic | BindingFlags.Static, [typeof(string), typeof(Regex)])!;
            return Expression.Call(method, args[0], Expression.Constant(regex));
        }
        return Call(nameof(BuiltinFunctions.Matches))(args, types);
    }

    private static Func<IReadOnlyList<Expression>, IReadOnlyList<RuleType>, Expression> Call(string method) => (args, types) =>
    {
        var candidates = typeof(BuiltinFunctions).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.Name == method).ToList();
        foreach (var candidate in candidates)
        {
            // The generic built-ins (count, in, the quantifiers) are emitted inline; none is instantiated here.
            if (candidate.IsGenericMethodDefinition) continue;
            var target = candidate;
            var parameters = target.GetParameters();
            if (parameters.Length != args.Count) continue;
            if (!parameters.Select((p, i) => p.ParameterType == args[i].Type || (args[i].Type == typeof(object) && !p.ParameterType.IsValueType) || (Nullable.GetUnderlyingType(p.ParameterType) is not null && args[i].Type == typeof(object))).All(ok => ok)) continue;
            return Expression.Call(target, args.Select((a, i) => Convert(a, parameters[i].ParameterType)));
        }
        throw new InvalidOperationException($"no overload of {method} for {string.Join(", ", types)}");
    };

    private static RuleFunction Builtin(string name, string signature, int arity, Func<IReadOnlyList<RuleType>, RuleType?> result, string method) =>
        new(name, signature, args => args.Count == arity ? result(args) : null, Call(method), arity);

    private static bool IsList(RuleType t) => t.Kind is TypeKind.List or TypeKind.None or TypeKind.Error;

    /// <summary>
    /// <c>min</c> and <c>max</c> take lists of what <c>&lt;</c> orders: numbers, dates and text. A list whose items
    /// are all <c>none</c> (<c>[none]</c>, <c>[]</c>), or <c>none</c> itself, has no item to order: the result is none.
    /// </summary>
    private static RuleType? MinMax(IReadOnlyList<RuleType> args) => args[0] switch
    {
        { Kind: TypeKind.None } or { Kind: TypeKind.List, Element.Kind: TypeKind.None } => RuleType.None,
        { Element.Kind: TypeKind.Int or TypeKind.Decimal or TypeKind.Date or TypeKind.Text } list when IsList(list) => list.Element,
        _ => null,
    };

    /// <summary><c>min</c>/<c>max</c>: of a list of none, none (the list still evaluated, for its faults); else the method.</summary>
    private static Func<IReadOnlyList<Expression>, IReadOnlyList<RuleType>, Expression> EmitMinMax(string method) => (args, types) =>
        MinMax(types)!.Kind == TypeKind.None
            ? Expression.Block(typeof(object), args[0], Expression.Constant(null, typeof(object)))
            : Call(method)(args, types);

    private static readonly LocalizableString OrderedList = LocalizableString.FromResource("Type_OrderedList");

    /// <summary>The built-in functions of LANGUAGE.md.</summary>
    public static readonly FrozenDictionary<string, RuleFunction> Builtins = new[]
    {
        new RuleFunction("count", "count(list)", a => a.Count == 1 && IsList(a[0]) ? RuleType.Int : null, EmitCount, 1),
        Builtin("days", "days(period)", 1, a => RuleType.PeriodType.Accepts(a[0]) ? RuleType.Int : null, nameof(BuiltinFunctions.Days)),
        Builtin("contains", "contains(text, text)", 2, a => RuleType.Text.Accepts(a[0]) && RuleType.Text.Accepts(a[1]) ? RuleType.Bool : null, nameof(BuiltinFunctions.Contains)),
        new RuleFunction("matches", "matches(text, text)", a => a.Count == 2 && RuleType.Text.Accepts(a[0]) && RuleType.Text.Accepts(a[1]) ? RuleType.Bool : null, EmitMatches, 2),
        Builtin("year", "year(date)", 1, a => RuleType.Date.Accepts(a[0]) ? RuleType.Int : null, nameof(BuiltinFunctions.Year)),
        Builtin("month", "month(date)", 1, a => RuleType.Date.Accepts(a[0]) ? RuleType.Int : null, nameof(BuiltinFunctions.Month)),
        new RuleFunction("min", "min(list)", a => a.Count == 1 ? MinMax(a) : null, EmitMinMax(nameof(BuiltinFunctions.Min)), 1, OrderedList),
        new RuleFunction("max", "max(list)", a => a.Count == 1 ? MinMax(a) : null, EmitMinMax(nameof(BuiltinFunctions.Max)), 1, OrderedList),
        Builtin("len", "len(text)", 1, a => RuleType.Text.Accepts(a[0]) ? RuleType.Int : null, nameof(BuiltinFunctions.Len)),
    }.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);
}
