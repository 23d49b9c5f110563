using Sprache;

namespace PlanRules.Syntax;

/// <summary>
/// Sprache input over a <see cref="ParseContext"/>. Unlike Sprache's own <c>Input</c> it can be created at
/// any offset, so hand-written token parsers consume a whole token in one step; line and column are
/// computed on demand from the source's line table instead of being tracked per character.
/// </summary>
internal sealed class SourceInput(ParseContext context, int position) : IInput
{
    private IDictionary<object, object>? _memos;

    public ParseContext Context { get; } = context;

    public string Source => Context.Text;

    public char Current => Context.Text[Position];

    public bool AtEnd => Position >= Context.Text.Length;

    public int Position { get; } = position;

    public int Line => Context.Source.GetLinePosition(Position).Line;

    public int Column => Context.Source.GetLinePosition(Position).Column;

    public IDictionary<object, object> Memos => _memos ??= new Dictionary<object, object>();

    public IInput Advance()
    {
        if (AtEnd) throw new InvalidOperationException("The input is already at the end of the source.");
        return new SourceInput(Context, Position + 1);
    }

    public SourceInput At(int position) => position == Position ? this : new SourceInput(Context, position);

    public bool Equals(IInput? other) => other is not null && ReferenceEquals(other.Source, Source) && other.Position == Position;

    public override bool Equals(object? obj) => obj is IInput other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Source.Length, Position);

    public override string ToString() => $"Line {Line}, Column {Column}";
}
