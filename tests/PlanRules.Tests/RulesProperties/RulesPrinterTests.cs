using System.Text;
using PlanRules.Formatting;
using PlanRules.Rules.Parsing;
using PlanRules.Rules.Syntax;

namespace PlanRules.Tests.RulesProperties;

/// <summary>The canonical rules printer on hand-written files: exact output, parentheses, escapes, round trip.</summary>
public class RulesPrinterTests
{
    internal static RuleFileSyntax ParseClean(string text)
    {
        var file = RulesParser.Parse(text, "test.rules");
        Assert.True(file.Diagnostics.IsEmpty, "does not parse cleanly:\n" + text + "\n" + string.Join("\n", file.Diagnostics));
        return file;
    }

    internal static ExpressionSyntax ParseExpression(string text) =>
        ((ConditionItemSyntax)ParseClean("rule X \"\" {\n  when " + text + "\n}\n").Rules[0].Items[0]).Condition;

    /// <summary>Printing then parsing gives the same rules, and printing again gives the same text.</summary>
    internal static string AssertRoundTrip(RuleFileSyntax file)
    {
        var printed = RulesPrinter.Print(file);
        var reparsed = RulesParser.Parse(printed, "printed.rules");
        Assert.True(reparsed.Diagnostics.IsEmpty, "printed text does not parse cleanly:\n" + printed + "\n" + string.Join("\n", reparsed.Diagnostics));
        Assert.Equal(RuleShape.Of(file), RuleShape.Of(reparsed));
        Assert.Equal(printed, RulesPrinter.Print(reparsed));
        return printed;
    }

    [Fact]
    public void Print_WritesTheCanonicalForm()
    {
        var messy = """
            /* header */ rule R1 “标题” {
              severity：error；
              category "a b"
              for obligation o where o.status==done  // c
              require count( o.evidence )>0
              message "任务 {o.task.id} 由 {o.unit.name} 完成 {{证据}}"
              message en "Task {o.task.id}: {“x\\”y”}\t\\ \"q\""
              effective 2021年1月1日 ..
              help “https://x/”
              description "d"
            }
            rule R2 "t" { for plan p when p.title == "x" }
            rule R3 "" {}
            """;
        var expected = """
            rule R1 "标题" {
              severity error
              category "a b"
              for obligation o where o.status == done
              require count(o.evidence) > 0
              message "任务 {o.task.id} 由 {o.unit.name} 完成 {{证据}}"
              message en "Task {o.task.id}: {“x\\”y”}\t\\ \"q\""
              effective 2021-01-01 ..
              help "https://x/"
              description "d"
            }

            rule R2 "t" {
              for plan p
              when p.title == "x"
            }

            rule R3 "" {
            }

            """;
        var file = ParseClean(messy);
        Assert.Equal(expected.ReplaceLineEndings("\n"), RulesPrinter.Print(file));
        AssertRoundTrip(file);
    }

    [Theory]
    [InlineData("a or b and c", "a or b and c")]
    [InlineData("(a or b) and c", "(a or b) and c")]
    [InlineData("a or (b or c)", "a or (b or c)")]
    [InlineData("(a or b) or c", "(a or b) or c")]
    [InlineData("(a and b) and c", "(a and b) and c")]
    [InlineData("not (a and b)", "not (a and b)")]
    [InlineData("not a == b", "not a == b")]
    [InlineData("(not a) == b", "(not a) == b")]
    [InlineData("a == not b", "a == (not b)")]
    [InlineData("not not a", "not not a")]
    [InlineData("not -a", "not -a")]
    [InlineData("-(not a)", "-(not a)")]
    [InlineData("a + (b - c)", "a + (b - c)")]
    [InlineData("a - b + c", "a - b + c")]
    [InlineData("(a - b) + c", "(a - b) + c")]
    [InlineData("a - -b", "a - -b")]
    [InlineData("-(a + b)", "-(a + b)")]
    [InlineData("- -a", "--a")]
    [InlineData("-a.b", "-a.b")]
    [InlineData("(-a).b", "(-a).b")]
    [InlineData("(a + b).c", "(a + b).c")]
    [InlineData("(not a).b", "(not a).b")]
    [InlineData("(a == b) == c", "(a == b) == c")]
    [InlineData("a == (b == c)", "a == (b == c)")]
    [InlineData("(a in b) in c", "(a in b) in c")]
    [InlineData("a < b + 1", "a < b + 1")]
    [InlineData("(a < b) + 1", "(a < b) + 1")]
    [InlineData("(any x in l: x) and b", "(any x in l: x) and b")]
    [InlineData("b and any x in l: x or c", "b and any x in l: x or c")]
    [InlineData("b and (any x in l: x) or c", "b and (any x in l: x) or c")]
    [InlineData("not any x in l: x", "not any x in l: x")]
    [InlineData("(not any x in l: x) or c", "not (any x in l: x) or c")]
    [InlineData("count x in l: x > 1", "count x in l: x > 1")]
    [InlineData("(count x in l: x) > 1", "(count x in l: x) > 1")]
    [InlineData("1 + count x in l: x", "1 + count x in l: x")]
    [InlineData("(1 + count x in l: x) > 2", "1 + (count x in l: x) > 2")]
    [InlineData("2 > 1 + count x in l: x", "2 > 1 + count x in l: x")]
    [InlineData("(count x in l: x).y", "(count x in l: x).y")]
    [InlineData("any x in (any y in m: y): x", "any x in (any y in m: y): x")]
    [InlineData("any x in l: any y in m: x == y", "any x in l: any y in m: x == y")]
    [InlineData("all x in t.obligations：x.status == done", "all x in t.obligations: x.status == done")]
    [InlineData("f((a or b), [1, (2)])", "f(a or b, [1, 2])")]
    [InlineData("f(any x in l: x, y)", "f(any x in l: x, y)")]
    [InlineData("[any x in l: x, y]", "[any x in l: x, y]")]
    [InlineData("x in [1, 2.50, “s”, 2021年1月2日, 30d, 2w, 3m, 1y, true, none, today, open, started, done, waived]",
        "x in [1, 2.50, \"s\", 2021-01-02, 30d, 2w, 3m, 1y, true, none, today, open, started, done, waived]")]
    [InlineData("x in []", "x in []")]
    [InlineData("f()", "f()")]
    [InlineData("((t)).due", "t.due")]
    [InlineData("a.b.c", "a.b.c")]
    [InlineData("f(x).y.z", "f(x).y.z")]
    [InlineData("5.due + 1.5.x + 30d.y + 2021-01-01.z", "5.due + 1.5.x + 30d.y + 2021-01-01.z")]
    [InlineData("2021 - 1 - 1", "2021 - 1 - 1")]
    [InlineData("007d", "007d")]
    [InlineData("\"a\\\"b\\\\c\\nd\\te\"", "\"a\\\"b\\\\c\\nd\\te\"")]
    public void PrintExpression_UsesTheFewestParenthesesThatKeepTheTree(string input, string expected)
    {
        var expression = ParseExpression(input);
        var printed = RulesPrinter.PrintExpression(expression);
        Assert.Equal(expected, printed);
        Assert.Equal(RuleShape.Of(expression), RuleShape.Of(ParseExpression(printed)));
    }

    [Fact]
    public void Print_ReEscapesTemplates_AndQuotesStringsInHolesWithChineseQuotes()
    {
        var hole = RuleSyntaxGenerators.Chain(BinaryOperator.Add,
            RuleSyntaxGenerators.Member(RuleSyntaxGenerators.Id("t"), "id"),
            RuleSyntaxGenerators.Lit(LiteralKind.Text, "\"}{”“\\\n", ""));
        var message = new MessageItemSyntax("en", new PlanRules.Syntax.StringSyntax("", default),
            [new TemplateText("a {b} \"c\" \\ \n", default), new TemplateHole(hole, default), new TemplateText("}", default)], default);
        var rule = new RuleSyntax(new PlanRules.Syntax.IdSyntax("R", default), new PlanRules.Syntax.StringSyntax("t", default), [message], default);
        var file = new RuleFileSyntax(new PlanRules.Text.SourceText(""), [rule], [], default);

        var printed = AssertRoundTrip(file);
        // The hole's string is “"}{\”“\\\n” (a curly string reads better than \"…\"); the message escapes it again.
        Assert.Contains("""message en "a {{b}} \"c\" \\ \n{t.id + “\"}{\\”“\\\\\\n”}}}" """.TrimEnd(), printed);
    }

    [Fact]
    public void Print_HandWrittenFiles_RoundTrip()
    {
        var files = new[]
        {
            """
            rule GOV001 "牵头单位过多" {
              severity warning
              category ownership
              for task t where t.due != none
              when count(t.lead) > 3
              message "任务 {t.id} 有 {count(t.lead)} 个牵头单位，职责可能不清"
              message en "Task {t.id} has {count(t.lead)} lead units; accountability may be unclear"
              help "https://example.gov.cn/planrules/GOV001"
            }

            rule GOV002 "完成须有证据" {
              severity error
              for obligation o where o.status == done
              require count(o.evidence) > 0
              message "任务 {o.task.id} 由 {o.unit.name} 完成但未留存证据"
            }
            """,
            """
            rule A "all constructs" {
              severity info
              category 时限
              for unit u where not u.isGroup and (count(u.tasks) > 0 or u.title == none)
              when any t in u.tasks: t.overdue and t.daysOverdue >= 30 or all o in t.obligations: o.status in [done, waived]
              message zh-TW "{u.name}：{count x in u.obligations: x.overdue} {min([1, 2.5, none])} {max(x.occurrences)}"
              effective .. 2021-12-31
              description "多行\n说明\t\"引号\""
            }
            rule B "arith" {
              severity hidden
              for task t
              require t.due - today + 1 > -(days(30d) - 2) and today + 1m - 2w + 1y <= t.due + (3d + 4d) and len(t.title + "x") != 0
              message "{{}}{t.due - 30d}{{{t.id}}}"
              effective 2021-01-01 .. 2022-06-30
            }
            rule C "plan" {
              for plan p
              when contains(p.title, “番禺”) == false and matches(p.ref, "^番") and year(p.issued) == 2021 and month(p.end) >= 12.0
              effective 2021-01-01 ..
            }
            """,
        };
        foreach (var text in files) AssertRoundTrip(ParseClean(text));
    }

    [Fact]
    public void PrintExpression_HandlesAFiftyThousandTermChain()
    {
        var text = new StringBuilder("rule X \"\" { when a0");
        for (var i = 1; i < 50_000; i++) text.Append(i % 2 == 0 ? " or a" : " or b").Append(i);
        text.Append(" }");
        var file = ParseClean(text.ToString());
        var printed = RulesPrinter.Print(file);
        Assert.StartsWith("rule X \"\" {\n  when a0 or b1 or a2", printed);
        var reparsed = RulesParser.Parse(printed);
        Assert.True(reparsed.Diagnostics.IsEmpty);
        Assert.Equal(50_000, ((ChainSyntax)((ConditionItemSyntax)reparsed.Rules[0].Items[0]).Condition).Operands.Length);
    }

    [Fact]
    public void PrintExpression_HandlesDeepUnaryAndMemberChains()
    {
        var not = ParseExpression(string.Concat(Enumerable.Repeat("not ", 200)) + "a");
        Assert.Equal(string.Concat(Enumerable.Repeat("not ", 200)) + "a", RulesPrinter.PrintExpression(not));
        var members = ParseExpression("t" + string.Concat(Enumerable.Repeat(".x", 200)));
        Assert.Equal("t" + string.Concat(Enumerable.Repeat(".x", 200)), RulesPrinter.PrintExpression(members));
    }

    [Fact]
    public void PrintExpression_KeepsTheDecimalPoint()
    {
        var literal = RuleSyntaxGenerators.Lit(LiteralKind.Decimal, 5m, "5");
        Assert.Equal("5.0", RulesPrinter.PrintExpression(literal));
        Assert.Equal(LiteralKind.Decimal, ((LiteralSyntax)ParseExpression("5.0")).Kind);
    }
}
