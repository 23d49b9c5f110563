using System.Globalization;
using System.Text;
using NodaTime;
using PlanRules.Rules.Runtime;
using PlanRules.Rules.Syntax;

namespace PlanRules.Tests.RulesProperties;

/// <summary>
/// A span-free structural rendering of rule syntax, as nested S-expressions: two trees have the same shape
/// when they say the same thing, whatever their positions, quoting or spelling of dates. Message templates
/// are compared by their parts (adjacent texts merged, empty texts dropped), not by the raw string.
/// </summary>
internal static class RuleShape
{
    public static string Of(RuleFileSyntax file)
    {
        var b = new StringBuilder();
        foreach (var rule in file.Rules) Write(b, rule);
        return b.ToString();
    }

    public static string Of(RuleSyntax rule)
    {
        var b = new StringBuilder();
        Write(b, rule);
        return b.ToString();
    }

    public static string Of(ExpressionSyntax expression)
    {
        var b = new StringBuilder();
        Write(b, expression);
        return b.ToString();
    }

    private static void Write(StringBuilder b, RuleSyntax rule)
    {
        b.Append("(rule ").Append(rule.Id.Value).Append(' ').Append(Q(rule.Title.Value)).Append('\n');
        foreach (var item in rule.Items)
        {
            b.Append("  ");
            switch (item)
            {
                case SeverityItemSyntax s:
                    b.Append("(severity ").Append(s.Severity).Append(')');
                    break;
                case CategoryItemSyntax c:
                    b.Append("(category ").Append(Q(c.Category.Value)).Append(')');
                    break;
                case ForItemSyntax f:
                    b.Append("(for ").Append(f.Target).Append(' ').Append(f.Variable);
                    if (f.Where is not null)
                    {
                        b.Append(' ');
                        Write(b, f.Where);
                    }
                    b.Append(')');
                    break;
                case ConditionItemSyntax c:
                    b.Append(c.IsRequire ? "(require " : "(when ");
                    Write(b, c.Condition);
                    b.Append(')');
                    break;
                case MessageItemSyntax m:
                    b.Append("(message ").Append(m.Culture);
                    foreach (var part in Normalize(m.Parts))
                    {
                        b.Append(' ');
                        if (part is TemplateHole hole)
                        {
                            b.Append("{");
                            Write(b, hole.Expression);
                            b.Append('}');
                        }
                        else
                        {
                            b.Append(Q(((TemplateText)part).Text));
                        }
                    }
                    b.Append(')');
                    break;
                case TextRuleItemSyntax t:
                    b.Append('(').Append(t.Keyword).Append(' ').Append(Q(t.Text.Value)).Append(')');
                    break;
                case EffectiveItemSyntax e:
                    b.Append("(effective ").Append(e.FromDate is { } from ? Iso(from) : "_").Append(' ').Append(e.ToDate is { } to ? Iso(to) : "_").Append(')');
                    break;
                default:
                    b.Append(item.GetType().Name);
                    break;
            }
            b.Append('\n');
        }
        b.Append(")\n");
    }

    /// <summary>Template parts with adjacent texts merged and empty texts dropped (the parser makes them so).</summary>
    private static List<TemplatePart> Normalize(IEnumerable<TemplatePart> parts)
    {
        var result = new List<TemplatePart>();
        foreach (var part in parts)
        {
            if (part is TemplateText text)
            {
                if (text.Text.Length == 0) continue;
                if (result.Count > 0 && result[^1] is TemplateText previous)
                {
                    result[^1] = new TemplateText(previous.Text + text.Text, default);
                    continue;
                }
            }
            result.Add(part);
        }
        return result;
    }

    private static void Write(StringBuilder b, ExpressionSyntax expression)
    {
        switch (expression)
        {
            case LiteralSyntax literal:
                b.Append(Literal(literal));
                break;
            case IdentifierSyntax identifier:
                b.Append(identifier.Name);
                break;
            case MemberAccessSyntax member:
                b.Append("(. ");
                Write(b, member.Target);
                b.Append(' ').Append(member.Member).Append(')');
                break;
            case CallSyntax call:
                b.Append("(call ").Append(call.Function);
                foreach (var argument in call.Arguments)
                {
                    b.Append(' ');
                    Write(b, argument);
                }
                b.Append(')');
                break;
            case UnarySyntax unary:
                b.Append('(').Append(unary.Operator).Append(' ');
                Write(b, unary.Operand);
                b.Append(')');
                break;
            case BinarySyntax binary:
                b.Append('(').Append(binary.Operator).Append(' ');
                Write(b, binary.Left);
                b.Append(' ');
                Write(b, binary.Right);
                b.Append(')');
                break;
            case ChainSyntax chain:
                b.Append("(chain ");
                Write(b, chain.Operands[0]);
                for (var i = 0; i < chain.Operators.Length; i++)
                {
                    b.Append(' ').Append(chain.Operators[i]).Append(' ');
                    Write(b, chain.Operands[i + 1]);
                }
                b.Append(')');
                break;
            case QuantifierSyntax quantifier:
                b.Append('(').Append(quantifier.Kind).Append(' ').Append(quantifier.Variable).Append(' ');
                Write(b, quantifier.Source);
                b.Append(' ');
                Write(b, quantifier.Body);
                b.Append(')');
                break;
            case ListSyntax list:
                b.Append("[");
                for (var i = 0; i < list.Items.Length; i++)
                {
                    if (i > 0) b.Append(' ');
                    Write(b, list.Items[i]);
                }
                b.Append(']');
                break;
            default:
                b.Append(expression.GetType().Name);
                break;
        }
    }

    private static string Literal(LiteralSyntax literal) => literal.Kind switch
    {
        LiteralKind.Integer => "int:" + ((long)literal.Value!).ToString(CultureInfo.InvariantCulture),
        LiteralKind.Decimal => "dec:" + ((decimal)literal.Value!).ToString(CultureInfo.InvariantCulture),
        LiteralKind.Text => "text:" + Q((string)literal.Value!),
        LiteralKind.Date => "date:" + (literal.Value is LocalDate d ? Iso(d) : "invalid " + literal.Text),
        LiteralKind.Period => "period:" + literal.Text + "=" + literal.Value,
        LiteralKind.Boolean => (bool)literal.Value! ? "true" : "false",
        LiteralKind.None => "none",
        LiteralKind.Today => "today",
        LiteralKind.Status => "status:" + (RuleStatus)literal.Value!,
        _ => "?",
    };

    private static string Iso(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    private static string Q(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\t", "\\t") + "\"";
}
