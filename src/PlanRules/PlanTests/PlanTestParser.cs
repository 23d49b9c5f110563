using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text;
using PlanRules.Diagnostics;
using PlanRules.Syntax;
using PlanRules.Text;
using Sprache;
using static PlanRules.Syntax.Tokens;

namespace PlanRules.PlanTests;

/// <summary>
/// Parses <c>*.plantest</c> files (same lexical style as the other languages):
/// <code>
/// test "name" {
///   plan "../plan.plan"            // or plan { inline plan text }
///   ledger "../progress.ledger"    // or ledger { inline ledger }
///   rules "../../rules"            // or rules { inline rules }
///   config "../.planrules"
///   as-of 2021-12-31
///   standard-rules off
///   ignore PR1009, GOV003
///   expect PR3001 task 33 unit 区政务服务数据管理局 message "…" count 1
///   expect none
/// }
/// </code>
/// </summary>
public static class PlanTestParser
{
    private abstract record Item(TextSpan Span);
    private sealed record SourceItem(string Kind, TestSource Source, TextSpan Span) : Item(Span);
    private sealed record AsOfItem(DateSyntax Date, TextSpan Span) : Item(Span);
    private sealed record StandardItem(bool On, TextSpan Span) : Item(Span);
    private sealed record IgnoreItem(ImmutableArray<string> Ids, TextSpan Span) : Item(Span);
    private sealed record ExpectItem(TestExpectation? Expectation, TextSpan Span) : Item(Span)
    {
        /// <summary>Parts given a second time in the expectation (<c>task 1 task 2</c>), each with its span.</summary>
        public ImmutableArray<(string Part, TextSpan Span)> Repeated { get; init; } = [];
    }

    /// <summary>A file path string, or an inline <c>{ … }</c> block whose text keeps its positions in the test file.</summary>
    private static Parser<TestSource> SourceOf(string kind) => input =>
    {
        var si = (SourceInput)input;
        var context = si.Context;
        var start = Lexer.SkipTrivia(context, si.Position);
        var text = context.Text;
        if (start < text.Length && text[start] == '{')
        {
            var end = BalancedEnd(context, start);
            if (end < 0) return Result.Failure<TestSource>(si.At(text.Length), "'}'", ["'}'"]);
            var masked = Mask(text, start + 1, end - 1);
            var source = new SourceText(masked, context.Source.Path);
            return Result.Success(new TestSource(null, source, Location.Create(context.Source, TextSpan.FromBounds(start, end))), si.At(end));
        }
        var literal = StringLiteral(input);
        return literal.WasSuccessful
            ? Result.Success(new TestSource(literal.Value.Value, null, Location.Create(context.Source, literal.Value.Span)), literal.Remainder)
            : Result.Failure<TestSource>(input, "Token_TestSource", ["Token_TestSource"]);
    };

    /// <summary>The position after the '}' matching the '{' at <paramref name="open"/>, skipping strings and comments; -1 if none.</summary>
    private static int BalancedEnd(ParseContext context, int open)
    {
        var text = context.Text;
        var depth = 0;
        var pos = open;
        while (pos < text.Length)
        {
            pos = Lexer.SkipTrivia(context, pos);
            if (pos >= text.Length) break;
            var c = text[pos];
            if (Lexer.IsOpenQuote(c))
            {
                Lexer.TryScanString(context, pos, out _, out var stringEnd);
                pos = Math.Max(stringEnd, pos + 1);
                continue;
            }
            if (c == '{') depth++;
            else if (c == '}' && --depth == 0) return pos + 1;
            pos++;
        }
        return -1;
    }

    /// <summary>The text with everything outside [start, end) blanked (line ends kept), so positions match the test file.</summary>
    private static string Mask(string text, int start, int end)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            builder.Append(i >= start && i < end || c is '\n' or '\r' ? c : ' ');
        }
        return builder.ToString();
    }

    private static readonly FrozenDictionary<string, bool> OnOff = new Dictionary<string, bool> { ["on"] = true, ["off"] = false }.ToFrozenDictionary();

    private static readonly Parser<string> RuleId = Identifier.Select(w => w.Value);

    private static readonly Parser<Item> Expect = input =>
    {
        var keyword = ItemKeyword("expect")(input);
        if (!keyword.WasSuccessful) return Result.Failure<Item>(keyword.Remainder, keyword.Message, keyword.Expectations);
        var id = Identifier(keyword.Remainder);
        if (!id.WasSuccessful) return Result.Failure<Item>(id.Remainder, "Token_RuleId", ["Token_RuleId"]);
        var context = ((SourceInput)input).Context;
        if (id.Value.Value == "none") return Result.Success<Item>(new ExpectItem(null, TextSpan.FromBounds(keyword.Value.Start, id.Value.Span.End)), id.Remainder);
        var expectation = new TestExpectation(id.Value.Value, Location.Create(context.Source, TextSpan.FromBounds(keyword.Value.Start, id.Value.Span.End)));
        var remainder = id.Remainder;
        var end = id.Value.Span.End;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var repeated = ImmutableArray.CreateBuilder<(string, TextSpan)>();
        while (true)
        {
            var word = Identifier(remainder);
            if (!word.WasSuccessful) break;
            // A part given twice used to keep the last one silently: reported when the test is built (PR0001).
            if (word.Value.Value is "task" or "unit" or "message" or "count" && !seen.Add(word.Value.Value)) repeated.Add((word.Value.Value, word.Value.Span));
            switch (word.Value.Value)
            {
                case "task":
                    var task = Id(word.Remainder);
                    if (!task.WasSuccessful) return Result.Failure<Item>(task.Remainder, "Token_Id", ["Token_Id"]);
                    expectation = expectation with { TaskId = task.Value.Value };
                    (remainder, end) = (task.Remainder, task.Value.Span.End);
                    continue;
                case "unit":
                    var unit = Name(word.Remainder);
                    if (!unit.WasSuccessful) return Result.Failure<Item>(unit.Remainder, "Token_Identifier", ["Token_Identifier"]);
                    expectation = expectation with { Unit = unit.Value.Value };
                    (remainder, end) = (unit.Remainder, unit.Value.Span.End);
                    continue;
                case "message":
                    var culture = Identifier(word.Remainder);
                    // The runner renders messages in this culture: a name .NET does not know is an error here, not a crash there.
                    if (culture.WasSuccessful && !IsKnownCulture(culture.Value.Value)) return Result.Failure<Item>(word.Remainder, "Token_Culture", ["Token_Culture"]);
                    var afterCulture = culture.WasSuccessful ? culture.Remainder : word.Remainder;
                    var message = StringLiteral(afterCulture);
                    if (!message.WasSuccessful) return Result.Failure<Item>(message.Remainder, "Token_String", ["Token_String"]);
                    expectation = expectation with { Message = message.Value.Value, MessageCulture = culture.WasSuccessful ? culture.Value.Value : "zh-CN" };
                    (remainder, end) = (message.Remainder, message.Value.Span.End);
                    continue;
                case "count":
                    var count = Integer(word.Remainder);
                    if (!count.WasSuccessful || count.Value.Value is not { } n) return Result.Failure<Item>(count.Remainder, "Token_Integer", ["Token_Integer"]);
                    expectation = expectation with { Count = n };
                    (remainder, end) = (count.Remainder, count.Value.Span.End);
                    continue;
            }
            break;
        }
        return Result.Success<Item>(new ExpectItem(expectation, TextSpan.FromBounds(keyword.Value.Start, end)) { Repeated = repeated.ToImmutable() }, remainder);
    };

    private static readonly FrozenDictionary<string, Parser<Item>> Items = new Dictionary<string, Parser<Item>>
    {
        ["plan"] = from k in ItemKeyword("plan") from s in SourceOf("plan") select (Item)new SourceItem("plan", s, TextSpan.FromBounds(k.Start, s.Location.SourceSpan.End)),
        ["ledger"] = from k in ItemKeyword("ledger") from s in SourceOf("ledger") select (Item)new SourceItem("ledger", s, TextSpan.FromBounds(k.Start, s.Location.SourceSpan.End)),
        ["rules"] = from k in ItemKeyword("rules") from s in SourceOf("rules") select (Item)new SourceItem("rules", s, TextSpan.FromBounds(k.Start, s.Location.SourceSpan.End)),
        ["config"] = from k in ItemKeyword("config") from s in StringLiteral select (Item)new SourceItem("config", new TestSource(s.Value, null, Location.None), TextSpan.FromBounds(k.Start, s.Span.End)),
        ["as-of"] = from k in ItemKeyword("as-of") from d in Date select (Item)new AsOfItem(d, TextSpan.FromBounds(k.Start, d.Span.End)),
        ["standard-rules"] =
            from k in ItemKeyword("standard-rules")
            from state in OneOfWord(OnOff, "Token_OnOff")
            select (Item)new StandardItem(state.Value, TextSpan.FromBounds(k.Start, state.Span.End)),
        ["ignore"] = from k in ItemKeyword("ignore") from ids in SeparatedList(RuleId) select (Item)new IgnoreItem([.. ids], TextSpan.FromBounds(k.Start, k.End)),
        ["expect"] = Expect,
    }.ToFrozenDictionary();

    private static readonly Parser<(TextSpan Keyword, StringSyntax Name)> Header =
        from k in Keyword("test")
        from name in StringLiteral
        from open in OpenBrace
        select (k, name);

    private static bool IsKnownCulture(string name)
    {
        try
        {
            _ = System.Globalization.CultureInfo.GetCultureInfo(name);
            return true;
        }
        catch (System.Globalization.CultureNotFoundException)
        {
            return false;
        }
    }

    /// <summary>The tests of a file and the problems found parsing it.</summary>
    public static (ImmutableArray<PlanTestCase> Tests, ImmutableArray<Diagnostic> Diagnostics) Parse(SourceText source)
    {
        var context = new ParseContext(source, ParseOptions.Default);
        var tests = new Driver(context).ParseFile();
        return (tests, DiagnosticOrder.Sort(context.Diagnostics));
    }

    private sealed class Driver(ParseContext parseContext) : BlockDriver(parseContext)
    {
        private static readonly FrozenSet<string> TopLevel = new[] { "test" }.ToFrozenSet();

        // "as-of" and "standard-rules" contain hyphens: dispatch on the whole hyphenated word.
        protected override string? PeekItemWord(int pos)
        {
            var end = Lexer.ScanHyphenWord(_text, pos);
            return end > pos ? _text[pos..end] : base.PeekItemWord(pos);
        }

        protected override int ItemWordEnd(int pos) => Math.Max(Lexer.ScanHyphenWord(_text, pos), Lexer.ScanIdentifier(_text, pos));

        public ImmutableArray<PlanTestCase> ParseFile()
        {
            var tests = ImmutableArray.CreateBuilder<PlanTestCase>();
            var pos = 0;
            while (true)
            {
                pos = Lexer.SkipTrivia(Context, pos);
                if (pos >= _text.Length) break;
                if (PeekWord(pos) != "test")
                {
                    var end = ParseFailure.ReportExpected(Context, pos, ["'test'"]);
                    pos = Resync(end, TopLevel, stopAtBraces: false);
                    if (pos < _text.Length && _text[pos] == '}') pos++;
                    continue;
                }
                var problemsBefore = Context.DiagnosticCount;
                var header = Header(new SourceInput(Context, pos));
                if (!header.WasSuccessful)
                {
                    pos = RecoverHeader(header, Items, pos);
                    continue;
                }
                var (items, close) = ParseBody(header.Remainder.Position, Items, "Token_TestItem", TopLevel);
                var (keyword, name) = header.Value;
                var test = Build(name.Value, Location.Create(Context.Source, TextSpan.FromBounds(keyword.Start, name.Span.End)), items);
                tests.Add(test with { HasSyntaxErrors = HasErrorSince(problemsBefore) });
                pos = close;
            }
            return tests.ToImmutable();
        }

        private bool HasErrorSince(int firstProblem)
        {
            for (var i = firstProblem; i < Context.DiagnosticCount; i++)
            {
                if (Context.DiagnosticAt(i).Severity == DiagnosticSeverity.Error) return true;
            }
            return false;
        }

        private PlanTestCase Build(string name, Location location, List<Item> items)
        {
            // One as-of date, one configuration, one standard-rules switch per test: a second one used to win silently.
            foreach (var group in items.Where(i => i is AsOfItem or StandardItem or SourceItem { Kind: "config" })
                         .GroupBy(i => i switch { AsOfItem => "as-of", StandardItem => "standard-rules", _ => "config" }))
            {
                foreach (var again in group.Skip(1)) Context.Report(DiagnosticCatalog.SyntaxError, again.Span, "PR0001_PlanTestItemTwice", group.Key);
            }
            // "expect none" beside an expectation cannot both hold: the test used to pass on the expectation alone.
            if (items.Any(i => i is ExpectItem { Expectation: not null }))
            {
                foreach (var none in items.OfType<ExpectItem>().Where(e => e.Expectation is null)) Context.Report(DiagnosticCatalog.SyntaxError, none.Span, "PR0001_PlanTestExpectNoneWithOthers");
            }
            foreach (var (part, span) in items.OfType<ExpectItem>().SelectMany(e => e.Repeated)) Context.Report(DiagnosticCatalog.SyntaxError, span, "PR0001_PlanTestPartTwice", part);
            // An ignored id is never compared, so an expectation of it could only fail as "missing", without saying why.
            var ignored = items.OfType<IgnoreItem>().SelectMany(i => i.Ids).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var expect in items.OfType<ExpectItem>().Where(e => e.Expectation is { } x && ignored.Contains(x.Id)))
            {
                Context.Report(DiagnosticCatalog.SyntaxError, expect.Span, "PR0001_PlanTestExpectIgnored", expect.Expectation!.Id);
            }
            var test = new PlanTestCase(name, location);
            foreach (var item in items)
            {
                test = item switch
                {
                    SourceItem { Kind: "plan" } s => test with { Plans = test.Plans.Add(s.Source) },
                    SourceItem { Kind: "ledger" } s => test with { Ledgers = test.Ledgers.Add(s.Source) },
                    SourceItem { Kind: "rules" } s => test with { Rules = test.Rules.Add(s.Source) },
                    SourceItem s => test with { Config = s.Source },
                    AsOfItem a => test with { AsOf = a.Date.Value },
                    StandardItem s => test with { StandardRules = s.On },
                    IgnoreItem i => test with { Ignore = test.Ignore.AddRange(i.Ids) },
                    ExpectItem { Expectation: null } => test with { ExpectNone = true },
                    ExpectItem e => test with { Expectations = test.Expectations.Add(e.Expectation!) },
                    _ => test,
                };
            }
            return test;
        }
    }
}
