using System.Collections.Immutable;
using NodaTime;
using PlanRules.Diagnostics;
using PlanRules.Rules.Syntax;

namespace PlanRules.Rules.Binding;

/// <summary>A message template for one culture, its holes bound.</summary>
internal sealed record BoundMessage(string Culture, ImmutableArray<BoundTemplatePart> Parts);

/// <summary>A bound template part: literal text, or a hole.</summary>
internal sealed record BoundTemplatePart(string? Text, BoundExpression? Hole);

/// <summary>A type-checked rule, ready to compile.</summary>
internal sealed record BoundRule(
    RuleSyntax Syntax,
    DiagnosticDescriptor Descriptor,
    RuleTarget Target,
    RuleVariable Variable,
    BoundExpression? Where,
    BoundExpression Condition,
    bool IsRequire,
    ImmutableArray<BoundMessage> Messages,
    ImmutableArray<BoundExpression> Terms,
    LocalDate? EffectiveFrom,
    LocalDate? EffectiveTo,
    Location Location)
{
    /// <summary>The rule's id.</summary>
    public string Id => Descriptor.Id;
}
