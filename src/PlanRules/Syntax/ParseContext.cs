using System.Collections.Immutable;
using PlanRules.Diagnostics;
using PlanRules.Text;

namespace PlanRules.Syntax;

/// <summary>Limits that keep hostile input from taking the host down.</summary>
public sealed record ParseOptions
{
    /// <summary>The default options.</summary>
    public static ParseOptions Default { get; } = new();

    /// <summary>Deepest section nesting accepted (the contract fixes 32).</summary>
    public int MaxSectionDepth { get; init; } = 32;

    /// <summary>Deepest expression nesting in rule files.</summary>
    public int MaxExpressionDepth { get; init; } = 256;

    /// <summary>Largest input accepted, in UTF-16 code units (PR0003 beyond).</summary>
    public int MaxInputLength { get; init; } = 32 * 1024 * 1024;

    /// <summary>
    /// Largest ledger accepted (<c>.ledger</c> and <c>.ledger.csv</c>), in UTF-16 code units (PR0003 beyond).
    /// Ledgers grow by a line a day per unit and are read a line at a time, so they may be larger than plans:
    /// 128 Mi characters is some four million records.
    /// </summary>
    public int MaxLedgerLength { get; init; } = 128 * 1024 * 1024;

    /// <summary>
    /// Most obligations a plan may create, closed groups expanded (PR0003 beyond; later tasks then owe nothing).
    /// A few hundred bytes of text can name a group of thousands on thousands of tasks: without a bound, such a
    /// plan makes millions of obligations and findings and exhausts the host's memory. 1 Mi is far above any
    /// real plan (the bundled one has about 450) and above the 100 000-task benchmark plan (about 780 000).
    /// </summary>
    public int MaxObligations { get; init; } = 1024 * 1024;
}

/// <summary>
/// Mutable state of one parse: the source, collected diagnostics (deduplicated, since Sprache may
/// try a token more than once while backtracking) and comments (recorded once, by position).
/// </summary>
internal sealed class ParseContext(SourceText source, ParseOptions options)
{
    private readonly ImmutableArray<Diagnostic>.Builder _diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
    private readonly HashSet<(string Id, int Start, int Length)> _reported = [];
    private readonly List<CommentSyntax> _comments = [];
    private int _commentWatermark = -1;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _words =
        new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    public SourceText Source { get; } = source;
    public string Text { get; } = source.Text;
    public ParseOptions Options { get; } = options;

    /// <summary>When set, trivia stops at a line end: line-oriented languages (ledgers) parse one record a line.</summary>
    public bool SingleLine { get; set; }

    /// <summary>Set on a context over derived text (see <see cref="ForDerivedText"/>): where its findings go.</summary>
    private ParseContext? _parent;
    private int[]? _map;

    /// <summary>
    /// A context over text derived from this one's (an unescaped string, whose holes are parsed): the character at
    /// index <c>k</c> of <paramref name="text"/> was written at <c>map[k]</c> .. <c>map[k + 1]</c> of this context's
    /// text (<paramref name="map"/> has one more entry than the text). Its findings are reported here, at the
    /// source span they were written at; its comments are not recorded.
    /// </summary>
    public ParseContext ForDerivedText(string text, int[] map) =>
        new(new SourceText(text, Source.Path), Options) { _parent = this, _map = map, SingleLine = SingleLine };

    public void Report(DiagnosticDescriptor descriptor, TextSpan span, string? messageKey, params object?[] args)
    {
        if (!_reported.Add((descriptor.Id, span.Start, span.Length))) return;
        if (_parent is not null)
        {
            _parent.Report(descriptor, TextSpan.FromBounds(_map![span.Start], _map[span.End]), messageKey, args);
            return;
        }
        var location = Location.Create(Source, span);
        var message = messageKey is null ? null : LocalizableString.FromResource(messageKey, args);
        _diagnostics.Add(message is null
            ? Diagnostic.Create(descriptor, location, args)
            : Diagnostic.Create(descriptor, location, message, args.Select(a => LocalizableString.RenderArgument(a, null))));
    }

    public bool HasErrorAt(int start) => _reported.Any(r => r.Start == start);

    /// <summary>How many findings were reported so far (cheap; lets a line-oriented parser tell whether a line had a problem).</summary>
    public int DiagnosticCount => _diagnostics.Count;

    /// <summary>The finding reported <paramref name="index"/>th.</summary>
    public Diagnostic DiagnosticAt(int index) => _diagnostics[index];

    /// <summary>
    /// The text of a word (a name or a keyword), shared by every occurrence of the same word in this parse:
    /// plans repeat a few dozen unit names and keywords thousands of times, so this saves one string per
    /// occurrence (and the memory a large syntax tree keeps alive).
    /// </summary>
    public string InternWord(ReadOnlySpan<char> word)
    {
        if (!_words.TryGetValue(word, out var text))
        {
            text = word.ToString();
            _words[word] = text;
        }
        return text;
    }

    /// <summary>True when a comment starting at <paramref name="start"/> (or later) has already been recorded.</summary>
    public bool IsCommentRecorded(int start) => start <= _commentWatermark;

    public void AddComment(CommentSyntax comment)
    {
        if (_parent is not null) return;
        if (comment.Span.Start <= _commentWatermark) return;
        _commentWatermark = comment.Span.Start;
        _comments.Add(comment);
    }

    public ImmutableArray<Diagnostic> Diagnostics => _diagnostics.ToImmutable();

    public ImmutableArray<CommentSyntax> Comments => [.. _comments.OrderBy(c => c.Span.Start)];
}
