using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using NodaTime;
using PlanRules.Diagnostics;
using PlanRules.Rules.Runtime;
using PlanRules.Rules.Syntax;
using PlanRules.Syntax;

namespace PlanRules.Formatting;

/// <summary>
/// The canonical printer for <c>*.rules</c> files: one item per line inside <c>rule ID "title" { … }</c>,
/// two-space indentation, ASCII punctuation, ISO dates, periods as written (<c>30d</c>), and the fewest
/// parentheses that keep the tree. Message templates are re-escaped (<c>{{</c>, <c>}}</c>) and their holes
/// printed with <see cref="PrintExpression"/>, strings in holes quoted “…”, then escaped as part of the message
/// string (its escapes are read before the holes are parsed). Parsing the output gives the same rules, spans aside, and printing is idempotent. Comments are
/// not kept (the rules tree does not record them).
/// </summary>
public static class RulesPrinter
{
    /// <summary>The culture a <c>message</c> without one has; it is not written out.</summary>
    private const string DefaultCulture = "zh-CN";

    /// <summary>Prints a parsed rules file. The file should have no syntax errors (text in error is printed as parsed).</summary>
    public static string Print(RuleFileSyntax file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var builder = new StringBuilder();
        foreach (var rule in file.Rules)
        {
            if (builder.Length > 0) builder.Append('\n');
            WriteRule(builder, rule);
        }
        return builder.ToString();
    }

    /// <summary>
    /// Prints one expression on one line, with the fewest parentheses that make it parse back to the same
    /// tree. Chains are printed by a loop, so a 100,000-term <c>or</c> chain needs no deep recursion.
    /// </summary>
    public static string PrintExpression(ExpressionSyntax expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var builder = new StringBuilder();
        new ExpressionWriter(builder, curlyStrings: false).Write(expression, Precedence.Or, rightOpen: true);
        return builder.ToString();
    }

    private static void WriteRule(StringBuilder b, RuleSyntax rule)
    {
        b.Append("rule ").Append(rule.Id.Value).Append(' ').Append(SyntaxFacts.Quote(rule.Title.Value)).Append(" {\n");
        foreach (var item in rule.Items)
        {
            b.Append("  ");
            WriteItem(b, item);
            b.Append('\n');
        }
        b.Append("}\n");
    }

    private static void WriteItem(StringBuilder b, RuleItemSyntax item)
    {
        switch (item)
        {
            case SeverityItemSyntax severity:
                b.Append("severity ").Append(DiagnosticSeverityText(severity.Severity));
                break;
            case CategoryItemSyntax category:
                b.Append("category ").Append(SyntaxFacts.FormatName(category.Category.Value));
                break;
            case ForItemSyntax forItem:
                b.Append("for ").Append(TargetText(forItem.Target)).Append(' ').Append(forItem.Variable);
                if (forItem.Where is not null)
                {
                    b.Append(" where ");
                    new ExpressionWriter(b, curlyStrings: false).Write(forItem.Where, Precedence.Or, rightOpen: true);
                }
                break;
            case ConditionItemSyntax condition:
                b.Append(condition.IsRequire ? "require " : "when ");
                new ExpressionWriter(b, curlyStrings: false).Write(condition.Condition, Precedence.Or, rightOpen: true);
                break;
            case MessageItemSyntax message:
                b.Append("message ");
                if (!string.Equals(message.Culture, DefaultCulture, StringComparison.Ordinal)) b.Append(message.Culture).Append(' ');
                WriteTemplate(b, message);
                break;
            case TextRuleItemSyntax text:
                b.Append(text.Keyword).Append(' ').Append(SyntaxFacts.Quote(text.Text.Value));
                break;
            case EffectiveItemSyntax effective:
                b.Append("effective ");
                if (effective.From is not null) b.Append(FormatDate(effective.From)).Append(' ');
                b.Append("..");
                if (effective.To is not null) b.Append(' ').Append(FormatDate(effective.To));
                break;
        }
    }

    private static string DiagnosticSeverityText(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "info",
        _ => "hidden",
    };

    private static string TargetText(RuleTarget target) => target switch
    {
        RuleTarget.Task => "task",
        RuleTarget.Obligation => "obligation",
        RuleTarget.Unit => "unit",
        _ => "plan",
    };

    private static string FormatDate(DateSyntax date) =>
        date.Value is { } d ? FormatDate(d) : date.Text;

    private static string FormatDate(LocalDate date) => PlanRules.Text.DateText.Iso(date);

    /// <summary>Writes a message template as an ASCII-quoted string: text escaped, braces doubled, holes printed.</summary>
    private static void WriteTemplate(StringBuilder b, MessageItemSyntax message)
    {
        b.Append('"');
        foreach (var part in message.Parts)
        {
            switch (part)
            {
                case TemplateText text:
                    foreach (var c in text.Text)
                    {
                        switch (c)
                        {
                            case '"': b.Append("\\\""); break;
                            case '\\': b.Append("\\\\"); break;
                            case '\n' or '\r': b.Append("\\n"); break;
                            case '\t': b.Append("\\t"); break;
                            case '{': b.Append("{{"); break;
                            case '}': b.Append("}}"); break;
                            default: b.Append(c); break;
                        }
                    }
                    break;
                case TemplateHole hole:
                    // The message's escapes are read before its holes are parsed: the hole is written, then escaped.
                    var expression = new StringBuilder();
                    new ExpressionWriter(expression, curlyStrings: true).Write(hole.Expression, Precedence.Or, rightOpen: true);
                    b.Append('{');
                    foreach (var c in expression.ToString())
                    {
                        if (c is '"' or '\\') b.Append('\\');
                        b.Append(c);
                    }
                    b.Append('}');
                    break;
            }
        }
        b.Append('"');
    }

    /// <summary>Binding strength, loosest first; an operand printed where a tighter level is needed gets parentheses.</summary>
    private enum Precedence
    {
        Or,
        And,
        Not,
        Comparison,
        Additive,
        Unary,
        Postfix,
        Primary,
    }

    private sealed class ExpressionWriter(StringBuilder b, bool curlyStrings)
    {
        private static Precedence PrecedenceOf(ExpressionSyntax expression) => expression switch
        {
            ChainSyntax chain => chain.Operators.Length == 0
                ? Precedence.Primary
                : chain.Operators[0] switch
                {
                    BinaryOperator.Or => Precedence.Or,
                    BinaryOperator.And => Precedence.And,
                    _ => Precedence.Additive,
                },
            UnarySyntax { Operator: UnaryOperator.Not } => Precedence.Not,
            UnarySyntax => Precedence.Unary,
            BinarySyntax => Precedence.Comparison,
            MemberAccessSyntax or CallSyntax => Precedence.Postfix,
            _ => Precedence.Primary,
        };

        /// <summary>
        /// Writes <paramref name="expression"/> where an operand of at least <paramref name="required"/> is
        /// expected. <paramref name="rightOpen"/> is true when nothing of the enclosing expression follows
        /// before a closing delimiter, so a quantifier (whose body extends as far as possible) may stand bare.
        /// </summary>
        public void Write(ExpressionSyntax expression, Precedence required, bool rightOpen)
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
            if (expression is ChainSyntax { Operators.Length: 0, Operands.Length: 1 } single)
            {
                // Not made by the parser; a one-operand chain is its operand.
                Write(single.Operands[0], required, rightOpen);
                return;
            }
            var own = PrecedenceOf(expression);
            var parenthesise = own < required || (expression is QuantifierSyntax && !rightOpen);
            if (parenthesise)
            {
                b.Append('(');
                WriteBare(expression, rightOpen: true);
                b.Append(')');
            }
            else
            {
                WriteBare(expression, rightOpen);
            }
        }

        private void WriteBare(ExpressionSyntax expression, bool rightOpen)
        {
            switch (expression)
            {
                case LiteralSyntax literal:
                    WriteLiteral(literal);
                    break;
                case IdentifierSyntax identifier:
                    b.Append(identifier.Name);
                    break;
                case MemberAccessSyntax member:
                    WriteMemberAccess(member);
                    break;
                case CallSyntax call:
                    b.Append(call.Function).Append('(');
                    for (var i = 0; i < call.Arguments.Length; i++)
                    {
                        if (i > 0) b.Append(", ");
                        Write(call.Arguments[i], Precedence.Or, rightOpen: true);
                    }
                    b.Append(')');
                    break;
                case UnarySyntax unary:
                    WriteUnary(unary, rightOpen);
                    break;
                case BinarySyntax binary:
                    Write(binary.Left, Precedence.Additive, rightOpen: false);
                    b.Append(' ').Append(BinaryOperatorText.ToText(binary.Operator)).Append(' ');
                    Write(binary.Right, Precedence.Additive, rightOpen);
                    break;
                case ChainSyntax chain:
                    WriteChain(chain, rightOpen);
                    break;
                case QuantifierSyntax quantifier:
                    b.Append(quantifier.Kind switch
                    {
                        QuantifierKind.Any => "any ",
                        QuantifierKind.All => "all ",
                        _ => "count ",
                    }).Append(quantifier.Variable).Append(" in ");
                    Write(quantifier.Source, Precedence.Additive, rightOpen: false);
                    b.Append(": ");
                    Write(quantifier.Body, Precedence.Or, rightOpen);
                    break;
                case ListSyntax list:
                    b.Append('[');
                    for (var i = 0; i < list.Items.Length; i++)
                    {
                        if (i > 0) b.Append(", ");
                        Write(list.Items[i], Precedence.Or, rightOpen: true);
                    }
                    b.Append(']');
                    break;
                default:
                    // MissingExpressionSyntax: already reported; nothing was written.
                    break;
            }
        }

        /// <summary>Consecutive <c>not</c>s and minuses are written by a loop (the parser builds them by one too).</summary>
        private void WriteUnary(UnarySyntax unary, bool rightOpen)
        {
            ExpressionSyntax operand = unary;
            while (operand is UnarySyntax current && current.Operator == unary.Operator)
            {
                b.Append(current.Operator == UnaryOperator.Not ? "not " : "-");
                operand = current.Operand;
            }
            if (unary.Operator == UnaryOperator.Not)
            {
                // The operand of not is a comparison or tighter.
                Write(operand, Precedence.Comparison, rightOpen);
            }
            else
            {
                // "--x" reads as two minuses (there are no -- comments).
                Write(operand, Precedence.Unary, rightOpen);
            }
        }

        /// <summary>Member access chains (<c>a.b.c</c>) are written innermost first, by a loop.</summary>
        private void WriteMemberAccess(MemberAccessSyntax member)
        {
            var members = new List<string>();
            ExpressionSyntax target = member;
            while (target is MemberAccessSyntax access)
            {
                members.Add(access.Member);
                target = access.Target;
            }
            Write(target, Precedence.Postfix, rightOpen: false);
            for (var i = members.Count - 1; i >= 0; i--) b.Append('.').Append(members[i]);
        }

        /// <summary>
        /// Operands are written one level tighter than the chain, so a nested chain of the same operator gets
        /// parentheses (the parser would flatten it otherwise) and so does any looser one.
        /// </summary>
        private void WriteChain(ChainSyntax chain, bool rightOpen)
        {
            var operandLevel = chain.Operators.Length == 0
                ? Precedence.Or
                : chain.Operators[0] switch
                {
                    BinaryOperator.Or => Precedence.And,
                    BinaryOperator.And => Precedence.Not,
                    _ => Precedence.Unary,
                };
            for (var i = 0; i < chain.Operands.Length; i++)
            {
                if (i > 0) b.Append(' ').Append(BinaryOperatorText.ToText(chain.Operators[i - 1])).Append(' ');
                Write(chain.Operands[i], operandLevel, rightOpen && i == chain.Operands.Length - 1);
            }
        }

        private void WriteLiteral(LiteralSyntax literal)
        {
            switch (literal.Kind)
            {
                case LiteralKind.Integer:
                    b.Append(literal.Value is long integer ? integer.ToString(CultureInfo.InvariantCulture) : literal.Text);
                    break;
                case LiteralKind.Decimal:
                    if (literal.Value is decimal number)
                    {
                        // A decimal must keep its point, or it would read back as an integer.
                        var text = number.ToString(CultureInfo.InvariantCulture);
                        b.Append(text).Append(text.Contains('.', StringComparison.Ordinal) ? "" : ".0");
                    }
                    else
                    {
                        b.Append(literal.Text);
                    }
                    break;
                case LiteralKind.Text:
                    b.Append(curlyStrings ? QuoteCurly(literal.Value as string ?? "") : SyntaxFacts.Quote(literal.Value as string ?? ""));
                    break;
                case LiteralKind.Date:
                    b.Append(literal.Value is LocalDate date ? FormatDate(date) : literal.Text);
                    break;
                case LiteralKind.Period:
                    b.Append(IsPeriodText(literal.Text) ? literal.Text : literal.Value is Period period ? FormatPeriod(period) : literal.Text);
                    break;
                case LiteralKind.Boolean:
                    b.Append(literal.Value is true ? "true" : "false");
                    break;
                case LiteralKind.None:
                    b.Append("none");
                    break;
                case LiteralKind.Today:
                    b.Append("today");
                    break;
                case LiteralKind.Status:
                    b.Append(literal.Value is RuleStatus status ? RuleStatusText.ToText(status) : literal.Text);
                    break;
            }
        }

        /// <summary>True for the written forms of a period: digits and one of d, w, m, y.</summary>
        private static bool IsPeriodText(string text) =>
            text.Length >= 2 && text[^1] is 'd' or 'w' or 'm' or 'y' && text[..^1].All(char.IsAsciiDigit);

        /// <summary>A period the parser can read back: one unit when it has one, else days as the language counts them.</summary>
        private static string FormatPeriod(Period period)
        {
            if (period.Years != 0 && period.Months == 0 && period.Weeks == 0 && period.Days == 0) return period.Years.ToString(CultureInfo.InvariantCulture) + "y";
            if (period.Months != 0 && period.Years == 0 && period.Weeks == 0 && period.Days == 0) return period.Months.ToString(CultureInfo.InvariantCulture) + "m";
            if (period.Weeks != 0 && period.Years == 0 && period.Months == 0 && period.Days == 0) return period.Weeks.ToString(CultureInfo.InvariantCulture) + "w";
            return (BuiltinFunctions.Days(period) ?? 0).ToString(CultureInfo.InvariantCulture) + "d";
        }

        /// <summary>
        /// A string in “…” quotes for a message hole (it reads better than <c>\"…\"</c>): <c>”</c> and <c>\</c> escaped
        /// as in any string. The hole is then escaped as part of the message (an ASCII quote as <c>\"</c>).
        /// </summary>
        private static string QuoteCurly(string value)
        {
            var builder = new StringBuilder(value.Length + 2).Append('“');
            foreach (var c in value)
            {
                switch (c)
                {
                    case '”': builder.Append("\\”"); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\n' or '\r': builder.Append("\\n"); break;
                    case '\t': builder.Append("\\t"); break;
                    default: builder.Append(c); break;
                }
            }
            return builder.Append('”').ToString();
        }
    }
}
