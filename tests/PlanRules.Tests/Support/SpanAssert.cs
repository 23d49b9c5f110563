using PlanRules.Syntax;

namespace PlanRules.Tests.Support;

/// <summary>Checks the span invariants of a parsed tree.</summary>
internal static class SpanAssert
{
    /// <summary>
    /// Every node's span lies inside its parent's span (walking <see cref="SyntaxNode.Children"/>), siblings
    /// come in source order without overlapping, and the file's span covers the whole text.
    /// </summary>
    public static void WellFormed(PlanFileSyntax file)
    {
        Assert.Equal(0, file.Span.Start);
        Assert.True(file.Span.End <= file.Source.Length);
        var stack = new Stack<SyntaxNode>();
        stack.Push(file);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            var previousEnd = node.Span.Start;
            foreach (var child in node.Children)
            {
                // Messages are built only on failure: describing a large parent copies its whole text.
                if (!node.Span.Contains(child.Span)) Assert.Fail($"{Describe(file, child)} is not inside its parent {Describe(file, node)}");
                if (child.Span.Start < previousEnd) Assert.Fail($"{Describe(file, child)} overlaps or precedes its previous sibling");
                previousEnd = child.Span.End;
                stack.Push(child);
            }
        }
        var lastEnd = -1;
        foreach (var comment in file.Comments)
        {
            Assert.True(comment.Span.Start >= lastEnd, "comments overlap");
            Assert.True(comment.Span.End <= file.Source.Length);
            Assert.Equal(comment.Text, file.Source.ToString(comment.Span));
            lastEnd = comment.Span.End;
        }
    }

    /// <summary>Leaf nodes' spans cover exactly their text.</summary>
    public static void LeavesMatchTheirText(PlanFileSyntax file)
    {
        foreach (var node in file.DescendantsAndSelf())
        {
            var text = file.Source.ToString(node.Span);
            switch (node)
            {
                case IdSyntax id: Assert.Equal(id.Value, text); break;
                case NameSyntax { IsQuoted: false } name: Assert.Equal(name.Value, text); break;
                case NameSyntax or StringSyntax: Assert.True(text[0] is '"' or '“' && text[^1] is '"' or '”', text); break;
                case DateSyntax date: Assert.Equal(date.Text, text); break;
                case IntegerSyntax integer: Assert.Equal(integer.Text, text); break;
                case TaskSyntax task: Assert.StartsWith("task", text); Assert.True(text[^1] is '}' or '｝', text); break;
                case SectionSyntax section: Assert.StartsWith("section", text); Assert.True(text[^1] is '}' or '｝', text); break;
            }
        }
    }

    private static string Describe(PlanFileSyntax file, SyntaxNode node)
    {
        var text = file.Source.ToString(node.Span);
        return $"{node.GetType().Name} {node.Span} '{(text.Length > 80 ? text[..80] + "…" : text)}'";
    }
}
