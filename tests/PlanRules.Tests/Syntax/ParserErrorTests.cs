using PlanRules.Binding;
using PlanRules.Diagnostics;
using PlanRules.Syntax;
using PlanRules.Text;
using PlanRules.Tests.Support;
using static PlanRules.Tests.Support.PlanAssert;

namespace PlanRules.Tests.Syntax;

/// <summary>PR0001..PR0003: each at its exact 1-based line and column, with a message that says what went wrong.</summary>
public class ParserErrorTests
{
    private static Diagnostic SingleFinding(string text)
    {
        var file = PlanParser.Parse(text, "test.plan");
        var d = Assert.Single(file.Diagnostics);
        Assert.Equal("test.plan", d.Location.Path);
        return d;
    }

    [Fact]
    public void UnknownTaskItem_IsReportedAtTheWord()
    {
        var d = SingleFinding("task 1 \"t\" {\n  lead A\n  bogus X\n}\n");

        Finding(d, "PR0001", 3, 3,
            "应为任务项（lead、with、support、start、due、after、every、tag、note、source、suppress）或 '}'，但遇到'bogus'",
            "Expected a task item (lead, with, support, start, due, after, every, tag, note, source, suppress) or '}' but found 'bogus'");
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal((3, 8), (d.Location.LineSpan.End.Line, d.Location.LineSpan.End.Column));
    }

    [Fact]
    public void MissingTaskTitle_SaysAStringWasExpected()
    {
        var d = SingleFinding("unit A\ntask 1 {\n  lead A\n}\n");

        Finding(d, "PR0001", 2, 8, "应为字符串，但遇到'{'", "Expected a string but found '{'");
    }

    [Fact]
    public void UnknownTopLevelWord_SaysADeclarationWasExpected()
    {
        var d = SingleFinding("unit A\n  foo\n");

        Finding(d, "PR0001", 2, 3,
            "应为声明（plan、unit、group、section 或 task），但遇到'foo'",
            "Expected a declaration (plan, unit, group, section or task) but found 'foo'");
    }

    [Fact]
    public void ListEndingInSeparator_SaysANameWasExpected()
    {
        var d = SingleFinding("task 1 \"t\" {\n  lead A, }\n");

        Finding(d, "PR0001", 2, 11, "应为名称，但遇到'}'", "Expected a name but found '}'");
    }

    [Fact]
    public void UnknownPeriod_ListsThePeriods()
    {
        var d = SingleFinding("task 1 \"t\" { lead A\n every decade }");

        Finding(d, "PR0001", 2, 8,
            "应为周期（year、half-year、quarter、month、week），但遇到'decade'",
            "Expected a period (year, half-year, quarter, month, week) but found 'decade'");
    }

    [Fact]
    public void MissingCloseBrace_IsReportedAtEndOfInput()
    {
        var text = "task 1 \"t\" {\n  lead A\n";
        var d = SingleFinding(text);

        Finding(d, "PR0001", 3, 1,
            "应为任务项（lead、with、support、start、due、after、every、tag、note、source、suppress）或 '}'，但遇到文件结尾",
            "Expected a task item (lead, with, support, start, due, after, every, tag, note, source, suppress) or '}' but found end of input");
        Assert.Equal(text.Length, d.Location.SourceSpan.Start);
    }

    [Fact]
    public void UnterminatedString_IsReportedAtItsQuote()
    {
        var d = SingleFinding("task 1 \"t\" {\n  note \"abc\n  lead A\n}\n");

        Finding(d, "PR0001", 2, 8, "字符串缺少结束引号", "Unterminated string");
    }

    [Fact]
    public void UnterminatedBlockComment_IsReportedAtItsStart()
    {
        var d = SingleFinding("unit A\n  /* never closed\nunit B\n");

        Finding(d, "PR0001", 2, 3, "块注释缺少结束标记 */", "Unterminated block comment");
    }

    [Fact]
    public void ImpossibleDate_IsPR0002AtTheDate()
    {
        var d = SingleFinding("task 1 \"t\" {\n  lead A\n  due 2021-02-30\n}\n");

        Finding(d, "PR0002", 3, 7, "日期 '2021-02-30' 不存在", "The date '2021-02-30' does not exist");
        Assert.Equal((3, 17), (d.Location.LineSpan.End.Line, d.Location.LineSpan.End.Column));
    }

    [Fact]
    public void ImpossibleChineseDate_IsPR0002AtTheDate()
    {
        var d = SingleFinding("task 1 \"t\" { lead A\n  start 2021年13月1日 }");

        Finding(d, "PR0002", 2, 9, "日期 '2021年13月1日' 不存在", "The date '2021年13月1日' does not exist");
    }

    [Fact]
    public void BadEscape_IsPR0002AtTheBackslash()
    {
        var d = SingleFinding("task 1 \"t\" {\n  note \"ab\\qc\"\n}");

        Finding(d, "PR0002", 2, 11, "无效的转义序列 '\\q'", "Invalid escape sequence '\\q'");
    }

    [Fact]
    public void IntegerOverflow_IsPR0002AtTheNumber()
    {
        var d = SingleFinding("task 1 \"t\" {\n  every year at-least 99999999999\n}");

        Finding(d, "PR0002", 2, 23, "无效的数字 '99999999999'", "Invalid number '99999999999'");
    }

    [Fact]
    public void ImpossibleDate_KeepsTheItemWithNoValue()
    {
        var file = PlanParser.Parse("task 1 \"t\" { due 2021-02-29 }");

        var date = Assert.IsType<DateItemSyntax>(Assert.Single(file.Tasks).Items.Single()).Date;
        Assert.Null(date.Value);
        Assert.Equal("2021-02-29", date.Text);
    }

    [Fact]
    public void ColumnsCountUtf16CodeUnits()
    {
        // 𠀀 (U+20000) is one letter but two UTF-16 code units.
        var d = SingleFinding("task 1 \"𠀀\" { lead A; bogus }");

        Assert.Equal((1, 23), (d.Location.Line, d.Location.Column));
    }

    [Fact]
    public void ThreeSeparateErrors_AreAllReported_AndGoodTasksStillBind()
    {
        var text = """
            plan "p" { period 2021-01-01 .. 2021-12-31 }
            unit A
            unit B
            task 1 "good" {
              lead A
            }
            task 2 "bad item" {
              lead A
              bogus 1
            }
            task 3 "good too" {
              lead B
              due 2021-06-30
            }
            task 4 "bad date" {
              lead B
              due 2021-02-30
            }
            task 5 "bad period" {
              lead A
              every decade
            }
            task 6 "last good" {
              lead A, B
            }
            """;
        var file = PlanParser.Parse(text, "three.plan");

        Assert.Collection(file.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start),
            d => Assert.Equal(("PR0001", 9, 3), (d.Id, d.Location.Line, d.Location.Column)),
            d => Assert.Equal(("PR0002", 17, 7), (d.Id, d.Location.Line, d.Location.Column)),
            d => Assert.Equal(("PR0001", 21, 9), (d.Id, d.Location.Line, d.Location.Column)));

        var bound = PlanBinder.Bind([file]);
        Assert.Equal(3, bound.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Equal(["A"], bound.GetTask("1")!.Lead.Select(u => u.Name));
        Assert.Equal(new NodaTime.LocalDate(2021, 6, 30), bound.GetTask("3")!.Due);
        Assert.Equal(["A", "B"], bound.GetTask("6")!.Lead.Select(u => u.Name));
        Assert.Equal(["A"], bound.GetTask("2")!.Lead.Select(u => u.Name));
    }

    [Fact]
    public void ErrorsInManyTasks_AreEachReportedOnce()
    {
        var text = string.Join("\n", Enumerable.Range(1, 20).Select(i => $"task {i} \"t\" {{ lead A; due 2021-02-30; oops }}"));
        var file = PlanParser.Parse(text);

        Assert.Equal(20, file.Diagnostics.Count(d => d.Id == "PR0002"));
        Assert.Equal(20, file.Diagnostics.Count(d => d.Id == "PR0001"));
        Assert.Equal(20, file.Tasks.Count());
        Assert.Equal(Enumerable.Range(1, 20), file.Diagnostics.Where(d => d.Id == "PR0001").Select(d => d.Location.Line).Order());
    }

    private static string NestedSections(int depth)
    {
        var builder = new System.Text.StringBuilder();
        for (var i = 1; i <= depth; i++) builder.Append("section ").Append(i).Append(" \"s\" {\n");
        builder.Append("task T \"t\" { lead A }\n");
        builder.Append('}', depth);
        return builder.ToString();
    }

    [Fact]
    public void ThirtyTwoNestedSections_AreAccepted()
    {
        var file = ParseClean(NestedSections(32));

        Assert.Equal(32, file.DescendantsAndSelf().OfType<SectionSyntax>().Count());
        Assert.Single(file.Tasks);
    }

    [Fact]
    public void ThirtyThreeNestedSections_GivePR0003AtTheDeepestSection()
    {
        var d = SingleFinding(NestedSections(33));

        Finding(d, "PR0003", 33, 1, "嵌套深度超过上限 32 层", "Nesting is deeper than the limit of 32 levels");
        Assert.Equal((33, 8), (d.Location.LineSpan.End.Line, d.Location.LineSpan.End.Column));
    }

    [Fact]
    public void DeepNesting_LimitComesFromParseOptions()
    {
        var file = PlanParser.Parse(NestedSections(5), options: new ParseOptions { MaxSectionDepth = 4 });

        Finding(Assert.Single(file.Diagnostics), "PR0003", 5, 1, "嵌套深度超过上限 4 层", "Nesting is deeper than the limit of 4 levels");
        Assert.Equal(4, file.DescendantsAndSelf().OfType<SectionSyntax>().Count());
    }

    [Fact]
    public void TwoHundredThousandNestedSections_GivePR0003WithoutCrashing()
    {
        var text = NestedSections(200_000);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var file = PlanParser.Parse(text, "deep.plan");
        var bound = PlanBinder.Bind([file]);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        var d = Assert.Single(file.Diagnostics);
        Finding(d, "PR0003", 33, 1, "嵌套深度超过上限 32 层", "Nesting is deeper than the limit of 32 levels");
        Assert.Equal(32, file.DescendantsAndSelf().OfType<SectionSyntax>().Count());
        Assert.Equal(32, bound.Sections.Length);
        Assert.Contains(bound.Diagnostics, x => x.Id == "PR0003");
    }

    [Fact]
    public void DeepNesting_WithTheLimitRaised_StopsAtTheStackGuardWithPR0003()
    {
        var text = NestedSections(200_000);

        // Run on a small stack: the parser must notice it is running out and report, not overflow.
        PlanFileSyntax? file = null;
        var thread = new Thread(() => file = PlanParser.Parse(text, options: new ParseOptions { MaxSectionDepth = int.MaxValue }), 256 * 1024);
        thread.Start();
        thread.Join();

        Assert.NotNull(file);
        Assert.Contains(file.Diagnostics, d => d.Id == "PR0003");
        Assert.All(file.Diagnostics, d => Assert.Equal("PR0003", d.Id));
    }

    private static string Hostile(string name) => name switch
    {
        "open braces" => new string('{', 100_000),
        "close braces" => new string('}', 20_000),
        "unclosed tasks" => string.Concat(Enumerable.Repeat("task 1 \"t\" {", 10_000)),
        "unclosed sections and tasks" => string.Concat(Enumerable.Repeat("section 1 \"s\" { task 1 \"t\" { lead ", 10_000)),
        "unterminated strings" => string.Concat(Enumerable.Repeat("task \"\n", 10_000)),
        "open block comments" => string.Concat(Enumerable.Repeat("/* ", 100_000)),
        "separators" => "task 1 \"t\" { lead A" + string.Concat(Enumerable.Repeat("、A", 20_000)) + " }",
        "bad items" => "task 1 \"t\" {" + string.Concat(Enumerable.Repeat(" every decade", 10_000)) + " }",
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [InlineData("open braces")]
    [InlineData("close braces")]
    [InlineData("unclosed tasks")]
    [InlineData("unclosed sections and tasks")]
    [InlineData("unterminated strings")]
    [InlineData("open block comments")]
    [InlineData("separators")]
    [InlineData("bad items")]
    public void HostileInput_ParsesAndBindsQuickly(string name)
    {
        var text = Hostile(name);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var file = PlanParser.Parse(text);
        var bound = PlanBinder.Bind([file]);

        // Linear work is well under a second here; the bound catches quadratic behaviour, not slow machines.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"{name} took {watch.Elapsed}");
        Assert.NotNull(bound);
        SpanAssert.WellFormed(file);
    }

    [Fact]
    public void OversizedInput_IsPR0003()
    {
        var file = PlanParser.Parse("unit A\nunit B\n", options: new ParseOptions { MaxInputLength = 5 });

        Finding(Assert.Single(file.Diagnostics), "PR0003", 1, 1, "输入共 14 个字符，超过上限 5", "The input has 14 characters, over the limit of 5");
        Assert.Empty(file.Declarations);
    }

    [Fact]
    public void Diagnostics_CarryTheirSpanAsLineAndColumn()
    {
        var source = new SourceText("unit A\r\nunit B\r\n  junk\r\n", "crlf.plan");
        var file = PlanParser.Parse(source);

        var d = Assert.Single(file.Diagnostics);
        Assert.Equal(source.GetLinePositionSpan(d.Location.SourceSpan), d.Location.LineSpan);
        Assert.Equal((3, 3), (d.Location.Line, d.Location.Column));
        Assert.Equal("junk", source.ToString(d.Location.SourceSpan));
    }
}
