using System.Globalization;
using PlanRules.Diagnostics;
using PlanRules.Resources;
using PlanRules.Text;
using Sprache;

namespace PlanRules.Syntax;

/// <summary>Turns Sprache failures into PR0001 findings that say what was expected and what was found.</summary>
internal static class ParseFailure
{
    /// <summary>
    /// Reports the failure at the exact token it stopped at; returns the start of that token, so recovery
    /// can resume there when it is a '}' or an item keyword ("every lead A" recovers at "lead").
    /// </summary>
    public static int Report<T>(ParseContext context, IResult<T> failure)
    {
        ReportExpected(context, failure.Remainder.Position, failure.Expectations);
        return Lexer.SkipTrivia(context, failure.Remainder.Position);
    }

    /// <summary>Reports "expected X but found Y" at the token at <paramref name="pos"/>; returns that token's end.</summary>
    public static int ReportExpected(ParseContext context, int pos, IEnumerable<string> expectations)
    {
        // A failure already reported as PR0003 (nesting limit) gets no second finding.
        if (expectations.Contains("!depth")) return Math.Min(pos + 1, context.Text.Length);
        var (span, found) = Lexer.DescribeToken(context, pos);
        var expected = new ExpectationText([.. expectations.Distinct()]);
        context.Report(DiagnosticCatalog.SyntaxError, span, null, expected, found);
        return Math.Max(span.End, span.Start + (span.Start < context.Text.Length ? 1 : 0));
    }

    /// <summary>A list of expectations, each a resource key or a quoted literal, joined with "or".</summary>
    private sealed class ExpectationText(string[] items) : LocalizableString
    {
        public override string ToString(CultureInfo? culture)
        {
            var separator = culture?.TwoLetterISOLanguageName == "en" ? " or " : " 或 ";
            return string.Join(separator, items.Select(i => Messages.Has(i) ? Messages.Get(i, culture) : i));
        }
    }
}
