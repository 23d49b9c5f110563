using System.Collections.Immutable;
using PlanRules.Diagnostics;
using PlanRules.Text;

namespace PlanRules.Syntax;

/// <summary>One parsed <c>*.plan</c> file: its declarations, comments and syntax findings.</summary>
public sealed record PlanFileSyntax(
    SourceText Source,
    ImmutableArray<DeclarationSyntax> Declarations,
    ImmutableArray<CommentSyntax> Comments,
    ImmutableArray<Diagnostic> Diagnostics,
    TextSpan Span) : SyntaxNode(Span)
{
    /// <inheritdoc/>
    public override IEnumerable<SyntaxNode> Children => Declarations;

    /// <summary>Every task in the file, in source order, however deeply nested.</summary>
    public IEnumerable<TaskSyntax> Tasks => DescendantsAndSelf().OfType<TaskSyntax>();
}

/// <summary>A top-level or section-level declaration.</summary>
public abstract record DeclarationSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary><c>plan "title" { ... }</c></summary>
public sealed record PlanHeaderSyntax(StringSyntax Title, ImmutableArray<PlanItemSyntax> Items, TextSpan Span) : DeclarationSyntax(Span)
{
    /// <inheritdoc/>
    public override IEnumerable<SyntaxNode> Children => [Title, .. Items];
}

/// <summary>An item of the plan header.</summary>
public abstract record PlanItemSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary><c>ref "..."</c></summary>
public sealed record PlanRefSyntax(StringSyntax Value, TextSpan Span) : PlanItemSyntax(Span)
{
    /// <inheritdoc/>
    public override IEnumerable<SyntaxNode> Children => [Value];
}

/// <summary><c>issued DATE</c></summary>
public sealed record PlanIssuedSyntax(DateSyntax Date, TextSpan Span) : PlanItemSyntax(Span)
{
    /// <inheritdoc/>
    public override IEnumerable<SyntaxNode> Children => [Date];
}

/// <summary><c>period DATE .. DATE</c></summary>
public sealed record PlanPeriodSyntax(DateSyntax Start, DateSyntax End, TextSpan Span) : PlanItemSyntax(Span)
{
    /// <inheritdoc/>
    public override IEnumerable<SyntaxNode> Children => [Start, End];
}

/// <summary><c>issuer NAME</c></summary>
public sealed record PlanIssuerSyntax(NameSyntax Name, TextSpan Span) : PlanItemSyntax(Span)
{
    /// <inheritdoc/>
    public override IEnumerable<SyntaxNode> Children => [Name];
}

/// <summary><c>timezone "Asia/Shanghai"</c></summary>
public sealed record PlanTimeZoneSyntax(StringSyntax Zone, TextSpan Span) : PlanItemSyntax(Span)
{
    /// <inheritdoc/>
    public override IEnumerable<SyntaxNode> Children => [Zone];
}

/// <summary><c>unit NAME "title"? { alias ...; parent ... }</c></summary>
public sealed record UnitDeclarationSyntax(NameSyntax Name, StringSyntax? Title, ImmutableArray<UnitItemSyntax> Items, TextSpan Span) : DeclarationSyntax(Span)
{
    /// <inheritdoc/>
    public override IEnumerable<SyntaxNode> Children => Title is null ? [Name, .. Items] : [Name, Title, .. Items];
}

/// <summary>An item of a unit body.</summary>
public abstract record UnitItemSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary><c>alias NAME, NAME</c></summary>
public sealed record UnitAliasSyntax(ImmutableArray<NameSyntax> Names, TextSpan Span) : UnitItemSyntax(Span)
{
    /// <inheritdoc/>
    public override IEnumerable<SyntaxNode> Children => Names;
}

/// <summary><c>parent NAME</c></summary>
public sealed record UnitParentSyntax(NameSyntax Name, TextSpan Span) : UnitItemSyntax(Span)
{
    /// <inheritdoc/>
    public override IEnumerable<SyntaxNode> Children => [Name];
}

/// <summary><c>group NAME "title"? (= NAME, ...)?</c>; with <c>=</c> the group is closed (members listed).</summary>
public sealed record GroupDeclarationSyntax(NameSyntax Name, StringSyntax? Title, ImmutableArray<NameSyntax>? Members, TextSpan Span) : DeclarationSyntax(Span)
{
    /// <summary>True when members are listed: every member owes the group's tasks.</summary>
    public bool IsClosed => Members is not null;

    /// <inheritdoc/>
    public override IEnumerable<SyntaxNode> Children
    {
        get
        {
            yield return Name;
            if (Title is not null) yield return Title;
            if (Members is { } members) foreach (var m in members) yield return m;
        }
    }
}

/// <summary><c>section ID "title" { ... }</c></summary>
public sealed record SectionSyntax(IdSyntax Id, StringSyntax Title, ImmutableArray<DeclarationSyntax> Members, TextSpan Span) : DeclarationSyntax(Span)
{
    /// <inheritdoc/>
    public override IEnumerable<SyntaxNode> Children => [Id, Title, .. Members];
}

/// <summary><c>task ID "title" { items }</c></summary>
public sealed record TaskSyntax(IdSyntax Id, StringSyntax Title, ImmutableArray<TaskItemSyntax> Items, TextSpan Span) : DeclarationSyntax(Span)
{
    /// <inheritdoc/>
    public override IEnumerable<SyntaxNode> Children => [Id, Title, .. Items];
}
