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

    private sealed class Driver(ParseContext parseContext) : BlockDriver(parseContext)
    {
        private static readonly FrozenSet<string> SectionMembers = new[] { "section", "task" }.ToFrozenSet();

        public ImmutableArray<DeclarationSyntax> ParseFile()
        {
            var declarations = new List<DeclarationSyntax>();
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
                        var end = ParseFailure.ReportExpected(Context, pos, ["Token_Declaration"]);
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
            var header = PlanGrammar.PlanHeader(new SourceInput(Context, pos));
            if (!header.WasSuccessful) return (null, RecoverHeader(header, PlanGrammar.PlanItems, pos));
            var (items, end) = ParseBody(header.Remainder.Position, PlanGrammar.PlanItems, "Token_PlanItem", PlanGrammar.DeclarationKeywords);
            return (new PlanHeaderSyntax(header.Value.Title, [.. items], TextSpan.FromBounds(header.Value.Keyword.Start, end)), end);
        }

        private (DeclarationSyntax?, int) ParseUnit(int pos)
        {
            var header = PlanGrammar.UnitHeader(new SourceInput(Context, pos));
            if (!header.WasSuccessful) return (null, RecoverHeader(header, PlanGrammar.UnitItems, pos));
            var (keyword, name, title) = header.Value;
            var afterHeader = header.Remainder.Position;
            var next = Lexer.SkipTrivia(Context, afterHeader);
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
            var group = PlanGrammar.Group(new SourceInput(Context, pos));
            if (group.WasSuccessful) return (group.Value, group.Remainder.Position);
            var errorStart = ParseFailure.Report(Context, group);
            return (null, Resync(Math.Max(errorStart, pos + 1), PlanGrammar.DeclarationKeywords, stopAtBraces: false));
        }

        /// <summary>Parses a section and adds it (or, after a bad header, its tasks) to <paramref name="into"/>.</summary>
        private int ParseSection(int pos, int depth, List<DeclarationSyntax> into)
        {
            var header = PlanGrammar.SectionHeader(new SourceInput(Context, pos));
            if (depth > Context.Options.MaxSectionDepth || !TryEnsureStack())
            {
                var keywordEnd = pos + "section".Length;
                Context.Report(DiagnosticCatalog.LimitExceeded, TextSpan.FromBounds(pos, keywordEnd), null, Context.Options.MaxSectionDepth);
                var open = Resync(keywordEnd, SectionMembers, stopAtBraces: true);
                return open < _text.Length && IsOpenBrace(_text[open]) ? SkipBalanced(open) : open;
            }
            if (!header.WasSuccessful)
            {
                var errorStart = ParseFailure.Report(Context, header);
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
                pos = Lexer.SkipTrivia(Context, pos);
                if (pos >= _text.Length)
                {
                    ParseFailure.ReportExpected(Context, pos, ["'}'"]);
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
                    ParseFailure.ReportExpected(Context, pos, ["Token_SectionItem"]);
                    return (false, pos);
                }
                else
                {
                    var end = ParseFailure.ReportExpected(Context, pos, ["Token_SectionItem"]);
                    pos = Resync(end, SectionMembers, stopAtBraces: false);
                }
            }
        }

        private (DeclarationSyntax?, int) ParseTask(int pos)
        {
            var header = PlanGrammar.TaskHeader(new SourceInput(Context, pos));
            if (!header.WasSuccessful) return (null, RecoverHeader(header, PlanGrammar.TaskItems, pos));
            var (items, end) = ParseBody(header.Remainder.Position, PlanGrammar.TaskItems, "Token_TaskItem", PlanGrammar.DeclarationKeywords);
            var (keyword, id, title) = header.Value;
            return (new TaskSyntax(id, title, [.. items], TextSpan.FromBounds(keyword.Start, end)), end);
        }

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
