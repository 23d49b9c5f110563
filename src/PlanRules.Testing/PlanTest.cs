using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using NodaTime;
using PlanRules.Analysis;
using PlanRules.Configuration;
using PlanRules.Diagnostics;
using PlanRules.Rules;
using PlanRules.Rules.Runtime;
using PlanRules.Text;

namespace PlanRules.Testing;

/// <summary>A verification failure; the message lists expected and actual findings, the actual ones ready to paste.</summary>
public sealed class PlanVerificationException(string message) : Exception(message);

/// <summary>
/// A full policy test, modelled on Microsoft.CodeAnalysis.Testing: a plan with markup, optional rules, ledger,
/// configuration, analyzers and functions, an as-of date, and the findings expected. Compared: every
/// unsuppressed finding of severity warning or error, plus info findings whose id the test expects.
/// </summary>
public sealed class PlanTest
{
    /// <summary>The plan text with markup.</summary>
    public string Plan { get; set; } = "";
    /// <summary>The plan's path in findings.</summary>
    public string PlanPath { get; set; } = "test.plan";
    /// <summary>Rule texts under test.</summary>
    public List<string> Rules { get; } = [];
    /// <summary>A ledger in the DSL form.</summary>
    public string? Ledger { get; set; }
    /// <summary>A ledger in the CSV form.</summary>
    public string? LedgerCsv { get; set; }
    /// <summary>The as-of date (default 2021-12-31).</summary>
    public LocalDate AsOf { get; set; } = new(2021, 12, 31);
    /// <summary>A <c>.planrules</c> text applied to every file of the test.</summary>
    public string? Config { get; set; }
    /// <summary>Whether the standard rules run (default false: a test sees only what it is about).</summary>
    public bool UseStandardRules { get; set; }
    /// <summary>Host functions for the rules.</summary>
    public List<RuleFunction> Functions { get; } = [];
    /// <summary>Host analyzers.</summary>
    public List<PlanAnalyzer> Analyzers { get; } = [];
    /// <summary>Ids never compared.</summary>
    public HashSet<string> IgnoredIds { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>The findings expected besides those the markup states.</summary>
    public List<ExpectedFinding> ExpectedFindings { get; } = [];

    /// <summary>Runs the test; throws <see cref="PlanVerificationException"/> on any mismatch.</summary>
    public Task RunAsync()
    {
        Run();
        return Task.CompletedTask;
    }

    /// <summary>Runs the check and returns the result without comparing (for tests that assert by hand).</summary>
    public CheckResult Check() => Check(PlanMarkup.Parse(Plan).Text, CompileRules());

    /// <summary>The rule sets of the test, compiled once with its host functions (for the check and the known ids).</summary>
    private ImmutableArray<RuleSet> CompileRules()
    {
        var ruleSets = ImmutableArray.CreateBuilder<RuleSet>();
        if (UseStandardRules) ruleSets.Add(Functions.Count == 0 ? StandardRules.Compiled : RuleSet.Compile(StandardRules.Sources, Functions));
        if (Rules.Count > 0) ruleSets.Add(RuleSet.Compile(Rules.Select((r, i) => new SourceText(r, Rules.Count == 1 ? "test.rules" : $"test{i}.rules")), Functions));
        return ruleSets.ToImmutable();
    }

    private CheckResult Check(string planText, ImmutableArray<RuleSet> ruleSets)
    {
        var baseDirectory = AppContext.BaseDirectory;
        var config = Config is null
            ? ConfigSet.Empty
            : new ConfigSet([ConfigParser.Parse(new SourceText(Config, ".planrules"), baseDirectory) with { IsExplicit = true }]);
        return new PlanChecker(NodaTime.SystemClock.Instance).Check(new CheckRequest
        {
            Plans = [new SourceText(planText, PlanPath)],
            Ledgers = Ledger is null ? [] : [new SourceText(Ledger, "test.ledger")],
            LedgerCsvs = LedgerCsv is null ? [] : [new SourceText(LedgerCsv, "test.ledger.csv")],
            RuleSets = ruleSets,
            Analyzers = [.. Analyzers],
            AsOf = AsOf,
            Config = config,
            BaseDirectory = baseDirectory,
        });
    }

    private void Run()
    {
        var (text, spans) = PlanMarkup.Parse(Plan);
        var source = new SourceText(text, PlanPath);
        var ruleSets = CompileRules();
        var result = Check(text, ruleSets);
        var known = PlanRules.PlanTests.ExpectationMatcher.KnownIds(result, ruleSets, Analyzers);
        var expected = new List<ExpectedFinding>();
        ExpectedFinding? single = null;
        foreach (var span in spans)
        {
            if (span.LocationIndex is not null) continue;
            var lineSpan = source.GetLinePositionSpan(span.Span);
            if (span.Id is null)
            {
                single = new ExpectedFinding("*") { Span = lineSpan };
                expected.Add(single);
                continue;
            }
            if (!known.Contains(span.Id))
            {
                throw new PlanVerificationException(
                    $"Markup key '{span.Id}' is not a finding id known to this test (library ids, the test's rules and analyzers). " +
                    "Use {|ID:…|} with a real id, {|#n:…|} for a location, or [|…|] for the single expected finding.");
            }
            expected.Add(new ExpectedFinding(span.Id) { Span = lineSpan });
        }
        foreach (var finding in ExpectedFindings)
        {
            if (finding.LocationIndex is { } index)
            {
                var marked = spans.FirstOrDefault(s => s.LocationIndex == index)
                    ?? throw new PlanVerificationException($"Expectation {finding} refers to location #{index}, but the markup has no {{|#{index}:…|}}.");
                expected.Add(finding with { Span = source.GetLinePositionSpan(marked.Span), LocationIndex = null });
            }
            else
            {
                expected.Add(finding);
            }
        }
        if (single is not null && expected.Count > 1)
        {
            throw new PlanVerificationException("[|…|] marks the single expected finding; this test expects more than one. Use {|ID:…|} markers instead.");
        }

        var expectedIds = expected.Select(e => e.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var actual = result.Diagnostics
            .Where(d => !d.IsSuppressed && d.Severity != DiagnosticSeverity.Hidden && !IgnoredIds.Contains(d.Id))
            .Where(d => d.Severity >= DiagnosticSeverity.Warning || expectedIds.Contains(d.Id) || single is not null && d.Severity >= DiagnosticSeverity.Info)
            .ToList();
        var (matched, owner) = PlanRules.PlanTests.ExpectationMatcher.Match(expected, _ => 1, actual, Matches);
        var missing = expected.Where((_, i) => matched[i] == 0).ToList();
        var unmatched = actual.Where((_, i) => owner[i] < 0).ToList();
        if (missing.Count == 0 && unmatched.Count == 0) return;
        throw new PlanVerificationException(Describe(expected, actual, missing, unmatched, known));
    }

    private bool Matches(ExpectedFinding expected, Diagnostic actual) =>
        (expected.Id == "*" || string.Equals(expected.Id, actual.Id, StringComparison.OrdinalIgnoreCase))
        && (expected.Span is not { } span || (actual.Location.LineSpan == span && actual.Location.Path == (expected.Path ?? PlanPath)))
        && (expected.Path is null || actual.Location.Path == expected.Path)
        && (expected.TaskId is null || expected.TaskId == actual.TaskId)
        && (expected.Unit is null || expected.Unit == actual.Unit)
        && expected.Messages.All(m => m.Value == actual.GetMessage(CultureInfo.GetCultureInfo(m.Key)))
        && (expected.Arguments is not { } args || args.SequenceEqual(actual.Arguments))
        && (expected.Severity is not { } severity || severity == actual.Severity);

    /// <summary>The finding as the expectation that would match it.</summary>
    public static ExpectedFinding AsExpectation(Diagnostic diagnostic, string planPath) => new(diagnostic.Id)
    {
        Span = diagnostic.Location.IsNone ? null : diagnostic.Location.LineSpan,
        Path = diagnostic.Location.IsNone || diagnostic.Location.Path == planPath ? null : diagnostic.Location.Path,
        TaskId = diagnostic.TaskId,
        Unit = diagnostic.Unit,
    };

    private string Describe(List<ExpectedFinding> expected, List<Diagnostic> actual, List<ExpectedFinding> missing, List<Diagnostic> unexpected, HashSet<string> known)
    {
        var zh = CultureInfo.GetCultureInfo("zh-CN");
        var text = new StringBuilder("PlanRules verification failed.\n");
        foreach (var m in missing)
        {
            text.Append("Missing finding: ").Append(m.Id == "*" ? $"[|…|] at {Format(m.Span)}" : m.ToString()).Append('\n');
            if (m.Id != "*" && !known.Contains(m.Id))
            {
                text.Append($"  (unknown id: {m.Id} is neither a library id nor declared by the test's rules or analyzers; a typo?)\n");
            }
            var sameId = actual.FirstOrDefault(a => a.Id == m.Id && m.Span is not null && a.Location.LineSpan != m.Span);
            if (sameId is not null) text.Append($"  (wrong span? an actual {sameId.Id} is at {Format(sameId.Location.LineSpan)})\n");
            var sameSpan = actual.FirstOrDefault(a => m.Span is not null && a.Location.LineSpan == m.Span && a.Id != m.Id);
            if (sameSpan is not null && m.Id != "*") text.Append($"  (wrong id? the finding at that span is {sameSpan.Id})\n");
            // Same id (and span, when expected): say which of the other expected parts differ, with the actual values.
            var close = actual
                .Where(a => m.Id != "*" && string.Equals(a.Id, m.Id, StringComparison.OrdinalIgnoreCase) && (m.Span is null || a.Location.LineSpan == m.Span))
                .Select(a => (Actual: a, Differences: Differences(m, a)))
                .Where(c => c.Differences.Count > 0)
                .OrderBy(c => c.Differences.Count)
                .Take(3);
            foreach (var (a, differences) in close)
            {
                text.Append($"  (the actual {a.Id} at {Format(a.Location.LineSpan)} differs: {string.Join("; ", differences)})\n");
            }
        }
        foreach (var u in unexpected)
        {
            text.Append($"Unexpected finding: {u.Id} {u.Location.Path}{Format(u.Location.LineSpan)}: {u.GetMessage(zh)}\n");
        }
        text.Append($"\nExpected ({expected.Count}):\n");
        foreach (var e in expected) text.Append("  ").Append(e.Id == "*" ? $"[|…|] at {Format(e.Span)}" : e.ToString()).Append('\n');
        text.Append($"Actual ({actual.Count}):\n");
        foreach (var a in actual) text.Append($"  {a.Id} {a.Location.Path}{Format(a.Location.LineSpan)}: {a.GetMessage(zh)}\n");
        text.Append("\nActual findings as expectations (paste into the test):\n");
        foreach (var a in actual) text.Append("  ").Append(AsExpectation(a, PlanPath)).Append(",\n");
        return text.ToString();
    }

    /// <summary>The expected parts (other than the span) that <paramref name="actual"/> does not have, each with its actual value.</summary>
    private List<string> Differences(ExpectedFinding expected, Diagnostic actual)
    {
        static string Text(string? value) => value is null ? "none" : ExpectedFinding.Quote(value);
        static string List(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(ExpectedFinding.Quote)) + "]";
        var differences = new List<string>();
        var path = expected.Path ?? (expected.Span is null ? null : PlanPath);
        if (path is not null && actual.Location.Path != path) differences.Add($"path is {Text(actual.Location.Path)}, not {Text(path)}");
        if (expected.TaskId is not null && expected.TaskId != actual.TaskId) differences.Add($"task is {Text(actual.TaskId)}, not {Text(expected.TaskId)}");
        if (expected.Unit is not null && expected.Unit != actual.Unit) differences.Add($"unit is {Text(actual.Unit)}, not {Text(expected.Unit)}");
        foreach (var (culture, message) in expected.Messages.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            var actualMessage = actual.GetMessage(CultureInfo.GetCultureInfo(culture));
            if (actualMessage != message) differences.Add($"{culture} message is {Text(actualMessage)}, not {Text(message)}");
        }
        if (expected.Arguments is { } args && !args.SequenceEqual(actual.Arguments)) differences.Add($"arguments are {List(actual.Arguments)}, not {List(args)}");
        if (expected.Severity is { } severity && severity != actual.Severity) differences.Add($"severity is {actual.Severity}, not {severity}");
        return differences;
    }

    private static string Format(LinePositionSpan? span) =>
        span is { } s ? $"({s.Start.Line},{s.Start.Column})-({s.End.Line},{s.End.Column})" : "(no location)";
}

/// <summary>The short form: <c>await PlanVerifier.VerifyAsync(markup)</c>.</summary>
public static class PlanVerifier
{
    /// <summary>Starts an expectation.</summary>
    public static ExpectedFinding Expect(string id) => new(id);

    /// <summary>Verifies a plan with markup (and optional extra expectations), as of 2021-12-31, no standard rules.</summary>
    public static Task VerifyAsync(string markup, params ExpectedFinding[] expected)
    {
        var test = new PlanTest { Plan = markup };
        test.ExpectedFindings.AddRange(expected);
        return test.RunAsync();
    }
}
