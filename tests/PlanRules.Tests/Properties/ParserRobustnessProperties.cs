using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PlanRules.Binding;
using PlanRules.Formatting;
using PlanRules.Syntax;
using PlanRules.Tests.Support;

namespace PlanRules.Tests.Properties;

/// <summary>For any text at all, the parser returns (never throws), and what it returns is well formed.</summary>
public class ParserRobustnessProperties
{
    private static readonly string[] Soup =
    [
        "plan", "unit", "group", "section", "task", "lead", "with", "support", "start", "due", "after", "every",
        "at-least", "tag", "note", "source", "suppress", "ref", "issued", "period", "issuer", "timezone", "alias",
        "parent", "year", "half-year", "week", "{", "}", "｛", "｝", "\"", "“", "”", "\\", "\\\"", "//", "/*", "*/",
        "=", "＝", ",", "、", "，", ";", "；", ":", "：", "..", ".", "-", "2021-12-31", "2021-02-30", "2021年2月30日",
        "2021年12月31日", "2021-1", "99999999999", "0", "1.2.3", "T33", "区政府办", "\"各镇(街)\"", "𠀀", "\ud800",
        "\udc00", "\uFEFF", " ", "  ", "\t", "\n", "\r\n", "\r", "\0", "\u2028", "%",
    ];

    /// <summary>Random unicode strings, keyword-and-punctuation soup, and mutilated valid plans.</summary>
    private static Gen<string> AnyText { get; } = Gen.OneOf(
        ArbMap.Default.GeneratorFor<string>().Select(s => s ?? ""),
        Gen.Elements(Soup).ListOf().Select(parts => string.Join(" ", parts)),
        Gen.Elements(Soup).ListOf().Select(string.Concat),
        Gen.Choose(0, 0xFFFF).Select(c => (char)c).ArrayOf().Select(cs => new string(cs)),
        from file in PlanGenerators.Files
        let text = PlanPrinter.Print(file)
        from cut in Gen.Choose(0, text.Length)
        from insert in Gen.Elements(Soup)
        from drop in Gen.Choose(0, 3)
        select text[..cut] + insert + text[Math.Min(text.Length, cut + drop)..]);

    [Property(MaxTest = 500)]
    public Property Parse_NeverThrows_AndSpansStayInsideTheText() =>
        Prop.ForAll(Arb.From(AnyText), text =>
        {
            var file = PlanParser.Parse(text, "any.plan");

            SpanAssert.WellFormed(file);
            foreach (var d in file.Diagnostics)
            {
                Assert.InRange(d.Location.SourceSpan.Start, 0, file.Source.Length);
                Assert.InRange(d.Location.SourceSpan.End, d.Location.SourceSpan.Start, file.Source.Length);
                Assert.True(d.Location.Line >= 1 && d.Location.Column >= 1, d.ToString());
                Assert.False(string.IsNullOrWhiteSpace(d.GetMessage(PlanAssert.En)));
            }
        });

    [Property(MaxTest = 300)]
    public Property Bind_NeverThrows_ForWhateverTheParserProduces() =>
        Prop.ForAll(Arb.From(AnyText), text =>
        {
            var bound = PlanBinder.Bind([PlanParser.Parse(text, "any.plan")]);

            Assert.All(bound.Diagnostics, d => Assert.False(string.IsNullOrEmpty(d.GetMessage(PlanAssert.Zh))));
        });

    [Property(MaxTest = 300)]
    public Property Print_OfAnyErrorFreeParse_RoundTrips() =>
        Prop.ForAll(Arb.From(AnyText), text =>
        {
            var file = PlanParser.Parse(text);
            if (!file.Diagnostics.IsEmpty) return;

            var printed = PlanPrinter.Print(file);
            var reparsed = PlanParser.Parse(printed);
            Assert.True(reparsed.Diagnostics.IsEmpty, printed);
            Assert.Equal(SyntaxShape.Of(file), SyntaxShape.Of(reparsed));
        });
}
