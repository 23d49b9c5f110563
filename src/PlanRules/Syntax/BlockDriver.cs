using System.Collections.Concurrent;
using System.Collections.Frozen;
using Sprache;

namespace PlanRules.Syntax;

/// <summary>
/// Error-recovering block parsing shared by the plan and rule grammars: items dispatched by keyword to
/// Sprache parsers, and resynchronisation at the next item keyword, '}' or declaration keyword after a
/// bad item, so one file yields every error it has.
/// </summary>
internal abstract class BlockDriver(ParseContext context)
{
    protected readonly ParseContext Context = context;
    protected readonly string _text = context.Text;

        /// <summary>
        /// After a bad block header: report it, then, if the block's '{' follows, parse its items anyway
        /// (their errors are real) and drop the node; otherwise resume at the next declaration.
        /// </summary>
        protected int RecoverHeader<THeader, TItem>(IResult<THeader> failure, FrozenDictionary<string, Parser<TItem>> items, int pos)
        {
            var errorStart = ParseFailure.Report(Context, failure);
            var next = Resync(Math.Max(errorStart, pos + 1), PlanGrammar.DeclarationKeywords, stopAtBraces: true);
            if (next < _text.Length && IsOpenBrace(_text[next]))
            {
                var (_, bodyEnd) = ParseBody(next + 1, items, "Token_TaskItem", PlanGrammar.DeclarationKeywords);
                return bodyEnd;
            }
            return next == pos ? pos + 1 : next;
        }

        /// <summary>Parses <c>item* '}'</c> with per-item recovery; returns the items and the position after '}'.</summary>
        protected (List<TItem> Items, int End) ParseBody<TItem>(
            int pos,
            FrozenDictionary<string, Parser<TItem>> dispatch,
            string expectation,
            FrozenSet<string> breakKeywords)
        {
            var items = new List<TItem>();
            while (true)
            {
                pos = Lexer.SkipTrivia(Context, pos);
                if (pos >= _text.Length)
                {
                    ParseFailure.ReportExpected(Context, pos, [expectation]);
                    return (items, pos);
                }
                var c = _text[pos];
                if (IsCloseBrace(c)) return (items, pos + 1);
                if (Lexer.IsStatementEnd(c))
                {
                    pos++;
                    continue;
                }
                var word = PeekItemWord(pos);
                if (word is not null && dispatch.TryGetValue(word, out var parser))
                {
                    var result = parser(new SourceInput(Context, pos));
                    if (result.WasSuccessful)
                    {
                        items.Add(result.Value);
                        pos = result.Remainder.Position;
                        continue;
                    }
                    var errorStart = ParseFailure.Report(Context, result);
                    ItemFailed(word);
                    pos = Resync(Math.Max(errorStart, pos + 1), StopsFor(dispatch, breakKeywords), stopAtBraces: false);
                }
                else if (word is not null && breakKeywords.Contains(word))
                {
                    // A declaration keyword inside a block: its '}' is missing. End the block here.
                    ParseFailure.ReportExpected(Context, pos, [expectation]);
                    return (items, pos);
                }
                else
                {
                    var end = ParseFailure.ReportExpected(Context, pos, [expectation]);
                    pos = Resync(end, StopsFor(dispatch, breakKeywords), stopAtBraces: false);
                }
            }
        }

        /// <summary>
        /// The keywords recovery stops at inside a block: its item keywords and the break keywords. Built when
        /// a block first has an error, once per pair of (static) tables, not once per block.
        /// </summary>
        private static FrozenSet<string> StopsFor<TItem>(FrozenDictionary<string, Parser<TItem>> dispatch, FrozenSet<string> breakKeywords) =>
            StopSets.GetOrAdd((dispatch, breakKeywords), static key =>
                ((FrozenDictionary<string, Parser<TItem>>)key.Dispatch).Keys.Concat(key.Breaks).ToFrozenSet());

        private static readonly ConcurrentDictionary<(object Dispatch, FrozenSet<string> Breaks), FrozenSet<string>> StopSets = new();

        /// <summary>
        /// Skips tokens until a keyword in <paramref name="stops"/>, a '}' (or '{' when asked), or the end.
        /// Strings and comments are skipped whole; with <paramref name="stopAtBraces"/> false, a nested
        /// '{ ... }' is skipped balanced, without recursion.
        /// </summary>
        protected int Resync(int pos, FrozenSet<string> stops, bool stopAtBraces)
        {
            while (true)
            {
                pos = Lexer.SkipTrivia(Context, pos);
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
                    Lexer.TryScanString(Context, pos, out _, out var stringEnd);
                    pos = Math.Max(stringEnd, pos + 1);
                    continue;
                }
                var end = ItemWordEnd(pos);
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
        protected int SkipBalanced(int open)
        {
            var depth = 0;
            var pos = open;
            while (pos < _text.Length)
            {
                pos = Lexer.SkipTrivia(Context, pos);
                if (pos >= _text.Length) break;
                var c = _text[pos];
                if (IsOpenBrace(c)) depth++;
                else if (IsCloseBrace(c) && --depth == 0) return pos + 1;
                else if (Lexer.IsOpenQuote(c))
                {
                    Lexer.TryScanString(Context, pos, out _, out var stringEnd);
                    pos = Math.Max(stringEnd, pos + 1);
                    continue;
                }
                pos++;
            }
            ParseFailure.ReportExpected(Context, pos, ["'}'"]);
            return pos;
        }

        /// <summary>Called when an item that starts with the keyword <paramref name="word"/> failed to parse (it was reported and left out).</summary>
        protected virtual void ItemFailed(string word)
        {
        }

        /// <summary>
        /// The end of the word at <paramref name="pos"/> as recovery reads it (languages with hyphenated keywords
        /// override this, so that recovery neither stops inside <c>standard-rules</c> at <c>rules</c> nor skips <c>as-of</c>).
        /// </summary>
        protected virtual int ItemWordEnd(int pos) => Lexer.ScanIdentifier(_text, pos);

        /// <summary>The word an item starts with (languages with hyphenated keywords override this).</summary>
        protected virtual string? PeekItemWord(int pos) => PeekWord(pos);

        protected string? PeekWord(int pos)
        {
            // Interned: the same few keywords start every item, so peeking allocates only once per distinct word.
            var end = Lexer.ScanIdentifier(_text, pos);
            return end > pos ? Context.InternWord(_text.AsSpan(pos, end - pos)) : null;
        }

        protected static bool IsOpenBrace(char c) => c is '{' or '｛';

        protected static bool IsCloseBrace(char c) => c is '}' or '｝';

}
