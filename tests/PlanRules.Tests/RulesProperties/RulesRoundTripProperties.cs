using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PlanRules.Formatting;
using PlanRules.Rules.Parsing;

namespace PlanRules.Tests.RulesProperties;

/// <summary>Printing a rules tree and parsing the text gives the tree back (spans aside); printing is idempotent.</summary>
public class RulesRoundTripProperties
{
    [Property(MaxTest = 300)]
    public Property ParseOfPrint_GivesTheSameRules() =>
        Prop.ForAll(Arb.From(RuleSyntaxGenerators.Files), file => RulesPrinterTests.AssertRoundTrip(file));

    [Property(MaxTest = 300)]
    public Property ParseOfPrintExpression_GivesTheSameExpression() =>
        Prop.ForAll(Arb.From(RuleSyntaxGenerators.Expression(4)), expression =>
        {
            var printed = RulesPrinter.PrintExpression(expression);
            var reparsed = RulesPrinterTests.ParseExpression(printed);
            Assert.Equal(RuleShape.Of(expression), RuleShape.Of(reparsed));
            Assert.Equal(printed, RulesPrinter.PrintExpression(reparsed));
        });

    [Property(MaxTest = 200)]
    public Property TypedExpressions_RoundTripToo() =>
        Prop.ForAll(Arb.From(TypedExpressionGenerators.Of(Ty.Bool, Scope.Rule, 3)), expression =>
        {
            var printed = RulesPrinter.PrintExpression(expression);
            Assert.Equal(RuleShape.Of(expression), RuleShape.Of(RulesPrinterTests.ParseExpression(printed)));
        });

    [Property(MaxTest = 100)]
    public Property PrintedText_ParsesWithoutDiagnostics_AndReprintsIdentically() =>
        Prop.ForAll(Arb.From(RuleSyntaxGenerators.Files), file =>
        {
            var once = RulesPrinter.Print(file);
            var parsed = RulesParser.Parse(once);
            Assert.Empty(parsed.Diagnostics);
            Assert.Equal(once, RulesPrinter.Print(parsed));
        });
}
