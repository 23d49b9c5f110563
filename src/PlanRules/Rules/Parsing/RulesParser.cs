using System.Collections.Frozen;
using System.Collections.Immutable;
using PlanRules.Diagnostics;
using PlanRules.Rules.Syntax;
using PlanRules.Syntax;
using PlanRules.Text;
using Sprache;
using static PlanRules.Syntax.Tokens;

namespace PlanRules.Rules.Parsing;

/// <summary>
/// Parses <c>*.rules</c> files: rule headers and items as Sprache parsers composed with LINQ, blocks
/// driven by <see cref="BlockDriver"/> with recovery between items and between rules.
/// </summary>
public static class RulesParser
{
    private static readonly Parser<ExpressionSyntax> Expr = ExpressionParser.Expression;

    private static readonly FrozenDictionary<string, DiagnosticSeverity> Severities = new Dictionary<string, DiagnosticSeverity>
    {
        ["error"] = DiagnosticSeverity.Error,
        ["warning"] = DiagnosticSeverity.Warning,
        ["info"] = DiagnosticSeverity.Info,
        ["hidden"] = DiagnosticSeverity.Hidden,
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, RuleTarget> Targets = new Dictionary<string, RuleTarget>
    {
        ["task"] = RuleTarget.Task,
        ["obligation"] = RuleTarget.Obligation,
        ["unit"] = RuleTarget.Unit,
        ["plan"] = RuleTarget.Plan,
    }.ToFrozenDictionary();

    private static TextSpan Cover(TextSpan first, TextSpan last) => TextSpan.FromBounds(first.Start, last.End);

    private static readonly Parser<Word> CultureWord = input =>
    {
        var si = (SourceInput)input;
        var text = si.Context.Text;
        var start = Lexer.SkipTrivia(si.Context, si.Position);
        var end = start;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || (text[end] == '-' && end > start))) end++;
        return end == start || !char.IsAsciiLetter(text[start])
            ? Result.Failure<Word>(input, "Token_Culture", ["Token_Culture"])
            : Result.Success(new Word(text[start..end], TextSpan.FromBounds(start, end)), si.At(end));
    };

    private static readonly Parser<RuleItemSyntax> Message = input =>
    {
        var keyword = ItemKeyword("message")(input);
        if (!keyword.WasSuccessful) return Result.Failure<RuleItemSyntax>(keyword.Remainder, keyword.Message, keyword.Expectations);
        var culture = CultureWord.Optional()(keyword.Remainder);
        var text = StringLiteral(culture.Remainder);
        if (!text.WasSuccessful) return Result.Failure<RuleItemSyntax>(text.Remainder, text.Message, text.Expectations);
        var context = ((SourceInput)input).Context;
        var parts = MessageTemplateParser.Parse(context, text.Value);
        var cultureName = culture.Value.IsDefined ? culture.Value.Get().Value : "zh-CN";
        return Result.Success<RuleItemSyntax>(new MessageItemSyntax(cultureName, text.Value, parts, Cover(keyword.Value, text.Value.Span)), text.Remainder);
    };

    /// <summary>Rule items by keyword.</summary>
    private static readonly FrozenDictionary<string, Parser<RuleItemSyntax>> Items = new Dictionary<string, Parser<RuleItemSyntax>>
    {
        ["severity"] =
            from k in ItemKeyword("severity")
            from s in OneOf(Severities, "Token_Severity")
            select (RuleItemSyntax)new SeverityItemSyntax(s, Cover(k, k)),
        ["category"] = from k in ItemKeyword("category") from n in Name select (RuleItemSyntax)new CategoryItemSyntax(n, Cover(k, n.Span)),
        ["for"] =
            from k in ItemKeyword("for")
            from target in OneOf(Targets, "Token_RuleTarget")
            from variable in Identifier
            from condition in Keyword("where").Then(_ => Expr).XOptional()
            select (RuleItemSyntax)new ForItemSyntax(target, variable.Value, variable.Span, condition.GetOrDefault(),
                Cover(k, condition.IsDefined ? condition.Get().Span : variable.Span)),
        ["when"] = from k in ItemKeyword("when") from e in Expr select (RuleItemSyntax)new ConditionItemSyntax(false, e, Cover(k, e.Span)),
        ["require"] = from k in ItemKeyword("require") from e in Expr select (RuleItemSyntax)new ConditionItemSyntax(true, e, Cover(k, e.Span)),
        ["message"] = Message,
        ["help"] = from k in ItemKeyword("help") from s in StringLiteral select (RuleItemSyntax)new TextRuleItemSyntax("help", s, Cover(k, s.Span)),
        ["description"] = from k in ItemKeyword("description") from s in StringLiteral select (RuleItemSyntax)new TextRuleItemSyntax("description", s, Cover(k, s.Span)),
        ["effective"] =
            from k in ItemKeyword("effective")
            from start in Date.Optional()
            from dots in RangeDots
            from end in Date.Optional()
            select (RuleItemSyntax)new EffectiveItemSyntax(start.GetOrDefault(), end.GetOrDefault(), Cover(k, end.IsDefined ? end.Get().Span : dots)),
    }.ToFrozenDictionary();

    private static readonly Parser<(TextSpan Keyword, IdSyntax Id, StringSyntax Title)> Header =
        from k in Keyword("rule")
        from id in Identifier
        from title in StringLiteral
        from open in OpenBrace
        select (k, new IdSyntax(id.Value, id.Span), title);

    private static readonly FrozenSet<string> TopLevel = new[] { "rule" }.ToFrozenSet();

    /// <summary>Parses one rules file. Never throws for any input.</summary>
    public static RuleFileSyntax Parse(SourceText source, ParseOptions? options = null)
    {
        var context = new ParseContext(source, options ?? ParseOptions.Default);
        if (source.Length > context.Options.MaxInputLength)
        {
            context.Report(DiagnosticCatalog.LimitExceeded, new TextSpan(0, 0), "PR0003_Size", source.Length, context.Options.MaxInputLength);
            return new RuleFileSyntax(source, [], context.Diagnostics, new TextSpan(0, 0));
        }
        var rules = new Driver(context).ParseFile();
        return new RuleFileSyntax(source, rules, DiagnosticOrder.Sort(context.Diagnostics), new TextSpan(0, source.Length));
    }

    /// <summary>Parses rules text given directly.</summary>
    public static RuleFileSyntax Parse(string text, string path = "") => Parse(new SourceText(text, path));

    private sealed class Driver(ParseContext parseContext) : BlockDriver(parseContext)
    {
        /// <summary>The keywords of the items of the current rule that failed to parse.</summary>
        private readonly List<string> _failed = [];

        protected override void ItemFailed(string word)
        {
            if (!_failed.Contains(word)) _failed.Add(word);
        }

        public ImmutableArray<RuleSyntax> ParseFile()
        {
            var rules = ImmutableArray.CreateBuilder<RuleSyntax>();
            var pos = 0;
            while (true)
            {
                pos = Lexer.SkipTrivia(Context, pos);
                if (pos >= _text.Length) break;
                if (Lexer.IsStatementEnd(_text[pos]))
                {
                    pos++;
                    continue;
                }
                if (PeekWord(pos) != "rule")
                {
                    var end = ParseFailure.ReportExpected(Context, pos, ["'rule'"]);
                    pos = Resync(end, TopLevel, stopAtBraces: false);
                    if (pos < _text.Length && _text[pos] is '}' or '｝') pos++;
                    continue;
                }
                var header = Header(new SourceInput(Context, pos));
                if (!header.WasSuccessful)
                {
                    pos = RecoverHeader(header, Items, pos);
                    continue;
                }
                _failed.Clear();
                var (items, close) = ParseBody(header.Remainder.Position, Items, "Token_RuleItem", TopLevel);
                var (keyword, id, title) = header.Value;
                rules.Add(new RuleSyntax(id, title, [.. items], TextSpan.FromBounds(keyword.Start, close)) { FailedItems = [.. _failed] });
                pos = close;
            }
            return rules.ToImmutable();
        }
    }
}
