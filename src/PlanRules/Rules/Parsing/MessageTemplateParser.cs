using System.Collections.Immutable;
using System.Text;
using PlanRules.Rules.Syntax;
using PlanRules.Syntax;
using PlanRules.Text;

namespace PlanRules.Rules.Parsing;

/// <summary>
/// Message templates: literal text with <c>{expr}</c> holes and <c>{{</c> / <c>}}</c> for braces. Holes are
/// parsed in place in the source, so their spans are exact; inside a hole write strings as “…”.
/// </summary>
internal static class MessageTemplateParser
{
    public static ImmutableArray<TemplatePart> Parse(ParseContext context, StringSyntax literal)
    {
        var text = context.Text;
        var parts = ImmutableArray.CreateBuilder<TemplatePart>();
        var start = literal.Span.Start + 1;
        var end = Math.Max(start, literal.Span.End - 1);
        var buffer = new StringBuilder();
        var bufferStart = start;
        var i = start;
        while (i < end)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < end)
            {
                buffer.Append(text[i + 1] switch { 'n' => '\n', 't' => '\t', var other => other });
                i += 2;
                continue;
            }
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
                ParseFailure.ReportExpected(context, i, ["'}}'"]);
                i++;
                continue;
            }
            if (c != '{')
            {
                buffer.Append(c);
                i++;
                continue;
            }
            if (buffer.Length > 0) parts.Add(new TemplateText(buffer.ToString(), TextSpan.FromBounds(bufferStart, i)));
            buffer.Clear();
            var holeStart = i;
            var result = ExpressionParser.Expression(new SourceInput(context, i + 1));
            if (!result.WasSuccessful)
            {
                if (!result.Expectations.Contains(ExpressionParser.DepthExpectation)) ParseFailure.Report(context, result);
                i = SkipHole(text, i + 1, end);
                bufferStart = i;
                continue;
            }
            var after = Lexer.SkipTrivia(context, result.Remainder.Position);
            if (after >= end || text[after] != '}')
            {
                ParseFailure.ReportExpected(context, Math.Min(after, end), ["'}'"]);
                i = SkipHole(text, after, end);
                bufferStart = i;
                continue;
            }
            parts.Add(new TemplateHole(result.Value, TextSpan.FromBounds(holeStart, after + 1)));
            i = after + 1;
            bufferStart = i;
        }
        if (buffer.Length > 0) parts.Add(new TemplateText(buffer.ToString(), TextSpan.FromBounds(bufferStart, end)));
        return parts.ToImmutable();
    }

    private static int SkipHole(string text, int from, int end)
    {
        var close = text.IndexOf('}', Math.Min(from, end), end - Math.Min(from, end));
        return close < 0 ? end : close + 1;
    }
}
