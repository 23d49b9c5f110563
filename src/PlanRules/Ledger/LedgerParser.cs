using System.Collections.Immutable;
using PlanRules.Diagnostics;
using PlanRules.Syntax;
using PlanRules.Text;
using Sprache;
using static PlanRules.Syntax.Tokens;

namespace PlanRules.Ledger;

/// <summary>
/// Reads the <c>*.ledger</c> form: one record a line,
/// <c>DATE task ID STATUS (by NAME)? (evidence STRING)? (note STRING)?</c>.
/// Tokens never run past the end of a line, so a bad line is reported with its line and column and
/// skipped, and every good line still counts.
/// </summary>
public static class LedgerParser
{
    private abstract record Clause(TextSpan Span);
    private sealed record ByClause(NameSyntax Name, TextSpan Span) : Clause(Span);
    private sealed record TextClause(string Keyword, StringSyntax Text, TextSpan Span) : Clause(Span);
    private sealed record StatusSyntax(LedgerStatus Status, int? Percent, string? Reason, TextSpan Span);

    private static readonly Parser<TextSpan> Percent = Symbol("%", '%', '％');

    private static readonly Parser<StatusSyntax> Status = input =>
    {
        var word = Identifier(input);
        if (!word.WasSuccessful || LedgerStatusText.Parse(word.Value.Value) is not { } status)
        {
            return Result.Failure<StatusSyntax>(input, "Token_Status", ["Token_Status"]);
        }
        var span = word.Value.Span;
        switch (status)
        {
            case LedgerStatus.Progress:
                var number = Integer(word.Remainder);
                if (!number.WasSuccessful) return Result.Failure<StatusSyntax>(number.Remainder, "Token_Integer", number.Expectations);
                var percent = Percent(number.Remainder);
                if (!percent.WasSuccessful) return Result.Failure<StatusSyntax>(percent.Remainder, "'%'", percent.Expectations);
                if (number.Value.Value is > 100 && number.Value.Value is { } tooMuch)
                {
                    ((SourceInput)input).Context.Report(DiagnosticCatalog.InvalidLiteral, number.Value.Span, "PR0002_Percent", tooMuch);
                }
                return Result.Success(new StatusSyntax(status, number.Value.Value, null, TextSpan.FromBounds(span.Start, percent.Value.End)), percent.Remainder);
            case LedgerStatus.Waived:
                var reason = StringLiteral(word.Remainder);
                return reason.WasSuccessful
                    ? Result.Success(new StatusSyntax(status, null, reason.Value.Value, TextSpan.FromBounds(span.Start, reason.Value.Span.End)), reason.Remainder)
                    : Result.Success(new StatusSyntax(status, null, null, span), word.Remainder);
            default:
                return Result.Success(new StatusSyntax(status, null, null, span), word.Remainder);
        }
    };

    private static readonly Parser<TextSpan> TaskKeyword = Keyword("task");
    private static readonly Parser<TextSpan> ByKeyword = Keyword("by");
    private static readonly Parser<TextSpan> EvidenceKeyword = Keyword("evidence");
    private static readonly Parser<TextSpan> NoteKeyword = Keyword("note");
    private static readonly (Parser<TextSpan> Keyword, string Text)[] TextClauses = [(EvidenceKeyword, "evidence"), (NoteKeyword, "note")];

    /// <summary>
    /// <c>('by' NAME | 'evidence' STRING | 'note' STRING)</c>: null when the input does not start with one of the
    /// three keywords (no input consumed), else the clause or the failure of what follows the keyword.
    /// </summary>
    private static IResult<Clause>? ClauseAt(IInput input)
    {
        var by = ByKeyword(input);
        if (by.WasSuccessful)
        {
            var name = Name(by.Remainder);
            return name.WasSuccessful
                ? Result.Success<Clause>(new ByClause(name.Value, TextSpan.FromBounds(by.Value.Start, name.Value.Span.End)), name.Remainder)
                : Result.Failure<Clause>(name.Remainder, name.Message, name.Expectations);
        }
        foreach (var (keyword, text) in TextClauses)
        {
            var k = keyword(input);
            if (!k.WasSuccessful) continue;
            var literal = StringLiteral(k.Remainder);
            return literal.WasSuccessful
                ? Result.Success<Clause>(new TextClause(text, literal.Value, TextSpan.FromBounds(k.Value.Start, literal.Value.Span.End)), literal.Remainder)
                : Result.Failure<Clause>(literal.Remainder, literal.Message, literal.Expectations);
        }
        return null;
    }

    /// <summary>
    /// <c>DATE 'task' ID STATUS CLAUSE*</c>, written as one parser over the token parsers rather than a LINQ
    /// query: a ledger has a million lines, and the query's combinators allocated some 6 KB a line (a delegate,
    /// closure and result per step, failure unions for every clause tried). Same results and the same failures
    /// (the failing token's position and expectations) as the query.
    /// </summary>
    private static readonly Parser<(DateSyntax Date, IdSyntax Task, StatusSyntax Status, List<Clause> Clauses)> Record = input =>
    {
        var date = Date(input);
        if (!date.WasSuccessful) return Fail(date);
        var keyword = TaskKeyword(date.Remainder);
        if (!keyword.WasSuccessful) return Fail(keyword);
        var task = Id(keyword.Remainder);
        if (!task.WasSuccessful) return Fail(task);
        var status = Status(task.Remainder);
        if (!status.WasSuccessful) return Fail(status);
        var clauses = new List<Clause>(2);
        var rest = status.Remainder;
        while (ClauseAt(rest) is { } clause)
        {
            if (!clause.WasSuccessful) return Fail(clause);
            clauses.Add(clause.Value);
            rest = clause.Remainder;
        }
        return Result.Success((date.Value, task.Value, status.Value, clauses), rest);
    };

    private static IResult<(DateSyntax, IdSyntax, StatusSyntax, List<Clause>)> Fail<T>(IResult<T> failure) =>
        Result.Failure<(DateSyntax, IdSyntax, StatusSyntax, List<Clause>)>(failure.Remainder, failure.Message, failure.Expectations);

    /// <summary>Parses a ledger text. Never throws for any input.</summary>
    public static LedgerFile Parse(SourceText source, ParseOptions? options = null)
    {
        var context = new ParseContext(source, options ?? ParseOptions.Default);
        var records = ImmutableArray.CreateBuilder<LedgerRecord>();
        records.AddRange(Read(source, context));
        return new LedgerFile(source, records.ToImmutable(), DiagnosticOrder.Sort(context.Diagnostics));
    }

    /// <summary>
    /// The records of a ledger text as they are parsed, for a reader that evaluates them as it goes (no record
    /// outlives its use). Findings about the text go to <paramref name="report"/> as they are found; all have
    /// been reported when the enumeration ends. Never throws for any input.
    /// </summary>
    internal static IEnumerable<LedgerRecord> Stream(SourceText source, ParseOptions? options, Action<Diagnostic> report)
    {
        var context = new ParseContext(source, options ?? ParseOptions.Default);
        var reported = 0;
        foreach (var record in Read(source, context))
        {
            for (; reported < context.DiagnosticCount; reported++) report(context.DiagnosticAt(reported));
            yield return record;
        }
        for (; reported < context.DiagnosticCount; reported++) report(context.DiagnosticAt(reported));
    }

    private static IEnumerable<LedgerRecord> Read(SourceText source, ParseContext context)
    {
        if (source.Length > context.Options.MaxLedgerLength)
        {
            context.Report(DiagnosticCatalog.LimitExceeded, new TextSpan(0, 0), "PR0003_Size", source.Length, context.Options.MaxLedgerLength);
            yield break;
        }
        var order = 0;
        var text = source.Text;
        var pos = 0;
        var badLines = InvalidUtf8Lines.Report(source, (start, length, key, args) => context.Report(DiagnosticCatalog.SyntaxError, new TextSpan(start, length), key, args));
        while (true)
        {
            context.SingleLine = false;
            pos = Lexer.SkipTrivia(context, pos);
            context.SingleLine = true;
            if (pos >= text.Length) break;
            if (badLines.Count > 0 && badLines.Contains(source.GetLinePosition(pos).Line))
            {
                pos = NextLine(text, pos);
                continue;
            }
            if (Lexer.IsStatementEnd(text[pos]))
            {
                pos++;
                continue;
            }
            var reportedBefore = context.DiagnosticCount;
            var result = Record(new SourceInput(context, pos));
            if (!result.WasSuccessful)
            {
                var at = result.Remainder.Position == pos ? pos : result.Remainder.Position;
                ParseFailure.ReportExpected(context, at, at == pos ? ["Token_Record"] : result.Expectations);
                pos = NextLine(text, Lexer.SkipTrivia(context, at));
                continue;
            }
            var end = Lexer.SkipTrivia(context, result.Remainder.Position);
            if (end < text.Length && Lexer.IsStatementEnd(text[end])) end = Lexer.SkipTrivia(context, end + 1);
            if (end < text.Length && text[end] is not ('\n' or '\r'))
            {
                ParseFailure.ReportExpected(context, end, ["Token_LedgerClause"]);
                pos = NextLine(text, end);
                continue;
            }
            var (date, task, status, clauses) = result.Value;
            if (date.Value is not { } day || context.DiagnosticCount != reportedBefore)
            {
                // An invalid literal on the line (impossible date, percentage over 100, number too large,
                // unterminated string) was already reported: the line is skipped, like any bad line.
                pos = end;
                continue;
            }
            var span = TextSpan.FromBounds(date.Span.Start, result.Remainder.Position);
            string? by = null, evidence = null, note = null;
            var byLocation = (TextSpan?)null;
            foreach (var clause in clauses)
            {
                switch (clause)
                {
                    case ByClause b:
                        by = b.Name.Value;
                        byLocation = b.Name.Span;
                        break;
                    case TextClause { Keyword: "evidence" } e:
                        evidence = e.Text.Value;
                        break;
                    case TextClause n:
                        note = n.Text.Value;
                        break;
                }
            }
            var record = new LedgerRecord(day, task.Value, status.Status)
            {
                Order = order++,
                Percent = status.Percent,
                Reason = status.Reason,
                By = by,
                Evidence = evidence,
                Note = note,
            }.WrittenAt(source, span, task.Span, byLocation ?? span);
            pos = end;
            yield return record;
        }
    }

    /// <summary>Parses ledger text given directly.</summary>
    public static LedgerFile Parse(string text, string path = "") => Parse(new SourceText(text, path));

    private static int NextLine(string text, int pos)
    {
        var newline = text.IndexOfAny(['\n', '\r'], Math.Min(pos, text.Length));
        return newline < 0 ? text.Length : newline + 1;
    }
}
