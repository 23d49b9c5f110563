using System.Collections.Immutable;
using PlanRules.Syntax;
using PlanRules.Text;

namespace PlanRules.Rules.Syntax;

/// <summary>An expression of the rule language.</summary>
public abstract record ExpressionSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary>What a literal is.</summary>
public enum LiteralKind
{
    /// <summary>An integer.</summary>
    Integer,
    /// <summary>A decimal number.</summary>
    Decimal,
    /// <summary>A string.</summary>
    Text,
    /// <summary>A date.</summary>
    Date,
    /// <summary>A period such as <c>30d</c>.</summary>
    Period,
    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,
    /// <summary><c>none</c>.</summary>
    None,
    /// <summary><c>today</c>, the as-of date.</summary>
    Today,
    /// <summary><c>open</c>, <c>started</c>, <c>done</c>, <c>waived</c>.</summary>
    Status,
}

/// <summary>A literal; <see cref="Value"/> holds a long, decimal, string, LocalDate, Period, bool, RuleStatus or null.</summary>
public sealed record LiteralSyntax(LiteralKind Kind, object? Value, string Text, TextSpan Span) : ExpressionSyntax(Span);

/// <summary>A name: the rule's variable or a quantifier's variable.</summary>
public sealed record IdentifierSyntax(string Name, TextSpan Span) : ExpressionSyntax(Span);

/// <summary><c>target.member</c></summary>
public sealed record MemberAccessSyntax(ExpressionSyntax Target, string Member, TextSpan MemberSpan, TextSpan Span) : ExpressionSyntax(Span)
{
    /// <inheritdoc/>
    public override IEnumerable<SyntaxNode> Children => [Target];
}

/// <summary><c>f(a, b)</c></summary>
public sealed record CallSyntax(string Function, TextSpan FunctionSpan, ImmutableArray<ExpressionSyntax> Arguments, TextSpan Span) : ExpressionSyntax(Span)
{
    /// <inheritdoc/>
    public override IEnumerable<SyntaxNode> Children => Arguments;
}

/// <summary>Unary operators.</summary>
public enum UnaryOperator
{
    /// <summary><c>not</c></summary>
    Not,
    /// <summary><c>-</c></summary>
    Negate,
}

/// <summary><c>not x</c>, <c>-x</c></summary>
public sealed record UnarySyntax(UnaryOperator Operator, ExpressionSyntax Operand, TextSpan Span) : ExpressionSyntax(Span)
{
    /// <inheritdoc/>
    public override IEnumerable<SyntaxNode> Children => [Operand];
}

/// <summary>Binary operators. Comparisons are not associative; <c>or</c>, <c>and</c>, <c>+</c>, <c>-</c> form chains.</summary>
public enum BinaryOperator
{
    /// <summary><c>or</c></summary>
    Or,
    /// <summary><c>and</c></summary>
    And,
    /// <summary><c>==</c></summary>
    Equal,
    /// <summary><c>!=</c></summary>
    NotEqual,
    /// <summary><c>&lt;</c></summary>
    Less,
    /// <summary><c>&lt;=</c></summary>
    LessOrEqual,
    /// <summary><c>&gt;</c></summary>
    Greater,
    /// <summary><c>&gt;=</c></summary>
    GreaterOrEqual,
    /// <summary><c>in</c></summary>
    In,
    /// <summary><c>+</c></summary>
    Add,
    /// <summary><c>-</c></summary>
    Subtract,
}

/// <summary>How binary operators are written (one place for the printer and the type checker's messages).</summary>
public static class BinaryOperatorText
{
    /// <summary>The operator as written in rules: <c>or</c>, <c>==</c>, <c>+</c>, …</summary>
    public static string ToText(BinaryOperator op) => op switch
    {
        BinaryOperator.Or => "or",
        BinaryOperator.And => "and",
        BinaryOperator.Equal => "==",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.In => "in",
        BinaryOperator.Add => "+",
        _ => "-",
    };
}

/// <summary>A comparison or <c>in</c>.</summary>
public sealed record BinarySyntax(BinaryOperator Operator, ExpressionSyntax Left, ExpressionSyntax Right, TextSpan OperatorSpan, TextSpan Span) : ExpressionSyntax(Span)
{
    /// <inheritdoc/>
    public override IEnumerable<SyntaxNode> Children => [Left, Right];
}

/// <summary>
/// A left-associative chain <c>a op b op c …</c> (<c>or</c>, <c>and</c>, <c>+</c>/<c>-</c>), kept flat so a
/// 100,000-term chain never makes a 100,000-deep tree. <see cref="Operators"/>[i] joins operand i and i+1.
/// </summary>
public sealed record ChainSyntax(ImmutableArray<ExpressionSyntax> Operands, ImmutableArray<BinaryOperator> Operators, TextSpan Span) : ExpressionSyntax(Span)
{
    /// <inheritdoc/>
    public override IEnumerable<SyntaxNode> Children => Operands;
}

/// <summary>Which quantifier.</summary>
public enum QuantifierKind
{
    /// <summary><c>any x in list: body</c></summary>
    Any,
    /// <summary><c>all x in list: body</c></summary>
    All,
    /// <summary><c>count x in list: body</c> (extension): how many items satisfy the body.</summary>
    Count,
}

/// <summary><c>any x in list: body</c>, <c>all x in list: body</c> or <c>count x in list: body</c></summary>
public sealed record QuantifierSyntax(QuantifierKind Kind, string Variable, TextSpan VariableSpan, ExpressionSyntax Source, ExpressionSyntax Body, TextSpan Span) : ExpressionSyntax(Span)
{
    /// <inheritdoc/>
    public override IEnumerable<SyntaxNode> Children => [Source, Body];
}

/// <summary><c>[a, b]</c></summary>
public sealed record ListSyntax(ImmutableArray<ExpressionSyntax> Items, TextSpan Span) : ExpressionSyntax(Span)
{
    /// <inheritdoc/>
    public override IEnumerable<SyntaxNode> Children => Items;
}

/// <summary>An expression that could not be parsed (already reported); binds to the error type.</summary>
public sealed record MissingExpressionSyntax(TextSpan Span) : ExpressionSyntax(Span);
