using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text;
using PlanRules.Rules.Syntax;
using PlanRules.Syntax;
using PlanRules.Text;

namespace PlanRules.Rules.Parsing;

/// <summary>
/// Message templates: literal text with <c>{expr}</c> holes and <c>{{</c> / <c>}}</c> for braces. A message is a
/// string like any other: its escapes are read first (so a hole may hold <c>\"text\"</c>), then the holes are
/// parsed in the unescaped text. Every span (of holes, their expressions and their findings) is mapped back to
/// where it was written, so it is exact even after escapes.
/// </summary>
internal static class MessageTemplateParser
{
    public static ImmutableArray<TemplatePart> Parse(ParseContext context, StringSyntax literal)
    {
        // The unescaped message, behind its opening quote (index 0), so index k of the text is index k of the map.
        var (text, map) = Unescape(context.Text, literal.Span);
        var holes = context.ForDerivedText(text, map);
        var parts = ImmutableArray.CreateBuilder<TemplatePart>();
        var end = text.Length;
        var buffer = new StringBuilder();
        var bufferStart = 1;
        var i = 1;
        TextSpan Source(int from, int to) => TextSpan.FromBounds(map[from], map[to]);
        while (i < end)
        {
            var c = text[i];
            if (c == '{' && i + 1 < end && text[i + 1] == '{')
            {
                buffer.Append('{');
                i += 2;
                continue;
            }
            if (c == '}' && i + 1 < end && text[i + 1] == '}')
            {
                buffer.Append('}');
                i += 2;
                continue;
            }
            if (c == '}')
            {
                ParseFailure.ReportExpected(holes, i, ["'}}'"]);
                i++;
                continue;
            }
            if (c != '{')
            {
                buffer.Append(c);
                i++;
                continue;
            }
            if (buffer.Length > 0) parts.Add(new TemplateText(buffer.ToString(), Source(bufferStart, i)));
            buffer.Clear();
            var holeStart = i;
            var result = ExpressionParser.Expression(new SourceInput(holes, i + 1));
            if (!result.WasSuccessful)
            {
                if (!result.Expectations.Contains(ExpressionParser.DepthExpectation)) ParseFailure.Report(holes, result);
                i = SkipHole(text, i + 1, end);
                bufferStart = i;
                continue;
            }
            var after = Lexer.SkipTrivia(holes, result.Remainder.Position);
            if (after >= end || text[after] != '}')
            {
                ParseFailure.ReportExpected(holes, Math.Min(after, end), ["'}'"]);
                i = SkipHole(text, after, end);
                bufferStart = i;
                continue;
            }
            parts.Add(new TemplateHole(Remap(result.Value, map), Source(holeStart, after + 1)));
            i = after + 1;
            bufferStart = i;
        }
        if (buffer.Length > 0) parts.Add(new TemplateText(buffer.ToString(), Source(bufferStart, end)));
        return parts.ToImmutable();
    }

    /// <summary>
    /// The string literal at <paramref name="span"/> with its escapes read (as the lexer reads them), less its closing
    /// quote, and for each character where it was written: <c>map[k]</c> is the source position of character
    /// <c>k</c> (an escape's backslash), <c>map[length]</c> the position of the closing quote.
    /// </summary>
    private static (string Text, int[] Map) Unescape(string source, TextSpan span)
    {
        var start = span.Start;
        var end = Math.Max(start + 1, span.End - 1);
        var text = new StringBuilder(end - start);
        var map = new List<int>(end - start + 1);
        text.Append(source[start]);
        map.Add(start);
        var i = start + 1;
        while (i < end)
        {
            map.Add(i);
            if (source[i] == '\\' && i + 1 < end)
            {
                text.Append(source[i + 1] switch { 'n' => '\n', 't' => '\t', var other => other });
                i += 2;
                continue;
            }
            text.Append(source[i]);
            i++;
        }
        map.Add(end);
        return (text.ToString(), [.. map]);
    }

    private static int SkipHole(string text, int from, int end)
    {
        var close = text.IndexOf('}', Math.Min(from, end), end - Math.Min(from, end));
        return close < 0 ? end : close + 1;
    }

    /// <summary>An expression parsed in the unescaped message, with every span moved to where it was written.</summary>
    private static ExpressionSyntax Remap(ExpressionSyntax node, int[] map)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        TextSpan M(TextSpan span) => TextSpan.FromBounds(map[span.Start], map[span.End]);
        ImmutableArray<ExpressionSyntax> All(ImmutableArray<ExpressionSyntax> nodes) => [.. nodes.Select(n => Remap(n, map))];
        return node switch
        {
            LiteralSyntax literal => literal with { Span = M(literal.Span) },
            IdentifierSyntax identifier => identifier with { Span = M(identifier.Span) },
            MemberAccessSyntax member => member with { Target = Remap(member.Target, map), MemberSpan = M(member.MemberSpan), Span = M(member.Span) },
            CallSyntax call => call with { FunctionSpan = M(call.FunctionSpan), Arguments = All(call.Arguments), Span = M(call.Span) },
            UnarySyntax unary => unary with { Operand = Remap(unary.Operand, map), Span = M(unary.Span) },
            BinarySyntax binary => binary with
            {
                Left = Remap(binary.Left, map), Right = Remap(binary.Right, map), OperatorSpan = M(binary.OperatorSpan), Span = M(binary.Span),
            },
            ChainSyntax chain => chain with { Operands = All(chain.Operands), Span = M(chain.Span) },
            QuantifierSyntax quantifier => quantifier with
            {
                VariableSpan = M(quantifier.VariableSpan), Source = Remap(quantifier.Source, map), Body = Remap(quantifier.Body, map), Span = M(quantifier.Span),
            },
            ListSyntax list => list with { Items = All(list.Items), Span = M(list.Span) },
            _ => node with { Span = M(node.Span) },
        };
    }
}
