using PlanRules.Text;

namespace PlanRules.Syntax;

/// <summary>
/// Base of every immutable syntax node. Every node carries the exact span of its text (trivia excluded);
/// a node's span lies inside its parent's.
/// </summary>
public abstract record SyntaxNode(TextSpan Span)
{
    /// <summary>The node's children in source order.</summary>
    public virtual IEnumerable<SyntaxNode> Children => [];

    /// <summary>This node and all nodes below it, depth first, iteratively (safe for deep trees).</summary>
    public IEnumerable<SyntaxNode> DescendantsAndSelf()
    {
        var stack = new Stack<SyntaxNode>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            foreach (var child in node.Children.Reverse()) stack.Push(child);
        }
    }
}

/// <summary>A unit, group or tag name: an identifier or a quoted string.</summary>
public sealed record NameSyntax(string Value, bool IsQuoted, TextSpan Span) : SyntaxNode(Span)
{
    /// <inheritdoc/>
    public override string ToString() => Value;
}

/// <summary>A task or section id (identifier or digits with dots), or a rule id.</summary>
public sealed record IdSyntax(string Value, TextSpan Span) : SyntaxNode(Span)
{
    /// <inheritdoc/>
    public override string ToString() => Value;
}

/// <summary>A string literal with escapes resolved.</summary>
public sealed record StringSyntax(string Value, TextSpan Span) : SyntaxNode(Span)
{
    /// <inheritdoc/>
    public override string ToString() => Value;
}

/// <summary>A date literal; <see cref="Value"/> is null when the date is impossible (reported as PR0002).</summary>
public sealed record DateSyntax(NodaTime.LocalDate? Value, string Text, TextSpan Span) : SyntaxNode(Span)
{
    /// <inheritdoc/>
    public override string ToString() => Text;
}

/// <summary>An integer literal; <see cref="Value"/> is null when it does not fit (reported as PR0002).</summary>
public sealed record IntegerSyntax(int? Value, string Text, TextSpan Span) : SyntaxNode(Span);

/// <summary>A comment, kept for the formatter.</summary>
public sealed record CommentSyntax(string Text, bool IsBlock, TextSpan Span) : SyntaxNode(Span);
