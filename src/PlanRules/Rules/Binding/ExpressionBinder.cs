using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.CompilerServices;
using PlanRules.Binding;
using PlanRules.Diagnostics;
using PlanRules.Rules.Runtime;
using PlanRules.Rules.Syntax;
using PlanRules.Text;

namespace PlanRules.Rules.Binding;

/// <summary>
/// The type checker: resolves every name, member and function and checks every operator before anything
/// runs. Errors are reported at their exact span (PR2001 with "did you mean", PR2002 naming both types)
/// and bind to <see cref="BoundError"/>, which silences follow-on errors.
/// </summary>
internal sealed class ExpressionBinder
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, (PropertyInfo Property, RuleType Type)>> MemberTables = new();

    private readonly SourceText _source;
    private readonly IReadOnlyDictionary<string, RuleFunction> _functions;
    private readonly List<Diagnostic> _diagnostics;
    private readonly List<RuleVariable> _scope = [];

    public ExpressionBinder(SourceText source, IReadOnlyDictionary<string, RuleFunction> functions, List<Diagnostic> diagnostics)
    {
        _source = source;
        _functions = functions;
        _diagnostics = diagnostics;
    }

    public bool HasErrors { get; private set; }

    public void Push(RuleVariable variable) => _scope.Add(variable);

    public void Pop() => _scope.RemoveAt(_scope.Count - 1);

    /// <summary>The members rules can use on a view type, by language name.</summary>
    public static IReadOnlyDictionary<string, (PropertyInfo Property, RuleType Type)> MembersOf(Type viewType) =>
        MemberTables.GetOrAdd(viewType, static type => ViewProperties(type)
            .Select(p => (Property: p, Type: RuleType.FromClr(p.PropertyType)))
            .Where(m => m.Type is not null && m.Property.PropertyType == m.Type!.ClrType)
            .ToDictionary(m => char.ToLowerInvariant(m.Property.Name[0]) + m.Property.Name[1..], m => (m.Property, m.Type!), StringComparer.Ordinal));

    // Named one by one so the trimmer (and Native AOT) keeps exactly these properties for reflection.
    private static PropertyInfo[] ViewProperties(Type type)
    {
        const BindingFlags Flags = BindingFlags.Public | BindingFlags.Instance;
        if (type == typeof(TaskView)) return typeof(TaskView).GetProperties(Flags);
        if (type == typeof(UnitView)) return typeof(UnitView).GetProperties(Flags);
        if (type == typeof(ObligationView)) return typeof(ObligationView).GetProperties(Flags);
        if (type == typeof(PlanView)) return typeof(PlanView).GetProperties(Flags);
        return [];
    }

    private void Report(DiagnosticDescriptor descriptor, TextSpan span, string? key, params object?[] args)
    {
        HasErrors = true;
        var location = Location.Create(_source, span);
        _diagnostics.Add(key is null
            ? Diagnostic.Create(descriptor, location, args)
            : Diagnostic.Create(descriptor, location, LocalizableString.FromResource(key, args), args.Select(a => LocalizableString.RenderArgument(a, null))));
    }

    private static LocalizableString DidYouMean(string name, IEnumerable<string> candidates) =>
        DiagnosticSink.DidYouMean(NameSuggester.Suggest(name, candidates));

    private static object TypeName(RuleType type) => type.Kind switch
    {
        TypeKind.Task => LocalizableString.FromResource("Kind_Task"),
        TypeKind.Unit => LocalizableString.FromResource("Kind_Unit"),
        TypeKind.Obligation => LocalizableString.FromResource("Kind_Obligation"),
        TypeKind.Plan => LocalizableString.FromResource("Kind_Plan"),
        _ => type.ToString(),
    };

    /// <summary>Binds and requires a type.</summary>
    public BoundExpression BindExpecting(ExpressionSyntax syntax, RuleType expected)
    {
        var bound = Bind(syntax);
        if (!expected.Accepts(bound.Type))
        {
            Report(DiagnosticCatalog.RulesTypeMismatch, syntax.Span, null, expected.ToString(), bound.Type.ToString());
            return new BoundError(syntax);
        }
        return bound;
    }

    public BoundExpression Bind(ExpressionSyntax syntax)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        return syntax switch
        {
            LiteralSyntax literal => BindLiteral(literal),
            IdentifierSyntax identifier => BindIdentifier(identifier),
            MemberAccessSyntax member => BindMember(member),
            CallSyntax call => BindCall(call),
            UnarySyntax unary => BindUnary(unary),
            BinarySyntax binary => BindComparison(binary),
            ChainSyntax chain => BindChain(chain),
            QuantifierSyntax quantifier => BindQuantifier(quantifier),
            ListSyntax list => BindList(list),
            _ => new BoundError(syntax),
        };
    }

    private BoundExpression BindLiteral(LiteralSyntax literal) => literal.Kind switch
    {
        LiteralKind.Integer => new BoundLiteral((long?)(long)literal.Value!, RuleType.Int, literal),
        LiteralKind.Decimal => new BoundLiteral((decimal?)(decimal)literal.Value!, RuleType.Decimal, literal),
        LiteralKind.Text => new BoundLiteral(literal.Value, RuleType.Text, literal),
        LiteralKind.Date => literal.Value is null ? new BoundError(literal) : new BoundLiteral(literal.Value, RuleType.Date, literal),
        LiteralKind.Period => new BoundLiteral(literal.Value, RuleType.PeriodType, literal),
        LiteralKind.Boolean => new BoundLiteral(literal.Value, RuleType.Bool, literal),
        LiteralKind.Status => new BoundLiteral(literal.Value, RuleType.Status, literal),
        LiteralKind.Today => new BoundToday(literal),
        _ => new BoundLiteral(null, RuleType.None, literal),
    };

    private BoundExpression BindIdentifier(IdentifierSyntax identifier)
    {
        for (var i = _scope.Count - 1; i >= 0; i--)
        {
            if (_scope[i].Name == identifier.Name) return new BoundVariable(_scope[i], identifier);
        }
        Report(DiagnosticCatalog.RulesUnknownName, identifier.Span, null, identifier.Name, DidYouMean(identifier.Name, _scope.Select(v => v.Name).Concat(_functions.Keys)));
        return new BoundError(identifier);
    }

    private BoundExpression BindMember(MemberAccessSyntax member)
    {
        var target = Bind(member.Target);
        if (target.Type.Kind == TypeKind.Error) return new BoundError(member);
        var members = target.Type.Kind is TypeKind.Task or TypeKind.Unit or TypeKind.Obligation or TypeKind.Plan
            ? MembersOf(target.Type.ClrType)
            : new Dictionary<string, (PropertyInfo, RuleType)>();
        if (members.TryGetValue(member.Member, out var found)) return new BoundMember(target, found.Property, found.Type, member);
        Report(DiagnosticCatalog.RulesUnknownName, member.MemberSpan, "PR2001_Member", TypeName(target.Type), member.Member, DidYouMean(member.Member, members.Keys));
        return new BoundError(member);
    }

    private BoundExpression BindCall(CallSyntax call)
    {
        var arguments = call.Arguments.Select(Bind).ToImmutableArray();
        if (!_functions.TryGetValue(call.Function, out var function))
        {
            Report(DiagnosticCatalog.RulesUnknownName, call.FunctionSpan, "PR2001_Function", call.Function, DidYouMean(call.Function, _functions.Keys));
            return new BoundError(call);
        }
        if (arguments.Any(a => a.Type.Kind == TypeKind.Error)) return new BoundError(call);
        if (arguments.Length != function.Arity)
        {
            Report(DiagnosticCatalog.RulesTypeMismatch, call.Span, "PR2002_Arguments", function.Signature, function.Arity, arguments.Length);
            return new BoundError(call);
        }
        var types = arguments.Select(a => a.Type).ToArray();
        if (function.ResultType(types) is not { } result)
        {
            if (function.Accepts is { } accepts && arguments.Length == 1)
            {
                Report(DiagnosticCatalog.RulesTypeMismatch, call.Arguments[0].Span, null, accepts, types[0].ToString());
            }
            else
            {
                Report(DiagnosticCatalog.RulesTypeMismatch, call.Span, null, function.Signature, $"{call.Function}({string.Join(", ", types.Select(t => t.ToString()))})");
            }
            return new BoundError(call);
        }
        if (call.Function == "matches" && arguments[1] is BoundLiteral { Value: string pattern } && BuiltinFunctions.PatternProblem(pattern) is { } problem)
        {
            Report(DiagnosticCatalog.InvalidLiteral, arguments[1].Span, "PR0002_Pattern", pattern, problem);
            return new BoundError(call);
        }
        return new BoundCall(function, arguments, result, call);
    }

    private BoundExpression BindUnary(UnarySyntax unary)
    {
        if (unary.Operator == UnaryOperator.Not)
        {
            var operand = BindExpecting(unary.Operand, RuleType.Bool);
            return operand.Type.Kind == TypeKind.Error ? new BoundError(unary) : new BoundUnary(UnaryOperator.Not, operand, RuleType.Bool, unary);
        }
        var value = Bind(unary.Operand);
        if (value.Type.Kind == TypeKind.Error) return new BoundError(unary);
        if (!value.Type.IsNumeric)
        {
            Report(DiagnosticCatalog.RulesTypeMismatch, unary.Span, null, "int", value.Type.ToString());
            return new BoundError(unary);
        }
        return new BoundUnary(UnaryOperator.Negate, value, value.Type, unary);
    }

    /// <summary>The common type of two types (int and decimal give decimal, none gives the other), or null.</summary>
    public static RuleType? Unify(RuleType a, RuleType b)
    {
        if (a.Kind == TypeKind.Error || b.Kind == TypeKind.Error) return RuleType.Error;
        if (a.Kind == TypeKind.None) return b;
        if (b.Kind == TypeKind.None) return a;
        if (a.Kind == TypeKind.List && b.Kind == TypeKind.List)
        {
            return Unify(a.Element!, b.Element!) is { } element ? RuleType.ListOf(element) : null;
        }
        if (a.Accepts(b)) return a;
        if (b.Accepts(a)) return b;
        return null;
    }


    private BoundExpression BindComparison(BinarySyntax binary)
    {
        var left = Bind(binary.Left);
        var right = Bind(binary.Right);
        if (left.Type.Kind == TypeKind.Error || right.Type.Kind == TypeKind.Error) return new BoundError(binary);
        RuleType? operandType;
        switch (binary.Operator)
        {
            case BinaryOperator.In:
                operandType = right.Type.Kind switch
                {
                    TypeKind.List => Unify(left.Type, right.Type.Element!),
                    TypeKind.None => left.Type,
                    _ => null,
                };
                break;
            case BinaryOperator.Equal or BinaryOperator.NotEqual:
                operandType = Unify(left.Type, right.Type);
                if (operandType?.Kind == TypeKind.Bool && (left.Type.Kind == TypeKind.None || right.Type.Kind == TypeKind.None)) operandType = null;
                break;
            default:
                operandType = Unify(left.Type, right.Type);
                if (operandType is not null && operandType.Kind is not (TypeKind.Int or TypeKind.Decimal or TypeKind.Date or TypeKind.Text or TypeKind.None)) operandType = null;
                break;
        }
        if (operandType is null)
        {
            Report(DiagnosticCatalog.RulesTypeMismatch, binary.OperatorSpan, "PR2002_Operator", BinaryOperatorText.ToText(binary.Operator), left.Type.ToString(), right.Type.ToString());
            return new BoundError(binary);
        }
        return new BoundComparison(binary.Operator, left, right, operandType, binary);
    }

    /// <summary>The result type of one arithmetic step, or null when the operator does not apply.</summary>
    public static RuleType? Arithmetic(BinaryOperator op, RuleType left, RuleType right)
    {
        if (left.Kind == TypeKind.None) left = right.Kind == TypeKind.Date && op == BinaryOperator.Subtract ? RuleType.Date : right;
        if (right.Kind == TypeKind.None) right = left;
        if (left.IsNumeric && right.IsNumeric) return left.Kind == TypeKind.Decimal || right.Kind == TypeKind.Decimal ? RuleType.Decimal : RuleType.Int;
        return (op, left.Kind, right.Kind) switch
        {
            (BinaryOperator.Add, TypeKind.Date, TypeKind.Period) or (BinaryOperator.Add, TypeKind.Period, TypeKind.Date) => RuleType.Date,
            (BinaryOperator.Subtract, TypeKind.Date, TypeKind.Period) => RuleType.Date,
            (BinaryOperator.Subtract, TypeKind.Date, TypeKind.Date) => RuleType.Int,
            (BinaryOperator.Add, TypeKind.Period, TypeKind.Period) => RuleType.PeriodType,
            (BinaryOperator.Add, TypeKind.Text, TypeKind.Text) => RuleType.Text,
            _ => null,
        };
    }

    private BoundExpression BindChain(ChainSyntax chain)
    {
        var logical = chain.Operators[0] is BinaryOperator.Or or BinaryOperator.And;
        var operands = ImmutableArray.CreateBuilder<BoundExpression>(chain.Operands.Length);
        var error = false;
        foreach (var operand in chain.Operands)
        {
            var bound = logical ? BindExpecting(operand, RuleType.Bool) : Bind(operand);
            error |= bound.Type.Kind == TypeKind.Error;
            operands.Add(bound);
        }
        if (error) return new BoundError(chain);
        if (logical) return new BoundChain(operands.ToImmutable(), chain.Operators, [], RuleType.Bool, chain);

        var steps = ImmutableArray.CreateBuilder<RuleType>(chain.Operators.Length);
        var current = operands[0].Type;
        for (var i = 0; i < chain.Operators.Length; i++)
        {
            var next = Arithmetic(chain.Operators[i], current, operands[i + 1].Type);
            if (next is null)
            {
                Report(DiagnosticCatalog.RulesTypeMismatch, TextSpan.FromBounds(chain.Operands[i].Span.End, chain.Operands[i + 1].Span.Start), "PR2002_Operator",
                    BinaryOperatorText.ToText(chain.Operators[i]), current.ToString(), operands[i + 1].Type.ToString());
                return new BoundError(chain);
            }
            steps.Add(next);
            current = next;
        }
        return new BoundChain(operands.ToImmutable(), chain.Operators, steps.ToImmutable(), current, chain);
    }

    private BoundExpression BindQuantifier(QuantifierSyntax quantifier)
    {
        var source = Bind(quantifier.Source);
        if (source.Type.Kind == TypeKind.Error) return new BoundError(quantifier);
        if (source.Type.Kind is not (TypeKind.List or TypeKind.None))
        {
            Report(DiagnosticCatalog.RulesTypeMismatch, quantifier.Source.Span, null, "list", source.Type.ToString());
            return new BoundError(quantifier);
        }
        // `any x in none: …` ranges over no item, as `count(none)` counts none; x is none-typed, as in `[none]`.
        var variable = new RuleVariable(quantifier.Variable, source.Type.Element ?? RuleType.None);
        Push(variable);
        var body = BindExpecting(quantifier.Body, RuleType.Bool);
        Pop();
        if (body.Type.Kind == TypeKind.Error) return new BoundError(quantifier);
        return new BoundQuantifier(quantifier.Kind, variable, source, body, quantifier.Kind == QuantifierKind.Count ? RuleType.Int : RuleType.Bool, quantifier);
    }

    private BoundExpression BindList(ListSyntax list)
    {
        var items = list.Items.Select(Bind).ToImmutableArray();
        if (items.Any(i => i.Type.Kind == TypeKind.Error)) return new BoundError(list);
        var element = RuleType.None;
        for (var i = 0; i < items.Length; i++)
        {
            var unified = Unify(element, items[i].Type);
            if (unified is null || unified.Kind == TypeKind.Bool && items.Length > 0 && items.Any(x => x.Type.Kind == TypeKind.None))
            {
                Report(DiagnosticCatalog.RulesTypeMismatch, list.Items[i].Span, null, element.ToString(), items[i].Type.ToString());
                return new BoundError(list);
            }
            element = unified;
        }
        return new BoundList(items, RuleType.ListOf(element), list);
    }
}
