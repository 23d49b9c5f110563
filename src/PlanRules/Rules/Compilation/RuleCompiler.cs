using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using PlanRules.Rules.Binding;
using PlanRules.Rules.Runtime;
using PlanRules.Rules.Syntax;

namespace PlanRules.Rules.Compilation;

/// <summary>
/// Compiles bound expressions to delegates with System.Linq.Expressions. Values use CLR types whose lifted
/// operators give the language's none semantics. Long chains are emitted as flat blocks, so even a
/// 100,000-term chain compiles without deep recursion.
/// </summary>
internal sealed class RuleCompiler
{
    private const int FlatChainThreshold = 8;

    /// <summary>
    /// Above this many bound nodes a rule is interpreted instead of compiled to IL: the JIT needs seconds
    /// per thousand chain terms on one giant method (a 100,000-term chain took minutes), the interpreter
    /// builds in linear time and runs such rules about as fast.
    /// </summary>
    internal const int InterpretAbove = 2_000;

    private int _nodes;
    private static readonly MethodInfo BuiltinMethods = typeof(BuiltinFunctions).GetMethod(nameof(BuiltinFunctions.DaysBetween))!;

    private readonly ParameterExpression _model = Expression.Parameter(typeof(RuleModel), "model");

    /// <summary>
    /// Items visited by the loops of <c>in</c> and the quantifiers in one evaluation (one element, one delegate):
    /// past <see cref="MaxSteps"/> the element faults (PR2005). Quantifiers nested 25 deep over four-unit lists are
    /// 4^25 steps; without a bound a 300-byte rules file held a check for ever.
    /// </summary>
    private readonly ParameterExpression _steps = Expression.Variable(typeof(long), "steps");

    /// <summary>
    /// The most loop items one evaluation of a rule on one element may visit: a few milliseconds compiled, about a second
    /// where expressions are interpreted (the planrules tool, Native AOT); enough for a plan rule comparing every two of
    /// 1 400 tasks.
    /// </summary>
    public const long MaxSteps = 2_000_000;

    private static readonly MethodInfo StepLimit = typeof(RuleRuntimeException).GetMethod(nameof(RuleRuntimeException.StepLimitExceeded), BindingFlags.NonPublic | BindingFlags.Static)!;
    private readonly Dictionary<RuleVariable, ParameterExpression> _variables = new(ReferenceEqualityComparer.Instance);

    /// <summary>Compiles <paramref name="body"/> with <paramref name="variable"/> bound to the element.</summary>
    public static Func<object, RuleModel, T> Compile<T>(RuleVariable variable, BoundExpression body)
    {
        var compiler = new RuleCompiler();
        var element = Expression.Parameter(typeof(object), "element");
        var typed = Expression.Variable(variable.Type.ClrType, variable.Name);
        compiler._variables[variable] = typed;
        var value = compiler.Emit(body);
        var result = typeof(T) == typeof(object) ? Expression.Convert(value, typeof(object)) : Coerce(value, body.Type, typeof(T));
        var block = Expression.Block(typeof(T), [typed, compiler._steps],
            Expression.Assign(typed, Expression.Convert(element, typed.Type)),
            Expression.Assign(compiler._steps, Expression.Constant(0L)),
            result);
        return Expression.Lambda<Func<object, RuleModel, T>>(block, element, compiler._model).Compile(preferInterpretation: compiler._nodes > InterpretAbove);
    }

    /// <summary>
    /// Compiles what a finding of a rule says into one delegate: every value of <paramref name="values"/> in order
    /// (<see cref="EmitValue"/>), each with its own step count; the first <paramref name="holes"/> are
    /// holes, whose fault faults the element; a later value (a term) that faults becomes <paramref name="termError"/>
    /// of the exception. A value that is not text yet goes through <paramref name="cultureFree"/>. The values go to <paramref name="make"/>'s constructor arguments after the leading
    /// <paramref name="leading"/> ones, or as one array when <paramref name="make"/> takes an array. Returns what compiles
    /// it (the tree is built and checked now): holes and terms run only for the elements a rule reports, and most rules
    /// report few or none in a check, so the caller compiles on first use (JIT-compiling them all up front cost a short
    /// <c>planrules check</c> about 10 ms: on the example, 26 of its 66 compiled methods were never called).
    /// </summary>
    public static Func<Func<object, RuleModel, TSite, TResult>> CompileReport<TSite, TResult>(
        RuleVariable variable, IReadOnlyList<BoundExpression> values, int holes, MethodInfo termError, MethodInfo cultureFree,
        ConstructorInfo make, Expression[] leading, ParameterExpression site)
    {
        var compiler = new RuleCompiler();
        var element = Expression.Parameter(typeof(object), "element");
        var typed = Expression.Variable(variable.Type.ClrType, variable.Name);
        compiler._variables[variable] = typed;
        var computed = new List<Expression>(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            var emitted = compiler.EmitValue(values[i]);
            if (emitted.Type != typeof(string)) emitted = Expression.Call(cultureFree, emitted);
            Expression value = Expression.Block(typeof(object), Expression.Assign(compiler._steps, Expression.Constant(0L)), emitted);
            if (i >= holes)
            {
                var fault = Expression.Variable(typeof(Exception), "fault");
                // No exception filter: the expression interpreter (Native AOT) does not run them as the JIT does.
                value = Expression.TryCatch(value, Expression.Catch(fault,
                    Expression.Condition(Expression.TypeIs(fault, typeof(OutOfMemoryException)), Expression.Rethrow(typeof(object)), Expression.Call(termError, fault))));
            }
            computed.Add(value);
        }
        // Evaluated left to right into locals first: the order of the values is the order of their faults.
        var body = new List<Expression> { Expression.Assign(typed, Expression.Convert(element, typed.Type)) };
        ParameterExpression[] locals;
        Expression[] arguments;
        if (make.GetParameters()[^1].ParameterType == typeof(object[]))
        {
            // Many values: straight into an array (made by a call: Native AOT cannot make arrays of a type at run time).
            var array = Expression.Variable(typeof(object[]), "values");
            locals = [array];
            body.Add(Expression.Assign(array, Expression.Call(NewValues, Expression.Constant(computed.Count))));
            body.AddRange(computed.Select((value, i) => Expression.Assign(Expression.ArrayAccess(array, Expression.Constant(i)), value)));
            arguments = [.. leading, array];
        }
        else
        {
            locals = [.. computed.Select((_, i) => Expression.Variable(typeof(object), "v" + i))];
            body.AddRange(computed.Select((value, i) => Expression.Assign(locals[i], value)));
            arguments = [.. leading, .. locals];
        }
        body.Add(Expression.Convert(Expression.New(make, arguments), typeof(TResult)));
        var block = Expression.Block(typeof(TResult), [typed, compiler._steps, .. locals], body);
        var lambda = Expression.Lambda<Func<object, RuleModel, TSite, TResult>>(block, element, compiler._model, site);
        var interpret = compiler._nodes > InterpretAbove;
        return () => lambda.Compile(preferInterpretation: interpret);
    }

    private static readonly MethodInfo NewValues = typeof(RuleCompiler).GetMethod(nameof(Values), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static object?[] Values(int count) => new object?[count];

    /// <summary>
    /// A hole or term's value as an object. A value that reads the same in every culture (a bool, int, decimal, date
    /// or status that is not none) is its text, formatted without a box; none, text, lists and the other values are
    /// as they are.
    /// </summary>
    private Expression EmitValue(BoundExpression body)
    {
        var value = Emit(body);
        var type = Nullable.GetUnderlyingType(value.Type) ?? value.Type;
        var text = typeof(RuleValueFormatter).GetMethod(nameof(RuleValueFormatter.Text), BindingFlags.NonPublic | BindingFlags.Static, [type]);
        if (text is null || body.Type.Kind == TypeKind.None) return Expression.Convert(value, typeof(object));
        if (value.Type == type) return Expression.Call(text, value);
        var slot = Expression.Variable(value.Type, "value");
        return Expression.Block(typeof(object), [slot],
            Expression.Assign(slot, value),
            Expression.Condition(
                Expression.NotEqual(slot, Expression.Constant(null, slot.Type)),
                Expression.Convert(Expression.Call(text, Expression.Convert(slot, type)), typeof(object)),
                Expression.Constant(null, typeof(object))));
    }


    /// <summary>
    /// Builds a rule's <c>where</c> filter and its condition into one delegate that is true when the rule reports
    /// the element: the filter holds and the condition is true (<c>when</c>) or false (<c>require</c>). Returns what
    /// compiles it (the tree is built and checked now) and its size in nodes; the runner runs filters as programs
    /// (<see cref="CompileProgram{TFaults}"/>), so the rule's own delegate is compiled only when it is called alone.
    /// </summary>
    public static (Func<Func<object, RuleModel, bool>> Compile, int Nodes) CompileFilter(RuleVariable variable, BoundExpression? where, BoundExpression condition, bool isRequire)
    {
        var compiler = new RuleCompiler();
        var element = Expression.Parameter(typeof(object), "element");
        var typed = Expression.Variable(variable.Type.ClrType, variable.Name);
        compiler._variables[variable] = typed;
        var fires = compiler.EmitFires(where, condition, isRequire);
        var block = Expression.Block(typeof(bool), [typed, compiler._steps],
            Expression.Assign(typed, Expression.Convert(element, typed.Type)), Expression.Assign(compiler._steps, Expression.Constant(0L)), fires);
        var lambda = Expression.Lambda<Func<object, RuleModel, bool>>(block, element, compiler._model);
        var interpret = compiler._nodes > InterpretAbove;
        return (() => lambda.Compile(preferInterpretation: interpret), compiler._nodes);
    }

    /// <summary>True when a rule reports the element: the <c>where</c> filter holds and the condition is true (<c>when</c>) or false (<c>require</c>).</summary>
    private Expression EmitFires(BoundExpression? where, BoundExpression condition, bool isRequire)
    {
        Expression fires = Coerce(Emit(condition), condition.Type, typeof(bool));
        if (isRequire) fires = Expression.Not(fires);
        if (where is not null) fires = Expression.AndAlso(Coerce(Emit(where), where.Type, typeof(bool)), fires);
        return fires;
    }

    /// <summary>
    /// Compiles the filters of up to 64 rules over one kind of element into one method: the element is cast once and
    /// every enabled rule (a bit of <c>enabled</c>, in the order of <paramref name="rules"/>) runs in turn, each with
    /// its own step count; the result has the bit of every rule that reports the element. A rule that throws (but
    /// for running out of memory or stack) is passed to <paramref name="onFault"/> (an instance method of the fault
    /// collector: rule's position, exception) and the next rule runs, as when each rule is its own delegate. Returns
    /// what compiles it; the tree is built now.
    /// </summary>
    public static Func<Func<object, RuleModel, TFaults, ulong, ulong>> CompileProgram<TFaults>(
        IReadOnlyList<(RuleVariable Variable, BoundExpression? Where, BoundExpression Condition, bool IsRequire)> rules, MethodInfo onFault)
    {
        if (rules.Count is 0 or > 64) throw new ArgumentOutOfRangeException(nameof(rules), "a program holds 1 to 64 rules");
        var compiler = new RuleCompiler();
        var element = Expression.Parameter(typeof(object), "element");
        var faults = Expression.Parameter(typeof(TFaults), "faults");
        var enabled = Expression.Parameter(typeof(ulong), "enabled");
        var typed = Expression.Variable(rules[0].Variable.Type.ClrType, "element");
        var result = Expression.Variable(typeof(ulong), "fires");
        var body = new List<Expression>
        {
            Expression.Assign(typed, Expression.Convert(element, typed.Type)),
            Expression.Assign(result, Expression.Constant(0UL)),
        };
        for (var i = 0; i < rules.Count; i++)
        {
            var (variable, where, condition, isRequire) = rules[i];
            if (variable.Type.ClrType != typed.Type) throw new ArgumentException("the rules of a program range over one kind of element", nameof(rules));
            compiler._variables[variable] = typed;
            var bit = Expression.Constant(1UL << i);
            var fault = Expression.Variable(typeof(Exception), "fault");
            var run = Expression.Block(typeof(void),
                Expression.Assign(compiler._steps, Expression.Constant(0L)),
                Expression.IfThen(compiler.EmitFires(where, condition, isRequire), Expression.OrAssign(result, bit)));
            // No exception filter (see CompileReport): running out of memory or stack is caught and thrown again.
            var caught = Expression.Catch(fault, Expression.IfThenElse(
                Expression.OrElse(Expression.TypeIs(fault, typeof(OutOfMemoryException)), Expression.TypeIs(fault, typeof(InsufficientExecutionStackException))),
                Expression.Rethrow(),
                Expression.Call(faults, onFault, Expression.Constant(i), fault)));
            body.Add(Expression.IfThen(Expression.NotEqual(Expression.And(enabled, bit), Expression.Constant(0UL)), Expression.TryCatch(run, caught)));
        }
        body.Add(result);
        var lambda = Expression.Lambda<Func<object, RuleModel, TFaults, ulong, ulong>>(
            Expression.Block(typeof(ulong), [typed, compiler._steps, result], body), element, compiler._model, faults, enabled);
        var interpret = compiler._nodes > InterpretAbove;
        return () => lambda.Compile(preferInterpretation: interpret);
    }

    private static Expression Coerce(Expression expression, RuleType from, Type to)
    {
        if (expression.Type == to) return expression;
        // A none-typed expression still runs for its faults (an overflow inside it faults the element, as in the
        // reference semantics); only its value is dropped.
        if (from.Kind == TypeKind.None) return expression is ConstantExpression or DefaultExpression ? Expression.Default(to) : Expression.Block(expression, Expression.Default(to));
        return Operators.Convert(expression, to);
    }

    private static Expression Coerce(Expression expression, RuleType from, RuleType to) => Coerce(expression, from, to.ClrType);

    /// <summary>
    /// A literal. A date is kept in the compiled method's closure, as any value the IL cannot spell: as its own type,
    /// then made optional, since reading an optional value out of the closure is a runtime call per use.
    /// </summary>
    private static Expression EmitLiteral(BoundLiteral literal)
    {
        if (literal.Type.Kind == TypeKind.None) return Expression.Constant(null, typeof(object));
        var type = literal.Type.ClrType;
        return literal.Value is not null && Nullable.GetUnderlyingType(type) is { IsPrimitive: false, IsEnum: false } value && value != typeof(decimal)
            ? Expression.Convert(Expression.Constant(literal.Value, value), type)
            : Expression.Constant(literal.Value, type);
    }

    private Expression Emit(BoundExpression node)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        _nodes++;
        return node switch
        {
            BoundLiteral literal => EmitLiteral(literal),
            BoundToday => Expression.Property(_model, typeof(RuleModel).GetProperty(nameof(RuleModel.Today))!),
            BoundVariable variable => _variables[variable.Variable],
            BoundMember member => Expression.Property(Emit(member.Target), member.Property),
            BoundCall call => call.Function.Emit(call.Arguments.Select(Emit).ToArray(), call.Arguments.Select(a => a.Type).ToArray()),
            BoundUnary { Operator: UnaryOperator.Not } not => Expression.Not(Emit(not.Operand)),
            BoundUnary negate => Operators.Negate(Coerce(Emit(negate.Operand), negate.Operand.Type, negate.Type)),
            BoundComparison comparison => EmitComparison(comparison),
            BoundChain { Type.Kind: TypeKind.Bool } chain => EmitLogical(chain),
            BoundChain chain => EmitArithmetic(chain),
            BoundQuantifier quantifier => EmitQuantifier(quantifier),
            BoundList list => EmitList(list),
            _ => throw new InvalidOperationException($"cannot compile {node.GetType().Name}"),
        };
    }

    /// <summary><paramref name="result"/>, after running the operands (left to right) whose values it does not need.</summary>
    private static Expression Evaluated(Expression result, params Expression[] operands)
    {
        var effects = operands.Where(o => o is not (ConstantExpression or DefaultExpression)).ToList();
        return effects.Count == 0 ? result : Expression.Block([.. effects, result]);
    }

    private Expression EmitComparison(BoundComparison comparison)
    {
        var type = comparison.OperandType;
        if (comparison.Operator == BinaryOperator.In)
        {
            if (comparison.Right.Type.Kind == TypeKind.None) return Evaluated(Expression.Constant(false), Emit(comparison.Left), Emit(comparison.Right));
            var list = Emit(comparison.Right);
            var elementType = list.Type.GetGenericArguments()[0];
            if (type.Kind == TypeKind.Decimal && elementType == typeof(long?))
            {
                // 1.5 in [1, 2] compares as decimals: the item must not be truncated to the list's int type.
                var number = Coerce(Emit(comparison.Left), comparison.Left.Type, RuleType.Decimal);
                return Expression.Call(typeof(RuleCompiler).GetMethod(nameof(InAsDecimal), BindingFlags.NonPublic | BindingFlags.Static)!, number, list);
            }
            var item = Coerce(Emit(comparison.Left), comparison.Left.Type, elementType);
            return EmitIn(item, list, elementType);
        }
        if (comparison.Operator is BinaryOperator.Equal or BinaryOperator.NotEqual
            && comparison.Left.Type.Kind == TypeKind.List && comparison.Right.Type.Kind == TypeKind.List)
        {
            // Lists are equal when they have the same length and equal items in the same order.
            var equal = Expression.Call(typeof(RuleCompiler).GetMethod(nameof(ListEquals), BindingFlags.NonPublic | BindingFlags.Static)!,
                Expression.Convert(Emit(comparison.Left), typeof(System.Collections.IEnumerable)),
                Expression.Convert(Emit(comparison.Right), typeof(System.Collections.IEnumerable)));
            return comparison.Operator == BinaryOperator.Equal ? equal : Expression.Not(equal);
        }
        if (type.Kind == TypeKind.None)
        {
            // none == none is true; none < none is false. Both sides still run for their faults.
            return Evaluated(Expression.Constant(comparison.Operator == BinaryOperator.Equal), Emit(comparison.Left), Emit(comparison.Right));
        }
        var left = Coerce(Emit(comparison.Left), comparison.Left.Type, type);
        var right = Coerce(Emit(comparison.Right), comparison.Right.Type, type);
        if (type.Kind == TypeKind.Text && comparison.Operator is not (BinaryOperator.Equal or BinaryOperator.NotEqual))
        {
            left = Expression.Call(typeof(BuiltinFunctions).GetMethod(nameof(BuiltinFunctions.CompareText))!, left, right);
            right = Expression.Constant(0, typeof(int?));
        }
        return comparison.Operator switch
        {
            BinaryOperator.Equal => Operators.Binary(ExpressionType.Equal, left, right),
            BinaryOperator.NotEqual => Operators.Binary(ExpressionType.NotEqual, left, right),
            BinaryOperator.Less => Operators.Binary(ExpressionType.LessThan, left, right),
            BinaryOperator.LessOrEqual => Operators.Binary(ExpressionType.LessThanOrEqual, left, right),
            BinaryOperator.Greater => Operators.Binary(ExpressionType.GreaterThan, left, right),
            _ => Operators.Binary(ExpressionType.GreaterThanOrEqual, left, right),
        };
    }

    /// <summary>
    /// <c>item in list</c> as a loop inside the rule's method, with the meaning of <see cref="BuiltinFunctions.In{T}"/>
    /// (item first, then list; false for none; the equality of <see cref="EqualityComparer{T}.Default"/>). Views are sealed
    /// and do not override equality, so they compare by reference, text compares ordinally and values with lifted
    /// <c>==</c>: all without a call per item and without a generic instantiation made at run time.
    /// </summary>
    private Expression EmitIn(Expression item, Expression source, Type elementType)
    {
        var value = Expression.Variable(elementType, "item");
        var current = Expression.Variable(elementType, "current");
        var result = Expression.Variable(typeof(bool), "found");
        Expression equal;
        if (elementType == typeof(string))
        {
            equal = Expression.Call(typeof(string).GetMethod(nameof(string.Equals), [typeof(string), typeof(string)])!, current, value);
        }
        else if (elementType == typeof(TaskView) || elementType == typeof(UnitView) || elementType == typeof(ObligationView) || elementType == typeof(PlanView))
        {
            equal = Expression.ReferenceEqual(current, value);
        }
        else if (typeof(System.Collections.IEnumerable).IsAssignableFrom(elementType))
        {
            // A list in a list of lists: equal items in order, as == on lists.
            equal = Expression.Call(typeof(RuleCompiler).GetMethod(nameof(ListEquals), BindingFlags.NonPublic | BindingFlags.Static)!, current, value);
        }
        else if (elementType.IsValueType)
        {
            // bool, and the nullable int, decimal, date and status: lifted ==, where none equals none, as in EqualityComparer<T>.Default.
            equal = Operators.Binary(ExpressionType.Equal, current, value);
        }
        else
        {
            equal = Expression.Call(
                typeof(object).GetMethod(nameof(Equals), BindingFlags.Public | BindingFlags.Static, [typeof(object), typeof(object)])!,
                Expression.Convert(current, typeof(object)),
                Expression.Convert(value, typeof(object)));
        }
        return Expression.Block(typeof(bool), [value, current, result],
            Expression.Assign(value, item),
            EachItem(source, current, result, Expression.Constant(false),
                done => Expression.IfThen(equal, Expression.Block(Expression.Assign(result, Expression.Constant(true)), Expression.Break(done)))),
            result);
    }

    /// <summary>
    /// The loop of <c>in</c> and the quantifiers: <c>result = initial</c>, then, unless the list is none,
    /// <paramref name="step"/> for each item in order (the item in <paramref name="item"/>); a step may break to the
    /// label it is given to stop early. The caller declares <paramref name="item"/> and <paramref name="result"/>.
    /// Every item counts one step of the evaluation's budget (<see cref="MaxSteps"/>).
    /// </summary>
    private Expression EachItem(Expression source, ParameterExpression item, ParameterExpression result, Expression initial, Func<LabelTarget, Expression> step)
    {
        var shape = ListShape.For(item.Type);
        var listType = shape.ListType;
        var list = Expression.Variable(listType, "list");
        // The model's lists are arrays: read them as arrays (no interface call per item); any other list through the interface.
        var array = Expression.Variable(shape.ArrayType, "array");
        var count = Expression.Variable(typeof(int), "count");
        var index = Expression.Variable(typeof(int), "index");
        var done = Expression.Label("done");
        var isArray = Expression.NotEqual(array, Expression.Constant(null, shape.ArrayType));
        return Expression.Block([list, array, count, index],
            Expression.Assign(list, source.Type == listType ? source : Expression.Convert(source, listType)),
            Expression.Assign(result, initial),
            Expression.IfThen(
                Expression.NotEqual(list, Expression.Constant(null, listType)),
                Expression.Block(
                    Expression.Assign(array, Expression.TypeAs(list, shape.ArrayType)),
                    Expression.Assign(count, Expression.Condition(isArray, Expression.ArrayLength(array), Expression.Property(list, shape.Count))),
                    Expression.Assign(index, Expression.Constant(0)),
                    Expression.Loop(
                        Expression.Block(
                            Expression.IfThen(Expression.GreaterThanOrEqual(index, count), Expression.Break(done)),
                            Expression.IfThen(
                                Expression.GreaterThan(Expression.PreIncrementAssign(_steps), Expression.Constant(MaxSteps)),
                                Expression.Throw(Expression.Call(StepLimit))),
                            Expression.Assign(item, Expression.Condition(isArray, Expression.ArrayIndex(array, index), Expression.Property(list, shape.Item, index))),
                            step(done),
                            Expression.PreIncrementAssign(index)),
                        done))));
    }

    /// <summary><c>decimal in list of int</c>: membership by value (int and decimal unify to decimal).</summary>
    /// <summary>List equality: same length, equal items in order (ints and decimals by value, plan elements by identity).</summary>
    private static bool ListEquals(System.Collections.IEnumerable? left, System.Collections.IEnumerable? right)
    {
        if (left is null || right is null) return left is null && right is null;
        var a = left.GetEnumerator();
        var b = right.GetEnumerator();
        while (true)
        {
            var more = a.MoveNext();
            if (more != b.MoveNext()) return false;
            if (!more) return true;
            if (!ItemEquals(a.Current, b.Current)) return false;
        }
    }

    private static bool ItemEquals(object? x, object? y) => (x, y) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (long l, decimal d) => l == d,
        (decimal d, long l) => l == d,
        (string, _) or (_, string) => x.Equals(y),
        (System.Collections.IEnumerable p, System.Collections.IEnumerable q) => ListEquals(p, q),
        _ => x.Equals(y),
    };

    private static bool InAsDecimal(decimal? item, IReadOnlyList<long?>? list)
    {
        if (list is null) return false;
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is { } value ? item == value : item is null) return true;
        }
        return false;
    }

    private Expression EmitLogical(BoundChain chain)
    {
        var operands = chain.Operands.Select(Emit).ToList();
        var isOr = chain.Operators[0] == BinaryOperator.Or;
        if (operands.Count <= FlatChainThreshold)
        {
            return operands.Skip(1).Aggregate(operands[0], (acc, next) => isOr ? Expression.OrElse(acc, next) : Expression.AndAlso(acc, next));
        }
        // acc = a; acc = acc || b; acc = acc || c; ... keeps short-circuit order and a flat tree.
        var acc = Expression.Variable(typeof(bool), "acc");
        var statements = new List<Expression>(operands.Count + 1) { Expression.Assign(acc, operands[0]) };
        foreach (var operand in operands.Skip(1))
        {
            statements.Add(Expression.Assign(acc, isOr ? Expression.OrElse(acc, operand) : Expression.AndAlso(acc, operand)));
        }
        statements.Add(acc);
        return Expression.Block(typeof(bool), [acc], statements);
    }

    private Expression EmitArithmetic(BoundChain chain)
    {
        var acc = Expression.Variable(chain.Type.ClrType, "sum");
        var statements = new List<Expression>();
        Expression current = Emit(chain.Operands[0]);
        var currentType = chain.Operands[0].Type;
        var flat = chain.Operands.Length > FlatChainThreshold;
        for (var i = 0; i < chain.Operators.Length; i++)
        {
            var stepType = chain.StepTypes[i];
            var next = chain.Operands[i + 1];
            var value = Step(chain.Operators[i], current, currentType, Emit(next), next.Type, stepType);
            if (flat)
            {
                var slot = stepType.ClrType == acc.Type ? acc : Expression.Variable(stepType.ClrType);
                statements.Add(Expression.Assign(slot, value));
                current = slot;
            }
            else
            {
                current = value;
            }
            currentType = stepType;
        }
        if (!flat) return current;
        statements.Add(current);
        var variables = statements.OfType<BinaryExpression>().Select(b => (ParameterExpression)b.Left).Distinct().ToList();
        return Expression.Block(current.Type, variables, statements);
    }

    private static Expression Step(BinaryOperator op, Expression left, RuleType leftType, Expression right, RuleType rightType, RuleType result)
    {
        if (result.IsNumeric && (leftType.IsNumeric || leftType.Kind == TypeKind.None) && (rightType.IsNumeric || rightType.Kind == TypeKind.None))
        {
            var l = Coerce(left, leftType, result);
            var r = Coerce(right, rightType, result);
            return Operators.Binary(op == BinaryOperator.Add ? ExpressionType.Add : ExpressionType.Subtract, l, r);
        }
        string method;
        var args = (left, right);
        switch (result.Kind, op)
        {
            case (TypeKind.Int, BinaryOperator.Subtract):
                return Expression.Call(BuiltinMethods, Coerce(left, leftType, RuleType.Date), Coerce(right, rightType, RuleType.Date));
            case (TypeKind.Date, BinaryOperator.Add):
                method = nameof(BuiltinFunctions.PlusPeriod);
                if (leftType.Kind == TypeKind.Period) args = (right, left);
                return Expression.Call(typeof(BuiltinFunctions).GetMethod(method)!, Coerce(args.left, RuleType.Date, RuleType.Date), Coerce(args.right, RuleType.PeriodType, RuleType.PeriodType));
            case (TypeKind.Date, BinaryOperator.Subtract):
                method = nameof(BuiltinFunctions.MinusPeriod);
                break;
            case (TypeKind.Period, _):
                method = nameof(BuiltinFunctions.AddPeriods);
                break;
            default:
                method = nameof(BuiltinFunctions.Concat);
                break;
        }
        var target = typeof(BuiltinFunctions).GetMethod(method)!;
        var parameters = target.GetParameters();
        return Expression.Call(target, Coerce(left, leftType, parameters[0].ParameterType), Coerce(right, rightType, parameters[1].ParameterType));
    }

    /// <summary>
    /// <c>any</c>, <c>all</c> and <c>count … :</c> as a loop inside the rule's own method, with the same meaning as
    /// <see cref="BuiltinFunctions.Any{T}"/>, <see cref="BuiltinFunctions.All{T}"/> and
    /// <see cref="BuiltinFunctions.CountWhere{T}"/> (none: false, true, 0; items in order; <c>any</c> and
    /// <c>all</c> stop at the first decisive item). A nested lambda would close over the rule's variables: every
    /// evaluation would allocate a closure and a delegate, and every use of the element would go through a box.
    /// </summary>
    private Expression EmitQuantifier(BoundQuantifier quantifier)
    {
        var source = quantifier.Source.Type.Kind == TypeKind.None
            ? Coerce(Emit(quantifier.Source), RuleType.None, RuleType.ListOf(RuleType.None))
            : Emit(quantifier.Source);
        var item = Expression.Variable(source.Type.GetGenericArguments()[0], quantifier.Variable.Name);
        _variables[quantifier.Variable] = item;
        var body = Emit(quantifier.Body);
        var result = Expression.Variable(quantifier.Kind is QuantifierKind.Any or QuantifierKind.All ? typeof(bool) : typeof(long), "result");
        var loop = quantifier.Kind switch
        {
            QuantifierKind.Any => EachItem(source, item, result, Expression.Constant(false),
                done => Expression.IfThen(body, Expression.Block(Expression.Assign(result, Expression.Constant(true)), Expression.Break(done)))),
            QuantifierKind.All => EachItem(source, item, result, Expression.Constant(true),
                done => Expression.IfThen(Expression.Not(body), Expression.Block(Expression.Assign(result, Expression.Constant(false)), Expression.Break(done)))),
            _ => EachItem(source, item, result, Expression.Constant(0L), _ => Expression.IfThen(body, Expression.PreIncrementAssign(result))),
        };
        Expression value = result.Type == typeof(long) ? Expression.Convert(result, typeof(long?)) : result;
        return Expression.Block(value.Type, [item, result], loop, value);
    }

    private Expression EmitList(BoundList list)
    {
        var element = list.Type.Element!;
        var items = list.Items.Select(i => Coerce(Emit(i), i.Type, element));
        var shape = ListShape.For(element.ClrType);
        var values = items.ToArray();
        if (values.All(v => v is ConstantExpression))
        {
            return Expression.Constant(shape.Constant([.. values.Select(v => ((ConstantExpression)v).Value)]), shape.ListType);
        }
        // new List<T>(n), then Add per item: a block, since Expression.ListInit is not usable under Native AOT.
        var built = Expression.Variable(shape.Create.DeclaringType!, "list");
        return Expression.Block(shape.ListType, [built],
            [Expression.Assign(built, Expression.New(shape.Create, Expression.Constant(values.Length))),
             .. values.Select(v => Expression.Call(built, shape.Add, v)),
             Expression.Convert(built, shape.ListType)]);
    }
}
