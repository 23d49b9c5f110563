using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using PlanRules.Diagnostics;
using PlanRules.Text;

namespace PlanRules.Testing;

/// <summary>
/// A finding a test expects. Only what is set is compared: id always; span or location index, task, unit,
/// message (per culture), arguments and severity when given.
/// </summary>
public sealed record ExpectedFinding(string Id)
{
    /// <summary>The expected 1-based span in the plan file.</summary>
    public LinePositionSpan? Span { get; init; }
    /// <summary>A <c>{|#n:…|}</c> location of the markup.</summary>
    public int? LocationIndex { get; init; }
    /// <summary>The path the finding must be in (default: the plan under test).</summary>
    public string? Path { get; init; }
    /// <summary>The task.</summary>
    public string? TaskId { get; init; }
    /// <summary>The unit.</summary>
    public string? Unit { get; init; }
    /// <summary>Messages by culture.</summary>
    public ImmutableDictionary<string, string> Messages { get; init; } = ImmutableDictionary<string, string>.Empty;
    /// <summary>The message arguments (invariant text).</summary>
    public ImmutableArray<string>? Arguments { get; init; }
    /// <summary>The severity.</summary>
    public DiagnosticSeverity? Severity { get; init; }

    /// <summary>Expects the finding at markup location <c>{|#index:…|}</c>.</summary>
    public ExpectedFinding WithLocation(int index) => this with { LocationIndex = index };
    /// <summary>Expects a 1-based span (columns in UTF-16 code units, end exclusive).</summary>
    public ExpectedFinding WithSpan(int startLine, int startColumn, int endLine, int endColumn) =>
        this with { Span = new LinePositionSpan(new LinePosition(startLine, startColumn), new LinePosition(endLine, endColumn)) };
    /// <summary>Expects the finding in another file of the test.</summary>
    public ExpectedFinding InFile(string path) => this with { Path = path };
    /// <summary>Expects the finding to be about a task.</summary>
    public ExpectedFinding ForTask(string taskId) => this with { TaskId = taskId };
    /// <summary>Expects the finding to be about a unit.</summary>
    public ExpectedFinding ForUnit(string unit) => this with { Unit = unit };
    /// <summary>Expects the message in a culture (zh-CN by default).</summary>
    public ExpectedFinding WithMessage(string message, string culture = "zh-CN") => this with { Messages = Messages.SetItem(culture, message) };
    /// <summary>Expects message arguments (compared as invariant text).</summary>
    public ExpectedFinding WithArguments(params object[] arguments) =>
        this with { Arguments = [.. arguments.Select(a => a is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : a?.ToString() ?? "")] };
    /// <summary>Expects a severity.</summary>
    public ExpectedFinding WithSeverity(DiagnosticSeverity severity) => this with { Severity = severity };

    /// <summary>The expectation as C# to paste into a test.</summary>
    public override string ToString()
    {
        var text = new StringBuilder($"PlanVerifier.Expect(\"{Id}\")");
        if (LocationIndex is { } index) text.Append($".WithLocation({index})");
        if (Span is { } s) text.Append($".WithSpan({s.Start.Line}, {s.Start.Column}, {s.End.Line}, {s.End.Column})");
        if (Path is not null) text.Append($".InFile({Quote(Path)})");
        if (TaskId is not null) text.Append($".ForTask({Quote(TaskId)})");
        if (Unit is not null) text.Append($".ForUnit({Quote(Unit)})");
        foreach (var (culture, message) in Messages.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            text.Append(culture == "zh-CN" ? $".WithMessage({Quote(message)})" : $".WithMessage({Quote(message)}, {Quote(culture)})");
        }
        if (Arguments is { } args) text.Append(".WithArguments(").Append(string.Join(", ", args.Select(Quote))).Append(')');
        if (Severity is { } severity) text.Append($".WithSeverity(DiagnosticSeverity.{severity})");
        return text.ToString();
    }

    internal static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\r", "\\r").Replace("\n", "\\n") + "\"";
}
