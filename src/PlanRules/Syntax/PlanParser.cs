using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using PlanRules.Diagnostics;
using PlanRules.Text;
using Sprache;

namespace PlanRules.Syntax;

/// <summary>
/// Parses <c>*.plan</c> files. Sprache has no error recovery, so blocks are driven here: each item is
/// parsed by a Sprache parser chosen by its keyword, and after a bad item the parser resynchronises at
/// the next item keyword, <c>}</c> or declaration keyword. One file therefore yields every error it has.
/// Section nesting is bounded (PR0003) and never recurses more than the limit.
/// </summary>
public static class PlanParser
{
    /// <summary>Parses one plan file. Never throws for any input text.</summary>
    public static PlanFileSyntax Parse(SourceText source, ParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var context = new ParseContext(source, options ?? ParseOptions.Default);
        if (source.Length > context.Options.MaxInputLength)
        {
            context.Report(DiagnosticCatalog.LimitExceeded, new TextSpan(0, 0), "PR0003_Size", source.Length, context.Options.MaxInputLength);
            return new PlanFileSyntax(source, [], [], context.Diagnostics, new TextSpan(0, 0));
        }
        var driver = new Driver(context);
        var declarations = driver.ParseFile();
        return new PlanFileSyntax(source, declarations, context.Comments, context.Diagnostics, new TextSpan(0, source.Length));
    }

    /// <summary>Parses plan text given directly (tests, hosts).</summary>
    public static PlanFileSyntax Parse(string text, string path = "", ParseOptions? options = null) =>
        Parse(new SourceText(text, path), options);

    private sealed class Driver(ParseContext context)
    {
        private static readonly FrozenSet<string> SectionMembers = new[] { "section", "task" }.ToFrozenSet();
        private readonly string _text = context.Text;

        public ImmutableArray<DeclarationSyntax> ParseFile()
        {
            var declarations = new List<DeclarationSyntax>();
            var pos = 0;
            while (true)
            {
                pos = Lexer.SkipTrivia(context, pos);
                if (pos >= _text.Length) break;
                if (Lexer.IsStatementEnd(_text[pos]))
                {
                    pos++;
                    continue;
                }
                var word = PeekWord(pos);
                DeclarationSyntax? declaration;
                switch (word)
                {
                    case "plan": (declaration, pos) = ParsePlanHeader(pos); break;
                    case "unit": (declaration, pos) = ParseUnit(pos); break;
                    case "group": (declaration, pos) = ParseGroup(pos); break;
                    case "section": pos = ParseSection(pos, 1, declarations); declaration = null; break;
                    case "task": (declaration, pos) = ParseTask(pos); break;
                    default:
                        var end = ParseFailure.ReportExpected(context, pos, ["Token_Declaration"]);
                        pos = Resync(end, PlanGrammar.DeclarationKeywords, stopAtBraces: false);
                        if (pos < _text.Length && IsCloseBrace(_text[pos])) pos++;
                        declaration = null;
                        break;
                }
                if (declaration is not null) declarations.Add(declaration);
            }
            return [.. declarations];
        }

        private (DeclarationSyntax?, int) ParsePlanHeader(int pos)
        {
            var header = PlanGrammar.PlanHeader(new SourceInput(context, pos));
            if (!header.WasSuccessful) return (null, RecoverHeader(header, PlanGrammar.PlanItems, pos));
            var (items, end) = ParseBody(header.Remainder.Position, PlanGrammar.PlanItems, "Token_PlanItem", PlanGrammar.DeclarationKeywords);
            return (new PlanHeaderSyntax(header.Value.Title, [.. items], TextSpan.FromBounds(header.Value.Keyword.Start, end)), end);
        }

        private (DeclarationSyntax?, int) ParseUnit(int pos)
        {
            var header = PlanGrammar.UnitHeader(new SourceInput(context, pos));
            if (!header.WasSuccessful) return (null, RecoverHeader(header, PlanGrammar.UnitItems, pos));
            var (keyword, name, title) = header.Value;
            var afterHeader = header.Remainder.Position;
            var next = Lexer.SkipTrivia(context, afterHeader);
            if (next < _text.Length && IsOpenBrace(_text[next]))
            {
                var (items, end) = ParseBody(next + 1, PlanGrammar.UnitItems, "Token_UnitItem", PlanGrammar.DeclarationKeywords);
                return (new UnitDeclarationSyntax(name, title, [.. items], TextSpan.FromBounds(keyword.Start, end)), end);
            }
            var last = title?.Span ?? name.Span;
            return (new UnitDeclarationSyntax(name, title, [], TextSpan.FromBounds(keyword.Start, last.End)), afterHeader);
        }

        private (DeclarationSyntax?, int) ParseGroup(int pos)
        {
            var group = PlanGrammar.Group(new SourceInput(context, pos));
            if (group.WasSuccessful) return (group.Value, group.Remainder.Position);
            var errorStart = ParseFailure.Report(context, group);
            return (null, Resync(Math.Max(errorStart, pos + 1), PlanGrammar.DeclarationKeywords, stopAtBraces: false));
        }

        /// <summary>Parses a section and adds it (or, after a bad header, its tasks) to <paramref name="into"/>.</summary>
        private int ParseSection(int pos, int depth, List<DeclarationSyntax> into)
        {
            var header = PlanGrammar.SectionHeader(new SourceInput(context, pos));
            if (depth > context.Options.MaxSectionDepth || !TryEnsureStack())
            {
                var keywordEnd = pos + "section".Length;
                context.Report(DiagnosticCatalog.LimitExceeded, TextSpan.FromBounds(pos, keywordEnd), null, context.Options.MaxSectionDepth);
                var open = Resync(keywordEnd, SectionMembers, stopAtBraces: true);
                return open < _text.Length && IsOpenBrace(_text[open]) ? SkipBalanced(open) : open;
            }
            if (!header.WasSuccessful)
            {
                var errorStart = ParseFailure.Report(context, header);
                var open = Resync(Math.Max(errorStart, pos + 1), SectionMembers, stopAtBraces: true);
                if (open < _text.Length && IsOpenBrace(_text[open]))
                {
                    // Keep the tasks of a section whose header is broken: they still bind.
                    var (_, bodyEnd) = ParseSectionBody(open + 1, depth, into);
                    return bodyEnd;
                }
                return open;
            }
            var members = new List<DeclarationSyntax>();
            var (_, close) = ParseSectionBody(header.Remainder.Position, depth, members);
            var (keyword, id, title) = header.Value;
            into.Add(new SectionSyntax(id, title, [.. members], TextSpan.FromBounds(keyword.Start, close)));
            return close;
        }

        private (bool Closed, int End) ParseSectionBody(int pos, int depth, List<DeclarationSyntax> members)
        {
            while (true)
            {
                pos = Lexer.SkipTrivia(context, pos);
                if (pos >= _text.Length)
                {
                    ParseFailure.ReportExpected(context, pos, ["'}'"]);
                    return (false, pos);
                }
                var c = _text[pos];
                if (IsCloseBrace(c)) return (true, pos + 1);
                if (Lexer.IsStatementEnd(c))
                {
                    pos++;
                    continue;
                }
                var word = PeekWord(pos);
                if (word == "section")
                {
                    pos = ParseSection(pos, depth + 1, members);
                }
                else if (word == "task")
                {
                    var (task, end) = ParseTask(pos);
                    if (task is not null) members.Add(task);
                    pos = end;
                }
                else if (word is not null && PlanGrammar.DeclarationKeywords.Contains(word))
                {
                    // unit/group/plan inside a section: the section's '}' is missing.
                    ParseFailure.ReportExpected(context, pos, ["Token_SectionItem"]);
                    return (false, pos);
                }
                else
                {
                    var end = ParseFailure.ReportExpected(context, pos, ["Token_SectionItem"]);
                    pos = Resync(end, SectionMembers, stopAtBraces: false);
                }
            }
        }

        private (DeclarationSyntax?, int) ParseTask(int pos)
        {
            var header = PlanGrammar.TaskHeader(new SourceInput(context, pos));
            if (!header.WasSuccessful) return (null, RecoverHeader(header, PlanGrammar.TaskItems, pos));
            var (items, end) = ParseBody(header.Remainder.Position, PlanGrammar.TaskItems, "Token_TaskItem", PlanGrammar.DeclarationKeywords);
            var (keyword, id, title) = header.Value;
            return (new TaskSyntax(id, title, [.. items], TextSpan.FromBounds(keyword.Start, end)), end);
        }

        /// <summary>
        /// After a bad block header: report it, then, if the block's '{' follows, parse its items anyway
        /// (their errors are real) and drop the node; otherwise resume at the next declaration.
        /// </summary>
        private int RecoverHeader<THeader, TItem>(IResult<THeader> failure, FrozenDictionary<string, Parser<TItem>> items, int pos)
        {
            var errorStart = ParseFailure.Report(context, failure);
            var next = Resync(Math.Max(errorStart, pos + 1), PlanGrammar.DeclarationKeywords, stopAtBraces: true);
            if (next < _text.Length && IsOpenBrace(_text[next]))
            {
                var (_, bodyEnd) = ParseBody(next + 1, items, "Token_TaskItem", PlanGrammar.DeclarationKeywords);
                return bodyEnd;
            }
            return next == pos ? pos + 1 : next;
        }

        /// <summary>Parses <c>item* '}'</c> with per-item recovery; returns the items and the position after '}'.</summary>
        private (List<TItem> Items, int End) ParseBody<TItem>(
            int pos,
            FrozenDictionary<string, Parser<TItem>> dispatch,
            string expectation,
            FrozenSet<string> breakKeywords)
        {
            var items = new List<TItem>();
            var stops = dispatch.Keys.Concat(breakKeywords).ToFrozenSet();
            while (true)
            {
                pos = Lexer.SkipTrivia(context, pos);
                if (pos >= _text.Length)
                {
                    ParseFailure.ReportExpected(context, pos, [expectation]);
                    return (items, pos);
                }
                var c = _text[pos];
                if (IsCloseBrace(c)) return (items, pos + 1);
                if (Lexer.IsStatementEnd(c))
                {
                    pos++;
                    continue;
                }
                var word = PeekWord(pos);
                if (word is not null && dispatch.TryGetValue(word, out var parser))
                {
                    var result = parser(new SourceInput(context, pos));
                    if (result.WasSuccessful)
                    {
                        items.Add(result.Value);
                        pos = result.Remainder.Position;
                        continue;
                    }
                    var errorStart = ParseFailure.Report(context, result);
                    pos = Resync(Math.Max(errorStart, pos + 1), stops, stopAtBraces: false);
                }
                else if (word is not null && breakKeywords.Contains(word))
                {
                    // A declaration keyword inside a block: its '}' is missing. End the block here.
                    ParseFailure.ReportExpected(context, pos, [expectation]);
                    return (items, pos);
                }
                else
                {
                    var end = ParseFailure.ReportExpected(context, pos, [expectation]);
                    pos = Resync(end, stops, stopAtBraces: false);
                }
            }
        }

        /// <summary>
        /// Skips tokens until a keyword in <paramref name="stops"/>, a '}' (or '{' when asked), or the end.
        /// Strings and comments are skipped whole; with <paramref name="stopAtBraces"/> false, a nested
        /// '{ ... }' is skipped balanced, without recursion.
        /// </summary>
        private int Resync(int pos, FrozenSet<string> stops, bool stopAtBraces)
        {
            while (true)
            {
                pos = Lexer.SkipTrivia(context, pos);
                if (pos >= _text.Length) return pos;
                var c = _text[pos];
                if (IsCloseBrace(c)) return pos;
                if (IsOpenBrace(c))
                {
                    if (stopAtBraces) return pos;
                    pos = SkipBalanced(pos);
                    continue;
                }
                if (Lexer.IsOpenQuote(c))
                {
                    Lexer.TryScanString(context, pos, out _, out var stringEnd);
                    pos = Math.Max(stringEnd, pos + 1);
                    continue;
                }
                var end = Lexer.ScanIdentifier(_text, pos);
                if (end > pos)
                {
                    if (stops.Contains(_text[pos..end])) return pos;
                    pos = end;
                    continue;
                }
                pos++;
            }
        }

        /// <summary>Skips a balanced '{ ... }' starting at <paramref name="open"/>, iteratively.</summary>
        private int SkipBalanced(int open)
        {
            var depth = 0;
            var pos = open;
            while (pos < _text.Length)
            {
                pos = Lexer.SkipTrivia(context, pos);
                if (pos >= _text.Length) break;
                var c = _text[pos];
                if (IsOpenBrace(c)) depth++;
                else if (IsCloseBrace(c) && --depth == 0) return pos + 1;
                else if (Lexer.IsOpenQuote(c))
                {
                    Lexer.TryScanString(context, pos, out _, out var stringEnd);
                    pos = Math.Max(stringEnd, pos + 1);
                    continue;
                }
                pos++;
            }
            ParseFailure.ReportExpected(context, pos, ["'}'"]);
            return pos;
        }

        private string? PeekWord(int pos)
        {
            var end = Lexer.ScanIdentifier(_text, pos);
            return end > pos ? _text[pos..end] : null;
        }

        private static bool IsOpenBrace(char c) => c is '{' or '｛';

        private static bool IsCloseBrace(char c) => c is '}' or '｝';

        private static bool TryEnsureStack()
        {
            try
            {
                RuntimeHelpers.EnsureSufficientExecutionStack();
                return true;
            }
            catch (InsufficientExecutionStackException)
            {
                return false;
            }
        }
    }
}
