using System.Collections.Immutable;
using NodaTime;
using PlanRules.Diagnostics;
using PlanRules.Text;

namespace PlanRules.PlanTests;

/// <summary>A source a test names: a file (path relative to the test file) or text written inline.</summary>
public sealed record TestSource(string? Path, SourceText? Inline, Location Location);

/// <summary>One expected finding of a <c>*.plantest</c> test.</summary>
public sealed record TestExpectation(string Id, Location Location)
{
    /// <summary>The task it must be about, if given.</summary>
    public string? TaskId { get; init; }
    /// <summary>The unit it must be about, if given.</summary>
    public string? Unit { get; init; }
    /// <summary>The exact message, if given.</summary>
    public string? Message { get; init; }
    /// <summary>The culture of <see cref="Message"/> (zh-CN unless written).</summary>
    public string MessageCulture { get; init; } = "zh-CN";
    /// <summary>How many such findings (1 unless <c>count N</c>).</summary>
    public int Count { get; init; } = 1;

    /// <summary>The expectation as an analyst writes it.</summary>
    public override string ToString()
    {
        var text = "expect " + Id;
        if (TaskId is not null) text += " task " + TaskId;
        if (Unit is not null) text += " unit " + Syntax.SyntaxFacts.FormatName(Unit);
        if (Message is not null) text += " message " + (MessageCulture == "zh-CN" ? "" : MessageCulture + " ") + Syntax.SyntaxFacts.Quote(Message);
        if (Count != 1) text += " count " + Count;
        return text;
    }
}

/// <summary>
/// One test of a <c>*.plantest</c> file: a plan (files or inline), optional ledgers, rules and
/// configuration, an as-of date, and the findings expected (or <c>expect none</c>).
/// </summary>
public sealed record PlanTestCase(string Name, Location Location)
{
    /// <summary>Plan sources.</summary>
    public ImmutableArray<TestSource> Plans { get; init; } = [];
    /// <summary>Ledger sources (<c>.ledger</c> or <c>.ledger.csv</c>).</summary>
    public ImmutableArray<TestSource> Ledgers { get; init; } = [];
    /// <summary>Rule sources.</summary>
    public ImmutableArray<TestSource> Rules { get; init; } = [];
    /// <summary>A configuration file.</summary>
    public TestSource? Config { get; init; }
    /// <summary>The as-of date (required: tests must not depend on the day they run).</summary>
    public LocalDate? AsOf { get; init; }
    /// <summary>Whether the standard rules run (default on).</summary>
    public bool StandardRules { get; init; } = true;
    /// <summary>Ids never compared.</summary>
    public ImmutableArray<string> Ignore { get; init; } = [];
    /// <summary>The expected findings.</summary>
    public ImmutableArray<TestExpectation> Expectations { get; init; } = [];
    /// <summary>True for <c>expect none</c>.</summary>
    public bool ExpectNone { get; init; }
    /// <summary>
    /// True when the test's own text has a syntax error (reported among the file's problems): what it would check is
    /// unknown, so runners do not run it; the file's syntax errors count as one failure of the file.
    /// </summary>
    public bool HasSyntaxErrors { get; init; }
}
