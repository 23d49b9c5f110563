using PlanRules.Formatting;
using PlanRules.Syntax;
using PlanRules.Tests.Support;

namespace PlanRules.Tests.Formatting;

/// <summary>The canonical printer behind <c>planrules fmt</c>.</summary>
public class PlanPrinterTests
{
    private static string Format(string text) => PlanPrinter.Print(PlanAssert.ParseClean(text));

    [Fact]
    public void ExamplePlan_IsAlreadyFormatted()
    {
        var text = TestPaths.ExamplePlanText;

        Assert.Equal(text, PlanPrinter.Print(PlanParser.Parse(text)));
    }

    [Fact]
    public void Print_NormalizesLayoutPunctuationAndDates()
    {
        var text = "plan “p”{period 2021年1月1日..2021年12月31日;issuer 区政府办}\n" +
                   "unit \"区政府办\" “标题” {alias \"区府办\"}\n" +
                   "group 镇街=市桥街、石楼镇\n" +
                   "task 1 \"t\"{lead：A，B；due 2021年3月5日；every half-year at-least 2;tag \"a b\"}";

        Assert.Equal(
            """
            plan "p" {
              period 2021-01-01 .. 2021-12-31
              issuer 区政府办
            }
            unit 区政府办 "标题" {
              alias 区府办
            }
            group 镇街 = 市桥街, 石楼镇
            task 1 "t" {
              lead A, B
              due 2021-03-05
              every half-year at-least 2
              tag "a b"
            }

            """,
            Format(text));
    }

    [Fact]
    public void Print_EscapesStrings()
    {
        var formatted = Format("task 1 “a\"b\\\\c\\nd\\te” { note “x” }");

        Assert.Equal("task 1 \"a\\\"b\\\\c\\nd\\te\" {\n  note \"x\"\n}\n", formatted);
    }

    [Fact]
    public void Print_KeepsCommentsWhereTheyWere()
    {
        var text = """
            // 文件头注释

            unit A // 行尾注释
            /* 块注释 */
            task 1 "t" {
              // 项前注释
              lead A // 行尾
              /* 多行
                 块注释 */
            }
            // 文件尾
            """;

        var formatted = Format(text);

        Assert.Equal(
            """
            // 文件头注释

            unit A // 行尾注释
            /* 块注释 */
            task 1 "t" {
              // 项前注释
              lead A // 行尾
              /* 多行
                 块注释 */
            }
            // 文件尾

            """,
            formatted);
    }

    [Fact]
    public void Print_ReindentsBlockCommentsKeepingTheirInnerAlignment()
    {
        var formatted = Format("task 1 \"t\" {\n        /* a\n           b */\n  lead A\n}\n");

        Assert.Equal("task 1 \"t\" {\n  /* a\n     b */\n  lead A\n}\n", formatted);
    }

    [Fact]
    public void Print_KeepsOneBlankLineWhereTheSourceHadSome()
    {
        var formatted = Format("unit A\n\n\n\nunit B\nunit C\n");

        Assert.Equal("unit A\n\nunit B\nunit C\n", formatted);
    }

    [Fact]
    public void Print_IndentsNestedSections()
    {
        var formatted = Format("section 1 \"a\" { section 1.1 \"b\" { task 1 \"t\" { lead A } } }");

        Assert.Equal("section 1 \"a\" {\n  section 1.1 \"b\" {\n    task 1 \"t\" {\n      lead A\n    }\n  }\n}\n", formatted);
    }

    [Theory]
    [InlineData("unit A // x\n/* y */ unit B\n")]
    [InlineData("task 1 \"t\" {\n  lead A\n\n\n  due 2021-01-01 /* z */\n}\n")]
    [InlineData("// only\n")]
    [InlineData("")]
    [InlineData("plan \"p\" {\n}\n\n// c1\n\n// c2\nunit X")]
    [InlineData("section 1 \"s\" {\n  task 1 \"t\" {\n    /* a\n       b\n    c */\n    lead A\n  }\n}\n")]
    [InlineData("task 1 \"t\" {\n/* a\n b */\n        /* c\n d */\n  lead A /* e\n f */\n}\n")]
    [InlineData("task 1 \"t\" {\r\n  lead A /* e\r\n f */\r\n  /* g\r\n     h */\r\n}\r\n")]
    public void Print_IsIdempotent(string text)
    {
        var once = Format(text);
        var twice = Format(once);

        Assert.Equal(once, twice);
    }

    [Fact]
    public void Print_OfTheExample_KeepsEveryComment()
    {
        var file = PlanParser.Parse(TestPaths.ExamplePlanText);
        var reparsed = PlanParser.Parse(PlanPrinter.Print(file));

        Assert.True(file.Comments.Length > 20);
        Assert.Equal(file.Comments.Select(c => c.Text), reparsed.Comments.Select(c => c.Text));
    }

    [Fact]
    public void Print_OfCrlfInput_GivesLfOutput()
    {
        var formatted = Format("unit A\r\n// c\r\nunit B { alias C /* d\r\n e */ }\r\n/* f\r\n g */\r\n");

        Assert.Equal("unit A\n// c\nunit B {\n  alias C /* d\n e */\n}\n/* f\n g */\n", formatted);
    }

    [Theory]
    [InlineData("区政府办", "区政府办")]
    [InlineData("_a1", "_a1")]
    [InlineData("各镇(街)", "\"各镇(街)\"")]
    [InlineData("a b", "\"a b\"")]
    [InlineData("2021", "\"2021\"")]
    [InlineData("", "\"\"")]
    public void FormatName_QuotesOnlyWhenNeeded(string name, string expected)
    {
        Assert.Equal(expected, PlanPrinter.FormatName(name));
    }
}
