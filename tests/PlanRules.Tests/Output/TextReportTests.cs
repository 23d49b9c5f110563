using System.Text.Json;
using PlanRules.Output;
using PlanRules.Tests.Support;
using static PlanRules.Tests.Output.OutputKit;

namespace PlanRules.Tests.Output;

/// <summary>The text format: one line per finding, whatever characters the message holds.</summary>
public class TextReportTests
{
    [Theory]
    [InlineData("a\nb", @"a\nb")]
    [InlineData("a\r\nb", @"a\r\nb")]
    [InlineData("a\rb", @"a\rb")]
    [InlineData("a\u2028b\u2029c", @"a\u2028b\u2029c")]
    [InlineData("a\tb\u0007c\u0085d\u007f", @"a\tb\u0007c\u0085d\u007f")]
    [InlineData("区司法局 a\\b", "区司法局 a\\b")]
    public void OneLine_WritesLineBreaksAndControlCharactersAsEscapes(string text, string expected)
    {
        Assert.Equal(expected, TextReport.OneLine(text));
    }

    [Fact]
    public void LineBreaksInUnitNamesAndRuleMessages_KeepEachFindingOnOneLine_JsonKeepsThem()
    {
        using var dir = new TempDirectory();
        dir.Write("p.plan", "plan \"p\" { ref \"r\" issued 2021-01-01 period 2021-01-01 .. 2021-12-31 }\nunit \"a\\nb\"\ntask 1 \"t\" { lead \"a\\nc\" }\n");
        dir.Write("x.rules", "rule X001 \"r\" { for task t when true message en \"line one\\nline two\\u2028\" }\n".Replace("\\u2028", "\u2028"));

        var run = RunCli(dir.Path, "check", ".", "--culture", "en", "--no-default-rules", "--as-of", "2021-12-31");

        Assert.Equal(1, run.Exit);
        Assert.Equal(
            [
                @"p.plan(2,6): info PR1009: Unit 'a\nb' is declared but never used",
                @"p.plan(3,1): warning X001: line one\nline two\u2028",
                @"p.plan(3,19): error PR1001: Unknown unit or group 'a\nc'; did you mean 'a\nb'?",
                "1 error, 1 warning, 1 info",
            ],
            run.Out.TrimEnd('\n').Split('\n'));

        var json = RunCli(dir.Path, "check", ".", "--culture", "en", "--no-default-rules", "--as-of", "2021-12-31", "--format", "json");
        using var document = JsonDocument.Parse(json.Out);
        var messages = document.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("message").GetString()!).ToArray();
        Assert.Equal(["Unit 'a\nb' is declared but never used", "line one\nline two\u2028", "Unknown unit or group 'a\nc'; did you mean 'a\nb'?"], messages);
    }

    [Fact]
    public void A_line_break_in_a_unit_name_keeps_its_row_of_the_unit_table_on_one_line()
    {
        using var dir = new TempDirectory();
        dir.Write("p.plan", "plan \"p\" { ref \"r\" issued 2021-01-01 period 2021-01-01 .. 2021-12-31 }\nunit \"a\\nb\" \"t\"\nunit C \"c\"\ntask 1 \"t\" { lead \"a\\nb\", C due 2021-06-01 }\n");
        dir.Write("p.ledger", "2021-05-01 task 1 done by C\n");

        var run = RunCli(dir.Path, "check", ".", "--culture", "en", "--no-default-rules", "--as-of", "2021-12-31");

        Assert.Equal(0, run.Exit);
        var table = run.Out.Split("\n\n")[1].TrimEnd('\n').Split('\n');
        Assert.Equal(
            [
                "Obligations by unit (as of 2021-12-31)",
                "Unit  Obligations  Done  Done late  Overdue  Waived  Open",
                "----  -----------  ----  ---------  -------  ------  ----",
                @"a\nb            1     0          0        1       0     0",
                "C               1     1          0        0       0     0",
            ],
            table);
    }
}
