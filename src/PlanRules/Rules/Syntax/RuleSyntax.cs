using System.Collections.Immutable;
using NodaTime;
using PlanRules.Diagnostics;
using PlanRules.Syntax;
using PlanRules.Text;

namespace PlanRules.Rules.Syntax;

/// <summary>One parsed <c>*.rules</c> file.</summary>
public sealed record RuleFileSyntax(SourceText Source, ImmutableArray<RuleSyntax> Rules, ImmutableArray<Diagnostic> Diagnostics, TextSpan Span) : SyntaxNode(Span)
{
    /// <inheritdoc/>
    public override IEnumerable<SyntaxNode> Children => Rules;
}

/// <summary><c>rule ID "title" { items }</c></summary>
public sealed record RuleSyntax(IdSyntax Id, StringSyntax Title, ImmutableArray<RuleItemSyntax> Items, TextSpan Span) : SyntaxNode(Span)
{
    /// <summary>
    /// The keywords of items that were written but did not parse (reported and left out of <see cref="Items"/>), e.g.
    /// <c>when</c> for a condition deeper than the nesting limit: the rule does not lack that item, it has it in error.
    /// </summary>
    public ImmutableArray<string> FailedItems { get; init; } = [];

    /// <inheritdoc/>
    public override IEnumerable<SyntaxNode> Children => [Id, Title, .. Items];
}

/// <summary>An item of a rule.</summary>
public abstract record RuleItemSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary><c>severity error|warning|info|hidden</c></summary>
public sealed record SeverityItemSyntax(DiagnosticSeverity Severity, TextSpan Span) : RuleItemSyntax(Span);

/// <summary><c>category NAME</c></summary>
public sealed record CategoryItemSyntax(NameSyntax Category, TextSpan Span) : RuleItemSyntax(Span)
{
    /// <inheritdoc/>
    public override IEnumerable<SyntaxNode> Children => [Category];
}

/// <summary>What a rule ranges over.</summary>
public enum RuleTarget
{
    /// <summary>Each task.</summary>
    Task,
    /// <summary>Each obligation (task × accountable unit).</summary>
    Obligation,
    /// <summary>Each unit or group.</summary>
    Unit,
    /// <summary>The plan, once.</summary>
    Plan,
}

/// <summary><c>for task t where expr</c></summary>
public sealed record ForItemSyntax(RuleTarget Target, string Variable, TextSpan VariableSpan, ExpressionSyntax? Where, TextSpan Span) : RuleItemSyntax(Span)
{
    /// <inheritdoc/>
    public override IEnumerable<SyntaxNode> Children => Where is null ? [] : [Where];
}

/// <summary><c>when expr</c> (report when true) or <c>require expr</c> (report when false).</summary>
public sealed record ConditionItemSyntax(bool IsRequire, ExpressionSyntax Condition, TextSpan Span) : RuleItemSyntax(Span)
{
    /// <inheritdoc/>
    public override IEnumerable<SyntaxNode> Children => [Condition];
}

/// <summary>A part of a message template: literal text or a hole.</summary>
public abstract record TemplatePart(TextSpan Span) : SyntaxNode(Span);

/// <summary>Literal text of a template ({{ and }} already unescaped).</summary>
public sealed record TemplateText(string Text, TextSpan Span) : TemplatePart(Span);

/// <summary>A <c>{expr}</c> hole.</summary>
public sealed record TemplateHole(ExpressionSyntax Expression, TextSpan Span) : TemplatePart(Span)
{
    /// <inheritdoc/>
    public override IEnumerable<SyntaxNode> Children => [Expression];
}

/// <summary><c>message CULTURE? "template"</c>; the culture defaults to zh-CN.</summary>
public sealed record MessageItemSyntax(string Culture, StringSyntax Text, ImmutableArray<TemplatePart> Parts, TextSpan Span) : RuleItemSyntax(Span)
{
    /// <inheritdoc/>
    public override IEnumerable<SyntaxNode> Children => [Text];
}

/// <summary><c>help "…"</c> or <c>description "…"</c>.</summary>
public sealed record TextRuleItemSyntax(string Keyword, StringSyntax Text, TextSpan Span) : RuleItemSyntax(Span)
{
    /// <inheritdoc/>
    public override IEnumerable<SyntaxNode> Children => [Text];
}

/// <summary><c>effective DATE? .. DATE?</c> (extension): the rule applies only when the as-of date is inside.</summary>
public sealed record EffectiveItemSyntax(DateSyntax? From, DateSyntax? To, TextSpan Span) : RuleItemSyntax(Span)
{
    /// <summary>First day (inclusive), if any.</summary>
    public LocalDate? FromDate => From?.Value;
    /// <summary>Last day (inclusive), if any.</summary>
    public LocalDate? ToDate => To?.Value;
}
