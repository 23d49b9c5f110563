using PlanRules.Text;

namespace PlanRules.Diagnostics;

/// <summary>Where a finding points: a path, a 0-based span and its 1-based line/column range.</summary>
public sealed record Location(string Path, TextSpan SourceSpan, LinePositionSpan LineSpan)
{
    /// <summary>No location (findings about the whole run).</summary>
    public static Location None { get; } = new("", default, new LinePositionSpan(new LinePosition(0, 0), new LinePosition(0, 0)));

    /// <summary>A location in a source text.</summary>
    public static Location Create(SourceText text, TextSpan span) => new(text.Path, span, text.GetLinePositionSpan(span));

    /// <summary>True for <see cref="None"/>-like locations.</summary>
    public bool IsNone => Path.Length == 0 && LineSpan.Start.Line == 0;

    /// <summary>1-based start line.</summary>
    public int Line => LineSpan.Start.Line;

    /// <summary>1-based start column (UTF-16 code units).</summary>
    public int Column => LineSpan.Start.Column;

    /// <inheritdoc/>
    public override string ToString() => IsNone ? "(none)" : $"{Path}({Line},{Column})";
}
