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

    private static readonly Parser<Clause> ClauseParser =
        (from k in Keyword("by") from name in Name select (Clause)new ByClause(name, TextSpan.FromBounds(k.Start, name.Span.End)))
        .Or(from k in Keyword("evidence") from s in StringLiteral select (Clause)new TextClause("evidence", s, TextSpan.FromBounds(k.Start, s.Span.End)))
        .Or(from k in Keyword("note") from s in StringLiteral select (Clause)new TextClause("note", s, TextSpan.FromBounds(k.Start, s.Span.End)));

    private static readonly Parser<(DateSyntax Date, IdSyntax Task, StatusSyntax Status, IEnumerable<Clause> Clauses)> Record =
        from date in Date
        from keyword in Keyword("task")
        from task in Id
        from status in Status
        from clauses in ClauseParser.XMany()
        select (date, task, status, clauses);

    /// <summary>Parses a ledger text. Never throws for any input.</summary>
    public static LedgerFile Parse(SourceText source, ParseOptions? options = null)
    {
        var context = new ParseContext(source, options ?? ParseOptions.Default);
        var records = ImmutableArray.CreateBuilder<LedgerRecord>();
        if (source.Length > context.Options.MaxInputLength)
        {
            context.Report(DiagnosticCatalog.LimitExceeded, new TextSpan(0, 0), "PR0003_Size", source.Length, context.Options.MaxInputLength);
            return new LedgerFile(source, [], context.Diagnostics);
        }
        var text = source.Text;
        var pos = 0;
        while (true)
        {
            context.SingleLine = false;
            pos = Lexer.SkipTrivia(context, pos);
            context.SingleLine = true;
            if (pos >= text.Length) break;
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
            var record = new LedgerRecord(day, task.Value, status.Status)
            {
                Percent = status.Percent,
                Reason = status.Reason,
                Location = Location.Create(source, span),
                TaskLocation = Location.Create(source, task.Span),
                ByLocation = Location.Create(source, span),
            };
            foreach (var clause in clauses)
            {
                record = clause switch
                {
                    ByClause by => record with { By = by.Name.Value, ByLocation = Location.Create(source, by.Name.Span) },
                    TextClause { Keyword: "evidence" } e => record with { Evidence = e.Text.Value },
                    TextClause n => record with { Note = n.Text.Value },
                    _ => record,
                };
            }
            records.Add(record);
            pos = end;
        }
        return new LedgerFile(source, records.ToImmutable(), DiagnosticOrder.Sort(context.Diagnostics));
    }

    /// <summary>Parses ledger text given directly.</summary>
    public static LedgerFile Parse(string text, string path = "") => Parse(new SourceText(text, path));

    private static int NextLine(string text, int pos)
    {
        var newline = text.IndexOfAny(['\n', '\r'], Math.Min(pos, text.Length));
        return newline < 0 ? text.Length : newline + 1;
    }
}
