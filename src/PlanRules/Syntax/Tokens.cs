using System.Globalization;
using PlanRules.Diagnostics;
using PlanRules.Text;
using Sprache;

namespace PlanRules.Syntax;

using PlanRules.Syntax.Query; // allocation-lean query operators, preferred over Sprache's (see ParserQuery)

/// <summary>An identifier token: its text and span.</summary>
internal readonly record struct Word(string Value, TextSpan Span);

/// <summary>
/// Hand-written Sprache token parsers. Each skips leading trivia, then consumes a whole token in one
/// step (idiomatic character-by-character Sprache reaches only a few MB/s). Failures carry resource
/// keys as expectations; <see cref="ParseFailure"/> localizes them. They never use <c>Parse.Regex</c>,
/// which copies the rest of the input on every call.
/// </summary>
internal static class Tokens
{
    private static SourceInput In(IInput input) => (SourceInput)input;

    private static readonly string[] IdentifierExpected = ["Token_Identifier"];
    private static readonly string[] IdExpected = ["Token_Id"];
    private static readonly string[] StringExpected = ["Token_String"];
    private static readonly string[] DateExpected = ["Token_Date"];
    private static readonly string[] IntegerExpected = ["Token_Integer"];

    /// <summary>A failure whose expectation list is built once per parser, not once per failure.</summary>
    private static IResult<T> Fail<T>(IInput input, string[] expectations) =>
        Result.Failure<T>(input, expectations[0], expectations);

    /// <summary>An identifier.</summary>
    public static readonly Parser<Word> Identifier = input =>
    {
        var si = In(input);
        var start = Lexer.SkipTrivia(si.Context, si.Position);
        var end = Lexer.ScanIdentifier(si.Context.Text, start);
        return end == start
            ? Fail<Word>(input, IdentifierExpected)
            : Result.Success(new Word(si.Context.Text[start..end], TextSpan.FromBounds(start, end)), si.At(end));
    };

    /// <summary>A name: an identifier or a string.</summary>
    public static readonly Parser<NameSyntax> Name = input =>
    {
        var si = In(input);
        var context = si.Context;
        var start = Lexer.SkipTrivia(context, si.Position);
        if (Lexer.TryScanString(context, start, out var value, out var stringEnd))
        {
            return Result.Success(new NameSyntax(value, true, TextSpan.FromBounds(start, stringEnd)), si.At(stringEnd));
        }
        var end = Lexer.ScanIdentifier(context.Text, start);
        return end == start
            ? Fail<NameSyntax>(input, IdentifierExpected)
            : Result.Success(new NameSyntax(context.InternWord(context.Text.AsSpan(start, end - start)), false, TextSpan.FromBounds(start, end)), si.At(end));
    };

    /// <summary>A task or section id: an identifier or digits with dots (interned: a ledger repeats them on every line).</summary>
    public static readonly Parser<IdSyntax> Id = input =>
    {
        var si = In(input);
        var text = si.Context.Text;
        var start = Lexer.SkipTrivia(si.Context, si.Position);
        var end = Lexer.ScanIdentifier(text, start);
        if (end == start) end = Lexer.ScanNumericId(text, start);
        return end == start
            ? Fail<IdSyntax>(input, IdExpected)
            : Result.Success(new IdSyntax(si.Context.InternWord(text.AsSpan(start, end - start)), TextSpan.FromBounds(start, end)), si.At(end));
    };

    /// <summary>A string literal in either quote style.</summary>
    public static readonly Parser<StringSyntax> StringLiteral = input =>
    {
        var si = In(input);
        var start = Lexer.SkipTrivia(si.Context, si.Position);
        return Lexer.TryScanString(si.Context, start, out var value, out var end)
            ? Result.Success(new StringSyntax(value, TextSpan.FromBounds(start, end)), si.At(end))
            : Fail<StringSyntax>(input, StringExpected);
    };

    /// <summary>A date in ISO or Chinese form.</summary>
    public static readonly Parser<DateSyntax> Date = input =>
    {
        var si = In(input);
        var start = Lexer.SkipTrivia(si.Context, si.Position);
        return Lexer.TryScanDate(si.Context, start, out var date)
            ? Result.Success(date, si.At(date.Span.End))
            : Fail<DateSyntax>(input, DateExpected);
    };

    /// <summary>A non-negative integer; overflow is PR0002 with a null value.</summary>
    public static readonly Parser<IntegerSyntax> Integer = input =>
    {
        var si = In(input);
        var text = si.Context.Text;
        var start = Lexer.SkipTrivia(si.Context, si.Position);
        var end = Lexer.ScanDigits(text, start);
        if (end == start) return Fail<IntegerSyntax>(input, IntegerExpected);
        var span = TextSpan.FromBounds(start, end);
        int? value = int.TryParse(text.AsSpan(start, end - start), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
        if (value is null) si.Context.Report(DiagnosticCatalog.InvalidLiteral, span, "PR0002_Number", text[start..end]);
        return Result.Success(new IntegerSyntax(value, text[start..end], span), si.At(end));
    };

    /// <summary>A word of letters and inner hyphens, such as <c>half-year</c>.</summary>
    public static readonly Parser<Word> HyphenWord = input =>
    {
        var si = In(input);
        var start = Lexer.SkipTrivia(si.Context, si.Position);
        var end = Lexer.ScanHyphenWord(si.Context.Text, start);
        return end == start
            ? Fail<Word>(input, IdentifierExpected)
            : Result.Success(new Word(si.Context.Text[start..end], TextSpan.FromBounds(start, end)), si.At(end));
    };

    /// <summary>A keyword: an identifier (or hyphenated word) equal to <paramref name="keyword"/>.</summary>
    public static Parser<TextSpan> Keyword(string keyword)
    {
        // Compares the scanned word in place: a keyword check allocates nothing, whether it matches or not.
        var hyphenated = keyword.Contains('-');
        string[] expectations = ["'" + keyword + "'"];
        return input =>
        {
            var si = In(input);
            var text = si.Context.Text;
            var start = Lexer.SkipTrivia(si.Context, si.Position);
            var end = hyphenated ? Lexer.ScanHyphenWord(text, start) : Lexer.ScanIdentifier(text, start);
            return end > start && text.AsSpan(start, end - start).SequenceEqual(keyword)
                ? Result.Success(TextSpan.FromBounds(start, end), si.At(end))
                : Fail<TextSpan>(input, expectations);
        };
    }

    /// <summary>One punctuation character out of several equivalent forms (ASCII and Chinese).</summary>
    public static Parser<TextSpan> Symbol(string display, params char[] forms)
    {
        string[] expectations = ["'" + display + "'"];
        return input =>
        {
            var si = In(input);
            var start = Lexer.SkipTrivia(si.Context, si.Position);
            return start < si.Context.Text.Length && Array.IndexOf(forms, si.Context.Text[start]) >= 0
                ? Result.Success(new TextSpan(start, 1), si.At(start + 1))
                : Fail<TextSpan>(input, expectations);
        };
    }

    /// <summary>A fixed punctuation string such as <c>..</c>.</summary>
    public static Parser<TextSpan> Symbol(string literal)
    {
        string[] expectations = ["'" + literal + "'"];
        return input =>
        {
            var si = In(input);
            var start = Lexer.SkipTrivia(si.Context, si.Position);
            return string.CompareOrdinal(si.Context.Text, start, literal, 0, literal.Length) == 0
                ? Result.Success(new TextSpan(start, literal.Length), si.At(start + literal.Length))
                : Fail<TextSpan>(input, expectations);
        };
    }

    public static readonly Parser<TextSpan> OpenBrace = Symbol("{", '{', '｛');
    public static readonly Parser<TextSpan> CloseBrace = Symbol("}", '}', '｝');
    public static readonly Parser<TextSpan> ListSeparator = Symbol(",", ',', '、', '，');
    public static readonly Parser<TextSpan> StatementEnd = Symbol(";", ';', '；');
    public static readonly Parser<TextSpan> Colon = Symbol(":", ':', '：');
    public static readonly Parser<TextSpan> EqualsSign = Symbol("=", '=', '＝');
    public static readonly Parser<TextSpan> RangeDots = Symbol("..");

    /// <summary>
    /// <c>item (SEP item)*</c>. A separator followed by something that is not an item fails at that
    /// point (XMany), so "lead A, }" reports the missing name, not a confusing error later.
    /// </summary>
    public static Parser<List<T>> SeparatedList<T>(Parser<T> item)
    {
        // Built once per list parser: a sub-parser built inside the query would be rebuilt on every parse.
        var rest = ListSeparator.Then(_ => item).XMany();
        return from first in item
               from others in rest
               select Prepend(first, others);
    }

    private static List<T> Prepend<T>(T first, IEnumerable<T> rest)
    {
        var list = new List<T>(rest is ICollection<T> c ? c.Count + 1 : 4) { first };
        list.AddRange(rest);
        return list;
    }

    private static readonly Parser<IOption<TextSpan>> OptionalColon = Colon.Optional();

    /// <summary>One of a few words (an identifier looked up in <paramref name="words"/>); else a failure at the word, expecting <paramref name="expectation"/>.</summary>
    public static Parser<T> OneOf<T>(System.Collections.Frozen.FrozenDictionary<string, T> words, string expectation) =>
        OneOfWord(words, expectation).Select(w => w.Value);

    /// <summary><see cref="OneOf{T}"/> with the word's span.</summary>
    public static Parser<(T Value, TextSpan Span)> OneOfWord<T>(System.Collections.Frozen.FrozenDictionary<string, T> words, string expectation) => input =>
    {
        var word = Identifier(input);
        return word.WasSuccessful && words.TryGetValue(word.Value.Value, out var value)
            ? Result.Success((value, word.Value.Span), word.Remainder)
            : Result.Failure<(T, TextSpan)>(input, expectation, [expectation]);
    };

    /// <summary>A keyword with the optional item colon after it.</summary>
    public static Parser<TextSpan> ItemKeyword(string keyword) =>
        from span in Keyword(keyword)
        from colon in OptionalColon
        select span;
}
