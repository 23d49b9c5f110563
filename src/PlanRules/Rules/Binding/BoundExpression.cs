using System.Collections.Immutable;
using System.Reflection;
using PlanRules.Rules.Runtime;
using PlanRules.Rules.Syntax;
using PlanRules.Text;

namespace PlanRules.Rules.Binding;

/// <summary>A type-checked expression: every name, member and function resolved.</summary>
internal abstract record BoundExpression(RuleType Type, ExpressionSyntax Syntax)
{
    /// <summary>The source span.</summary>
    public TextSpan Span => Syntax.Span;
}

/// <summary>A variable of the rule (<c>t</c>) or of a quantifier.</summary>
internal sealed class RuleVariable(string name, RuleType type)
{
    /// <summary>The name.</summary>
    public string Name { get; } = name;
    /// <summary>The type.</summary>
    public RuleType Type { get; } = type;
}

/// <summary>A literal value (run-time representation).</summary>
internal sealed record BoundLiteral(object? Value, RuleType Type, ExpressionSyntax Syntax) : BoundExpression(Type, Syntax);

/// <summary><c>today</c>: the as-of date.</summary>
internal sealed record BoundToday(ExpressionSyntax Syntax) : BoundExpression(RuleType.Date, Syntax);

/// <summary>A reference to a variable.</summary>
internal sealed record BoundVariable(RuleVariable Variable, ExpressionSyntax Syntax) : BoundExpression(Variable.Type, Syntax);

/// <summary>A member of a view (<c>t.due</c>).</summary>
internal sealed record BoundMember(BoundExpression Target, PropertyInfo Property, RuleType Type, ExpressionSyntax Syntax) : BoundExpression(Type, Syntax);

/// <summary>A function call.</summary>
internal sealed record BoundCall(RuleFunction Function, ImmutableArray<BoundExpression> Arguments, RuleType Type, ExpressionSyntax Syntax) : BoundExpression(Type, Syntax);

/// <summary><c>not</c> or unary minus.</summary>
internal sealed record BoundUnary(UnaryOperator Operator, BoundExpression Operand, RuleType Type, ExpressionSyntax Syntax) : BoundExpression(Type, Syntax);

/// <summary>A comparison or <c>in</c>; <see cref="OperandType"/> is the type both sides are compared as.</summary>
internal sealed record BoundComparison(BinaryOperator Operator, BoundExpression Left, BoundExpression Right, RuleType OperandType, ExpressionSyntax Syntax) : BoundExpression(RuleType.Bool, Syntax);

/// <summary>A flat chain of <c>or</c>, <c>and</c>, or <c>+</c>/<c>-</c>; each step's result type is in <see cref="StepTypes"/>.</summary>
internal sealed record BoundChain(ImmutableArray<BoundExpression> Operands, ImmutableArray<BinaryOperator> Operators, ImmutableArray<RuleType> StepTypes, RuleType Type, ExpressionSyntax Syntax) : BoundExpression(Type, Syntax);

/// <summary>A quantifier over a list.</summary>
internal sealed record BoundQuantifier(QuantifierKind Kind, RuleVariable Variable, BoundExpression Source, BoundExpression Body, RuleType Type, ExpressionSyntax Syntax) : BoundExpression(Type, Syntax);

/// <summary>A list literal.</summary>
internal sealed record BoundList(ImmutableArray<BoundExpression> Items, RuleType Type, ExpressionSyntax Syntax) : BoundExpression(Type, Syntax);

/// <summary>An expression in error (already reported).</summary>
internal sealed record BoundError(ExpressionSyntax Syntax) : BoundExpression(RuleType.Error, Syntax);
