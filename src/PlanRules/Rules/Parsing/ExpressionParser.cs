using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using NodaTime;
using PlanRules.Diagnostics;
using PlanRules.Rules.Runtime;
using PlanRules.Rules.Syntax;
using PlanRules.Syntax;
using PlanRules.Text;
using Sprache;

namespace PlanRules.Rules.Parsing;

/// <summary>
/// The expression language, loosest first: <c>or</c>, <c>and</c>, <c>not</c>, comparison
/// (<c>== != &lt; &lt;= &gt; &gt;= in</c>), <c>+ -</c>, unary <c>-</c>, member access and calls, then
/// primaries (quantifiers, lists, parentheses, literals). Exposed as a Sprache parser so rule items
/// compose with LINQ. Operator chains are parsed by loops into flat nodes, and nesting is counted, so
/// neither a 100,000-term <c>or</c> chain nor 100,000 parentheses can overflow the stack: the first gives
/// a result, the second PR0003.
/// </summary>
internal sealed class ExpressionParser
{
    /// <summary>Marks a failure already reported as PR0003, so the item driver does not add a PR0001.</summary>
    public const string DepthExpectation = "!depth";

    private static readonly FrozenSet<string> Keywords = new[]
    {
        "or", "and", "not", "in", "any", "all", "true", "false", "none", "today", "open", "started", "done", "waived",
    }.ToFrozenSet();

    private readonly ParseContext _context;
    private readonly string _text;
    private int _pos;
    private int _depth;

    private ExpressionParser(ParseContext context, int position)
    {
        _context = context;
        _text = context.Text;
        _pos = position;
    }

    private sealed class ParseError(int position, string expectation) : Exception
    {
        public int Position { get; } = position;
        public string Expectation { get; } = expectation;
    }

    /// <summary>The Sprache parser for one expression.</summary>
    public static readonly Parser<ExpressionSyntax> Expression = input =>
    {
        var source = (SourceInput)input;
        var parser = new ExpressionParser(source.Context, source.Position);
        try
        {
            var expression = parser.ParseOr();
            return Result.Success(expression, source.At(parser._pos));
        }
        catch (ParseError error)
        {
            return Result.Failure<ExpressionSyntax>(source.At(error.Position), error.Expectation, [error.Expectation]);
        }
    };

    /// <summary>True when <paramref name="name"/> is a reserved word of expressions.</summary>
    public static bool IsKeyword(string name) => Keywords.Contains(name);

    private int Skip() => _pos = Lexer.SkipTrivia(_context, _pos);

    private bool AtOperator(string op)
    {
        Skip();
        return string.CompareOrdinal(_text, _pos, op, 0, op.Length) == 0;
    }

    private string? PeekWord()
    {
        Skip();
        var end = Lexer.ScanIdentifier(_text, _pos);
        return end > _pos ? _text[_pos..end] : null;
    }

    private TextSpan TakeWord()
    {
        var start = Skip();
        _pos = Lexer.ScanIdentifier(_text, start);
        return TextSpan.FromBounds(start, _pos);
    }

    private void Expect(string op, string display)
    {
        if (!AtOperator(op)) throw new ParseError(_pos, "'" + display + "'");
        _pos += op.Length;
    }

    private void Enter(int position)
    {
        _depth++;
        var tooDeep = _depth > _context.Options.MaxExpressionDepth;
        if (!tooDeep)
        {
            try
            {
                RuntimeHelpers.EnsureSufficientExecutionStack();
            }
            catch (InsufficientExecutionStackException)
            {
                tooDeep = true;
            }
        }
        if (tooDeep)
        {
            _context.Report(DiagnosticCatalog.LimitExceeded, new TextSpan(position, 1), null, _context.Options.MaxExpressionDepth);
            throw new ParseError(position, DepthExpectation);
        }
    }

    private void Leave() => _depth--;

    private ExpressionSyntax ParseOr() => ParseChain("or", BinaryOperator.Or, ParseAnd);

    private ExpressionSyntax ParseAnd() => ParseChain("and", BinaryOperator.And, ParseNot);

    private ExpressionSyntax ParseChain(string keyword, BinaryOperator op, Func<ExpressionSyntax> operand)
    {
        var first = operand();
        if (PeekWord() != keyword) return first;
        var operands = ImmutableArray.CreateBuilder<ExpressionSyntax>();
        var operators = ImmutableArray.CreateBuilder<BinaryOperator>();
        operands.Add(first);
        while (PeekWord() == keyword)
        {
            TakeWord();
            operators.Add(op);
            operands.Add(operand());
        }
        return new ChainSyntax(operands.ToImmutable(), operators.ToImmutable(), TextSpan.FromBounds(first.Span.Start, operands[^1].Span.End));
    }

    private ExpressionSyntax ParseNot()
    {
        var starts = new List<int>();
        while (PeekWord() == "not")
        {
            starts.Add(_pos);
            if (starts.Count > _context.Options.MaxExpressionDepth)
            {
                _context.Report(DiagnosticCatalog.LimitExceeded, new TextSpan(_pos, 3), null, _context.Options.MaxExpressionDepth);
                throw new ParseError(_pos, DepthExpectation);
            }
            TakeWord();
        }
        var operand = ParseComparison();
        for (var i = starts.Count - 1; i >= 0; i--)
        {
            operand = new UnarySyntax(UnaryOperator.Not, operand, TextSpan.FromBounds(starts[i], operand.Span.End));
        }
        return operand;
    }

    private BinaryOperator? PeekComparison(out int length)
    {
        Skip();
        length = 2;
        if (AtOperator("==")) return BinaryOperator.Equal;
        if (AtOperator("!=")) return BinaryOperator.NotEqual;
        if (AtOperator("<=")) return BinaryOperator.LessOrEqual;
        if (AtOperator(">=")) return BinaryOperator.GreaterOrEqual;
        length = 1;
        if (AtOperator("<")) return BinaryOperator.Less;
        if (AtOperator(">")) return BinaryOperator.Greater;
        length = 2;
        return PeekWord() == "in" ? BinaryOperator.In : null;
    }

    private ExpressionSyntax ParseComparison()
    {
        var left = ParseAdditive();
        if (PeekComparison(out var length) is not { } op) return left;
        var opSpan = new TextSpan(_pos, length);
        _pos += length;
        var right = ParseAdditive();
        if (PeekComparison(out _) is not null)
        {
            // a < b < c reads as a chain in mathematics but means something else in most languages: refuse it.
            throw new ParseError(_pos, "Token_EndOfExpression");
        }
        return new BinarySyntax(op, left, right, opSpan, TextSpan.FromBounds(left.Span.Start, right.Span.End));
    }

    private bool AtAdditive(out BinaryOperator op)
    {
        Skip();
        op = BinaryOperator.Add;
        if (_pos >= _text.Length) return false;
        if (_text[_pos] == '+') return true;
        op = BinaryOperator.Subtract;
        return _text[_pos] == '-';
    }

    private ExpressionSyntax ParseAdditive()
    {
        var first = ParseUnary();
        if (!AtAdditive(out _)) return first;
        var operands = ImmutableArray.CreateBuilder<ExpressionSyntax>();
        var operators = ImmutableArray.CreateBuilder<BinaryOperator>();
        operands.Add(first);
        while (AtAdditive(out var op))
        {
            _pos++;
            operators.Add(op);
            operands.Add(ParseUnary());
        }
        return new ChainSyntax(operands.ToImmutable(), operators.ToImmutable(), TextSpan.FromBounds(first.Span.Start, operands[^1].Span.End));
    }

    private ExpressionSyntax ParseUnary()
    {
        var starts = new List<int>();
        while (Skip() < _text.Length && _text[_pos] == '-')
        {
            starts.Add(_pos);
            if (starts.Count > _context.Options.MaxExpressionDepth)
            {
                _context.Report(DiagnosticCatalog.LimitExceeded, new TextSpan(_pos, 1), null, _context.Options.MaxExpressionDepth);
                throw new ParseError(_pos, DepthExpectation);
            }
            _pos++;
        }
        var operand = ParsePostfix();
        for (var i = starts.Count - 1; i >= 0; i--)
        {
            operand = new UnarySyntax(UnaryOperator.Negate, operand, TextSpan.FromBounds(starts[i], operand.Span.End));
        }
        return operand;
    }

    private ExpressionSyntax ParsePostfix()
    {
        var expression = ParsePrimary();
        var chain = 0;
        while (AtOperator(".") && !AtOperator(".."))
        {
            if (++chain > _context.Options.MaxExpressionDepth)
            {
                _context.Report(DiagnosticCatalog.LimitExceeded, new TextSpan(_pos, 1), null, _context.Options.MaxExpressionDepth);
                throw new ParseError(_pos, DepthExpectation);
            }
            _pos++;
            Skip();
            var member = TakeWord();
            if (member.Length == 0) throw new ParseError(_pos, "Token_Member");
            expression = new MemberAccessSyntax(expression, _text[member.Start..member.End], member, TextSpan.FromBounds(expression.Span.Start, member.End));
        }
        return expression;
    }

    private ExpressionSyntax ParsePrimary()
    {
        var start = Skip();
        if (start >= _text.Length) throw new ParseError(start, "Token_Expression");
        var c = _text[start];
        if (c == '(')
        {
            Enter(start);
            _pos++;
            var inner = ParseOr();
            Expect(")", ")");
            Leave();
            // The parentheses belong to the expression: its span (error spans, explanation terms) covers them.
            return inner with { Span = TextSpan.FromBounds(start, _pos) };
        }
        if (c == '[')
        {
            Enter(start);
            _pos++;
            var items = ImmutableArray.CreateBuilder<ExpressionSyntax>();
            if (!AtOperator("]"))
            {
                items.Add(ParseOr());
                while (Skip() < _text.Length && Lexer.IsListSeparator(_text[_pos]))
                {
                    _pos++;
                    items.Add(ParseOr());
                }
            }
            Expect("]", "]");
            Leave();
            return new ListSyntax(items.ToImmutable(), TextSpan.FromBounds(start, _pos));
        }
        if (Lexer.IsOpenQuote(c))
        {
            Lexer.TryScanString(_context, start, out var value, out var end);
            _pos = end;
            return new LiteralSyntax(LiteralKind.Text, value, _text[start..end], TextSpan.FromBounds(start, end));
        }
        if (char.IsAsciiDigit(c)) return ParseNumber(start);

        var word = PeekWord();
        if (word is null) throw new ParseError(start, "Token_Expression");
        switch (word)
        {
            case "true" or "false":
                TakeWord();
                return new LiteralSyntax(LiteralKind.Boolean, word == "true", word, TextSpan.FromBounds(start, _pos));
            case "none":
                TakeWord();
                return new LiteralSyntax(LiteralKind.None, null, word, TextSpan.FromBounds(start, _pos));
            case "today":
                TakeWord();
                return new LiteralSyntax(LiteralKind.Today, null, word, TextSpan.FromBounds(start, _pos));
            case "open" or "started" or "done" or "waived":
                TakeWord();
                return new LiteralSyntax(LiteralKind.Status, RuleStatusText.Parse(word), word, TextSpan.FromBounds(start, _pos));
            case "any" or "all":
                return ParseQuantifier(start, word == "all" ? QuantifierKind.All : QuantifierKind.Any);
            case "count" when IsQuantifierAhead():
                return ParseQuantifier(start, QuantifierKind.Count);
            case "not":
            {
                // `a == not b == not c …` recurses through here without parentheses: count it like nesting.
                Enter(start);
                var not = ParseNot();
                Leave();
                return not;
            }
        }
        if (Keywords.Contains(word)) throw new ParseError(start, "Token_Expression");
        var name = TakeWord();
        if (AtOperator("("))
        {
            Enter(start);
            _pos++;
            var arguments = ImmutableArray.CreateBuilder<ExpressionSyntax>();
            if (!AtOperator(")"))
            {
                arguments.Add(ParseOr());
                while (Skip() < _text.Length && Lexer.IsListSeparator(_text[_pos]))
                {
                    _pos++;
                    arguments.Add(ParseOr());
                }
            }
            Expect(")", ")");
            Leave();
            return new CallSyntax(word, name, arguments.ToImmutable(), TextSpan.FromBounds(start, _pos));
        }
        return new IdentifierSyntax(word, name);
    }

    /// <summary>True when the word at the position is followed by "NAME in" (count x in …, not count(…)).</summary>
    private bool IsQuantifierAhead()
    {
        var save = _pos;
        TakeWord();
        var variable = PeekWord();
        var result = false;
        if (variable is not null && !Keywords.Contains(variable))
        {
            TakeWord();
            result = PeekWord() == "in";
        }
        _pos = save;
        return result;
    }

    private ExpressionSyntax ParseQuantifier(int start, QuantifierKind kind)
    {
        TakeWord();
        var variable = PeekWord();
        if (variable is null || Keywords.Contains(variable)) throw new ParseError(Skip(), "Token_Identifier");
        var variableSpan = TakeWord();
        if (PeekWord() != "in") throw new ParseError(Skip(), "'in'");
        TakeWord();
        Enter(start);
        var source = ParseAdditive();
        Skip();
        if (_pos >= _text.Length || !Lexer.IsColon(_text[_pos])) throw new ParseError(_pos, "':'");
        _pos++;
        var body = ParseOr();
        Leave();
        return new QuantifierSyntax(kind, variable, variableSpan, source, body, TextSpan.FromBounds(start, body.Span.End));
    }

    private ExpressionSyntax ParseNumber(int start)
    {
        if (Lexer.TryScanDate(_context, start, out var date))
        {
            _pos = date.Span.End;
            return new LiteralSyntax(LiteralKind.Date, date.Value, date.Text, date.Span);
        }
        var end = Lexer.ScanDigits(_text, start);
        if (end + 1 < _text.Length && _text[end] == '.' && char.IsAsciiDigit(_text[end + 1]))
        {
            end = Lexer.ScanDigits(_text, end + 1);
            _pos = end;
            var text = _text[start..end];
            if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                _context.Report(DiagnosticCatalog.InvalidLiteral, TextSpan.FromBounds(start, end), "PR0002_Number", text);
            }
            return new LiteralSyntax(LiteralKind.Decimal, number, text, TextSpan.FromBounds(start, end));
        }
        var digits = _text[start..end];
        if (end < _text.Length && _text[end] is 'd' or 'w' or 'm' or 'y' && Lexer.ScanIdentifier(_text, end) == end + 1)
        {
            var unit = _text[end];
            _pos = end + 1;
            var span = TextSpan.FromBounds(start, _pos);
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
            {
                _context.Report(DiagnosticCatalog.InvalidLiteral, span, "PR0002_Number", digits + unit);
                return new LiteralSyntax(LiteralKind.Period, Period.Zero, _text[start.._pos], span);
            }
            var period = unit switch
            {
                'd' => Period.FromDays(amount),
                'w' => Period.FromWeeks(amount),
                'm' => Period.FromMonths(amount),
                _ => Period.FromYears(amount),
            };
            return new LiteralSyntax(LiteralKind.Period, period, _text[start.._pos], span);
        }
        _pos = end;
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var integer))
        {
            _context.Report(DiagnosticCatalog.InvalidLiteral, TextSpan.FromBounds(start, end), "PR0002_Number", digits);
        }
        return new LiteralSyntax(LiteralKind.Integer, integer, digits, TextSpan.FromBounds(start, end));
    }
}
