using System.Collections.Immutable;
using PlanRules.Text;

namespace PlanRules.Syntax;

/// <summary>An item inside a task body.</summary>
public abstract record TaskItemSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary>The role an owner list gives its units.</summary>
public enum OwnerRole
{
    /// <summary><c>lead</c>: 牵头 / 负责, accountable.</summary>
    Lead,
    /// <summary><c>with</c>: 会同, co-operating, shares the obligation.</summary>
    With,
    /// <summary><c>support</c>: 配合 / 指导, named but not accountable.</summary>
    Support,
}

/// <summary><c>lead</c>, <c>with</c> or <c>support</c> followed by names.</summary>
public sealed record OwnersItemSyntax(OwnerRole Role, ImmutableArray<NameSyntax> Names, TextSpan Span) : TaskItemSyntax(Span)
{
    /// <inheritdoc/>
    public override IEnumerable<SyntaxNode> Children => Names;
}

/// <summary>Which date a date item sets.</summary>
public enum TaskDateKind
{
    /// <summary><c>start</c></summary>
    Start,
    /// <summary><c>due</c></summary>
    Due,
}

/// <summary><c>start DATE</c> or <c>due DATE</c>.</summary>
public sealed record DateItemSyntax(TaskDateKind Kind, DateSyntax Date, TextSpan Span) : TaskItemSyntax(Span)
{
    /// <inheritdoc/>
    public override IEnumerable<SyntaxNode> Children => [Date];
}

/// <summary><c>after ID, ID</c>: this task follows those.</summary>
public sealed record AfterItemSyntax(ImmutableArray<IdSyntax> Tasks, TextSpan Span) : TaskItemSyntax(Span)
{
    /// <inheritdoc/>
    public override IEnumerable<SyntaxNode> Children => Tasks;
}

/// <summary>The length of one period of a recurring duty.</summary>
public enum RecurrencePeriod
{
    /// <summary>A calendar year.</summary>
    Year,
    /// <summary>A calendar half-year (January–June, July–December).</summary>
    HalfYear,
    /// <summary>A calendar quarter.</summary>
    Quarter,
    /// <summary>A calendar month.</summary>
    Month,
    /// <summary>An ISO week (Monday to Sunday).</summary>
    Week,
}

/// <summary><c>every PERIOD (at-least N)?</c></summary>
public sealed record EveryItemSyntax(RecurrencePeriod Period, TextSpan PeriodSpan, IntegerSyntax? AtLeast, TextSpan Span) : TaskItemSyntax(Span)
{
    /// <inheritdoc/>
    public override IEnumerable<SyntaxNode> Children => AtLeast is null ? [] : [AtLeast];
}

/// <summary><c>tag NAME, NAME</c></summary>
public sealed record TagItemSyntax(ImmutableArray<NameSyntax> Tags, TextSpan Span) : TaskItemSyntax(Span)
{
    /// <inheritdoc/>
    public override IEnumerable<SyntaxNode> Children => Tags;
}

/// <summary>Which text item this is.</summary>
public enum TextItemKind
{
    /// <summary><c>note</c></summary>
    Note,
    /// <summary><c>source</c>: where in the notice this came from.</summary>
    Source,
}

/// <summary><c>note "..."</c> or <c>source "..."</c>.</summary>
public sealed record TextItemSyntax(TextItemKind Kind, StringSyntax Text, TextSpan Span) : TaskItemSyntax(Span)
{
    /// <inheritdoc/>
    public override IEnumerable<SyntaxNode> Children => [Text];
}

/// <summary><c>suppress RULEID "reason"</c>: waive one finding id for this task.</summary>
public sealed record SuppressItemSyntax(IdSyntax RuleId, StringSyntax Reason, TextSpan Span) : TaskItemSyntax(Span)
{
    /// <inheritdoc/>
    public override IEnumerable<SyntaxNode> Children => [RuleId, Reason];
}
