using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PlanRules.Formatting;
using PlanRules.Syntax;
using PlanRules.Tests.Support;

namespace PlanRules.Tests.Properties;

/// <summary>Printing a tree and parsing the text gives the tree back, spans aside.</summary>
public class RoundTripProperties
{
    [Property(MaxTest = 300)]
    public Property ParseOfPrint_GivesTheSameTree() =>
        Prop.ForAll(Arb.From(PlanGenerators.Files), file =>
        {
            var text = PlanPrinter.Print(file);
            var reparsed = PlanParser.Parse(text, "generated.plan");

            Assert.True(reparsed.Diagnostics.IsEmpty, $"printed text does not parse cleanly:\n{text}\n" + string.Join("\n", reparsed.Diagnostics));
            Assert.Equal(SyntaxShape.Of(file), SyntaxShape.Of(reparsed));
        });

    [Property(MaxTest = 200)]
    public Property Print_IsIdempotent() =>
        Prop.ForAll(Arb.From(PlanGenerators.Files), file =>
        {
            var once = PlanPrinter.Print(file);
            var twice = PlanPrinter.Print(PlanParser.Parse(once));

            Assert.Equal(once, twice);
        });

    [Property(MaxTest = 100)]
    public Property Print_OfParsedGeneratedText_KeepsEveryComment() =>
        Prop.ForAll(Arb.From(CommentedText), text =>
        {
            var parsed = PlanParser.Parse(text);
            Assert.True(parsed.Diagnostics.IsEmpty, text + "\n" + string.Join("\n", parsed.Diagnostics));
            var printed = PlanPrinter.Print(parsed);
            var reparsed = PlanParser.Parse(printed);

            // Comment text is kept; only the indentation of a block comment's later lines may change.
            static string Words(CommentSyntax c) => System.Text.RegularExpressions.Regex.Replace(c.Text, @"\s+", " ");
            Assert.Equal(parsed.Comments.Select(Words), reparsed.Comments.Select(Words));
            Assert.Equal(SyntaxShape.Of(parsed), SyntaxShape.Of(reparsed));
            Assert.Equal(printed, PlanPrinter.Print(reparsed));
        });

    /// <summary>Printed plans with comments inserted at line starts and ends.</summary>
    private static Gen<string> CommentedText { get; } =
        from file in PlanGenerators.Files
        let lines = PlanPrinter.Print(file).Split('\n')
        from marks in Gen.Elements(0, 0, 0, 1, 2, 3, 4, 5).ArrayOf(lines.Length)
        from pads in Gen.Choose(0, 6).ArrayOf(lines.Length)
        select string.Join("\n", lines.Select((line, i) => marks[i] switch
        {
            1 => new string(' ', pads[i]) + "// 注释 " + i + "\n" + line,
            2 => line.Length == 0 ? line : line + " // 行尾 " + i,
            3 => new string(' ', pads[i]) + "/* 块 " + i + " */\n" + line,
            4 => new string(' ', pads[i]) + "/* 多行 " + i + "\n" + new string(' ', pads[i] + 3) + "续行 */\n" + line,
            5 => line.Length == 0 ? line : line + " /* 行尾\n   多行 */",
            _ => line,
        }));
}
