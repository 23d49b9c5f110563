using System.Text;
using PlanRules.Binding;
using PlanRules.Syntax;
using PlanRules.Text;
using PlanRules.Tests.Support;

namespace PlanRules.Tests.Syntax;

/// <summary>CRLF line ends and a UTF-8 byte-order mark change nothing a user can see.</summary>
public class LineEndingTests
{
    private const string WithErrors = "plan \"p\" { period 2021-01-01 .. 2021-12-31 }\n" +
                                      "unit A /* 块\n  注释 */\n" +
                                      "task 1 \"t\" {\n  lead A, 乙\n  due 2021-02-30\n  bogus\n}\n" +
                                      "task 2 \"t\" { lead A; after 9 }\n";

    private static string Crlf(string text) => text.Replace("\n", "\r\n");

    /// <summary>Every node's kind and line/column span, in tree order.</summary>
    private static List<string> Positions(PlanFileSyntax file) =>
    [
        .. file.DescendantsAndSelf().Skip(1).Select(n => $"{n.GetType().Name} {file.Source.GetLinePositionSpan(n.Span)}"),
        .. file.Comments.Select(c => $"comment {c.Text.Replace("\r\n", "\n")} {file.Source.GetLinePositionSpan(c.Span)}"),
    ];

    private static List<string> Findings(IEnumerable<PlanRules.Diagnostics.Diagnostic> diagnostics) =>
        [.. diagnostics.Select(d => $"{d.Id} {d.Location.LineSpan} {d.GetMessage(PlanAssert.En)}")];

    [Fact]
    public void ExamplePlan_WithCrlf_GivesTheSameTreeAndPositions()
    {
        var lf = PlanParser.Parse(TestPaths.ExamplePlanText.Replace("\r\n", "\n"));
        var crlf = PlanParser.Parse(Crlf(TestPaths.ExamplePlanText.Replace("\r\n", "\n")));

        Assert.Empty(crlf.Diagnostics);
        Assert.Equal(SyntaxShape.Of(lf), SyntaxShape.Of(crlf));
        Assert.Equal(Positions(lf), Positions(crlf));
        SpanAssert.WellFormed(crlf);
    }

    [Fact]
    public void FileWithErrors_WithCrlf_ReportsTheSameFindingsAtTheSamePositions()
    {
        var lf = PlanBinder.Bind(new SourceText(WithErrors, "x.plan"));
        var crlf = PlanBinder.Bind(new SourceText(Crlf(WithErrors), "x.plan"));

        Assert.Equal(["PR1001", "PR0002", "PR0001", "PR1003"], lf.Diagnostics.Select(d => d.Id));
        Assert.Equal(Findings(lf.Diagnostics), Findings(crlf.Diagnostics));
        Assert.Equal(Positions(lf.Files[0]), Positions(crlf.Files[0]));
        var bogus = crlf.Diagnostics.Single(d => d.Id == "PR0001");
        Assert.Equal((7, 3), (bogus.Location.Line, bogus.Location.Column));
    }

    [Fact]
    public void Bom_IsIgnored_AndSpansAreUnchanged()
    {
        var plain = PlanParser.Parse(WithErrors);
        var bomString = PlanParser.Parse("\uFEFF" + WithErrors);
        var bomBytes = PlanParser.Parse(SourceText.FromUtf8([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(WithErrors)]));

        foreach (var file in new[] { bomString, bomBytes })
        {
            Assert.Equal(WithErrors, file.Source.Text);
            Assert.Equal(SyntaxShape.Of(plain), SyntaxShape.Of(file));
            Assert.Equal(plain.DescendantsAndSelf().Select(n => n.Span), file.DescendantsAndSelf().Select(n => n.Span));
            Assert.Equal(Findings(plain.Diagnostics), Findings(file.Diagnostics));
        }
        var first = bomBytes.Declarations[0];
        Assert.Equal(new LinePosition(1, 1), bomBytes.Source.GetLinePosition(first.Span.Start));
    }

    [Fact]
    public void BomAndCrlf_Together_GiveTheSamePositions()
    {
        var plain = PlanParser.Parse(WithErrors);
        var both = PlanParser.Parse(SourceText.FromUtf8([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Crlf(WithErrors))]));

        Assert.Equal(SyntaxShape.Of(plain), SyntaxShape.Of(both));
        Assert.Equal(Positions(plain), Positions(both));
        Assert.Equal(Findings(plain.Diagnostics), Findings(both.Diagnostics));
    }

    [Fact]
    public void LineStarts_CountLfAndCrlf()
    {
        var source = new SourceText("a\r\nb\nc\r\n");

        Assert.Equal([0, 3, 5, 8], source.LineStarts);
        Assert.Equal(new LinePosition(2, 1), source.GetLinePosition(3));
        Assert.Equal(new LinePosition(1, 2), source.GetLinePosition(1));
        Assert.Equal(new LinePosition(3, 2), source.GetLinePosition(6));
    }

    [Fact]
    public void ExamplePlan_FromCrlfFileWithBom_ChecksTheSameOnTheCommandLine()
    {
        using var dir = new TempDirectory();
        var text = TestPaths.ExamplePlanText.Replace("\r\n", "\n");
        dir.Write("lf/plan.plan", text);
        Directory.CreateDirectory(Path.Combine(dir.Path, "crlf"));
        File.WriteAllText(Path.Combine(dir.Path, "crlf", "plan.plan"), Crlf(text), new UTF8Encoding(true));

        string Check(string folder)
        {
            var stdout = new StringWriter();
            var exit = PlanRules.Cli.CliApp.Run(["check", "plan.plan", "--format", "json", "--as-of", "2021-12-31"], stdout, new StringWriter(), Path.Combine(dir.Path, folder), NodaTime.SystemClock.Instance);
            Assert.Equal(0, exit);
            return stdout.ToString();
        }

        Assert.Equal(Check("lf"), Check("crlf"));
    }
}
