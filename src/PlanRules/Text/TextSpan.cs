namespace PlanRules.Text;

/// <summary>A range of UTF-16 code units in a source text: <see cref="Start"/> inclusive, <see cref="End"/> exclusive.</summary>
public readonly record struct TextSpan(int Start, int Length) : IComparable<TextSpan>
{
    /// <summary>The first position after the span.</summary>
    public int End => Start + Length;

    /// <summary>Creates a span from start and end positions.</summary>
    public static TextSpan FromBounds(int start, int end) => new(start, Math.Max(0, end - start));

    /// <summary>True when <paramref name="other"/> lies entirely inside this span.</summary>
    public bool Contains(TextSpan other) => other.Start >= Start && other.End <= End;

    /// <inheritdoc/>
    public int CompareTo(TextSpan other) => Start != other.Start ? Start.CompareTo(other.Start) : Length.CompareTo(other.Length);

    /// <inheritdoc/>
    public override string ToString() => $"[{Start}..{End})";
}

/// <summary>A 1-based line and column; columns count UTF-16 code units, as Roslyn and SARIF do.</summary>
public readonly record struct LinePosition(int Line, int Column) : IComparable<LinePosition>
{
    /// <inheritdoc/>
    public int CompareTo(LinePosition other) => Line != other.Line ? Line.CompareTo(other.Line) : Column.CompareTo(other.Column);

    /// <inheritdoc/>
    public override string ToString() => $"({Line},{Column})";
}

/// <summary>The start and end of a span as 1-based line/column positions.</summary>
public readonly record struct LinePositionSpan(LinePosition Start, LinePosition End);
