using PlanRules.Formatting;
using PlanRules.Rules.Parsing;
using static PlanRules.Tests.Rules.RuleKit;

namespace PlanRules.Tests.Rules;

/// <summary>
/// A message is a string like any other: its escapes are read first, then its <c>{holes}</c> are parsed, so a hole
/// may hold an ASCII-quoted string written <c>\"…\"</c>. Findings inside a hole point at the source character, even
/// after escapes.
/// </summary>
public class MessageHoleEscapeTests
{
    private const string Plan = Header + """
        task 1 "甲乙" { lead 区政府办 }
        """;

    private static string Message(string rule) =>
        Single(Check(Plan, null, "2021-12-31", CompileClean(rule)).Diagnostics, "M1").GetMessage(Zh);

    [Fact]
    public void MessageHole_WithEscapedQuotes_Parses()
    {
        Assert.Equal("任务 1号", Message("""
            rule M1 "m" { for task t when true message "任务 {t.id + \"号\"}" }
            """));
        Assert.Equal("true/false", Message("""
            rule M1 "m" { for task t when true message "{contains(t.title, \"甲\")}/{contains(t.title, \"丙\")}" }
            """));
    }

    [Fact]
    public void MessageHole_EscapesInsideAHoleString_AreReadTwice()
    {
        // \\\" in the message is \" in the hole: an escaped quote inside the hole's string; \\\\ is one backslash.
        Assert.Equal("a\"b\\c", Message("""
            rule M1 "m" { for task t when true message "{\"a\\\"b\\\\c\"}" }
            """));
        // In a curly-quoted message, holes take ASCII quotes as they are, and curly ones with the closing quote escaped.
        Assert.Equal("1号 1号", Message("""
            rule M1 "m" { for task t when true message “{t.id + "号"} {t.id + “号\”}” }
            """));
    }

    [Fact]
    public void MessageHole_TypeErrorAfterEscapes_PointsAtTheSourceColumn()
    {
        var text = """
            rule M1 "m" { for task t when true message "{\"a\" + t.dew}" }
            """;
        var set = Compile(text);
        var d = Single(set.Diagnostics, "PR2001");
        Finding(d, "PR2001", 1, PositionOf(text, "dew").Column, "任务没有成员 'dew'，是否指 'due'？", "task has no member 'dew'; did you mean 'due'?");
        Assert.Equal(PositionOf(text, "dew").Column + 3, d.Location.LineSpan.End.Column);
        Assert.Empty(set.Rules);
    }

    [Fact]
    public void MessageHole_SyntaxErrorAfterEscapes_PointsAtTheSourceColumn()
    {
        var text = """
            rule M1 "m" { for task t when true message "{\"a\" + }" }
            """;
        var d = Assert.Single(Compile(text).Diagnostics);
        Assert.Equal(("PR0001", 1, PositionOf(text, "}\"").Column), (d.Id, d.Location.Line, d.Location.Column));
        Assert.Equal("应为表达式，但遇到'}'", d.GetMessage(Zh));
    }

    [Fact]
    public void MessageHole_BadEscapeInAHoleString_CoversItsSourceText()
    {
        // \\q in the message is \q in the hole's string: a bad escape, at the three source characters \\q.
        var text = """
            rule M1 "m" { for task t when true message "{\"a\\q\"}" }
            """;
        var d = Assert.Single(Compile(text).Diagnostics);
        var column = PositionOf(text, "\\\\q").Column;
        Assert.Equal(("PR0002", 1, column, column + 3), (d.Id, d.Location.Line, d.Location.Column, d.Location.LineSpan.End.Column));
        Assert.Equal("无效的转义序列 '\\q'", d.GetMessage(Zh));
    }

    [Fact]
    public void MessageHole_WithEscapedQuotes_RoundTripsThroughThePrinter()
    {
        var text = """
            rule M1 "m" {
              for task t
              when true
              message "{contains(t.title, \"a\\\"b\\\\c\")} {“x”}"
            }
            """;
        var file = RulesParser.Parse(text, RulesPath);
        Assert.Empty(file.Diagnostics);
        var printed = RulesPrinter.Print(file);
        var reparsed = RulesParser.Parse(printed, RulesPath);
        Assert.Empty(reparsed.Diagnostics);
        Assert.Equal(printed, RulesPrinter.Print(reparsed));
        Assert.Equal(Message(text), Message(printed));
    }
}
