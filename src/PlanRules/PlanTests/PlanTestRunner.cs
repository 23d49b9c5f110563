using System.Collections.Immutable;
using System.Globalization;
using PlanRules.Analysis;
using PlanRules.Configuration;
using PlanRules.Diagnostics;
using PlanRules.Rules;
using PlanRules.Text;
using PlanRules.Workspace;

namespace PlanRules.PlanTests;

/// <summary>
/// The outcome of one test: the findings it expected and did not get, and those it got and did not expect.
/// <see cref="RulesLoaded"/> holds the ids of the analyst rules that ran (compiled, and in effect on the test's
/// as-of date), for coverage.
/// </summary>
public sealed record PlanTestResult(PlanTestCase Test, ImmutableArray<TestExpectation> Missing, ImmutableArray<Diagnostic> Unexpected, ImmutableArray<Diagnostic> Actual, ImmutableArray<string> RulesLoaded, string? Error)
{
    /// <summary>
    /// Expectations whose id no library finding, rule of the test or actual finding has: they could never be met
    /// (or, with <c>count 0</c>, never fail), so the test fails naming them.
    /// </summary>
    public ImmutableArray<TestExpectation> UnknownIds { get; init; } = [];

    /// <summary>
    /// The ids of every analyst rule the test's rule files declare, whether it ran or not (it has an error, or is not
    /// in effect on the as-of date): coverage names those no test exercised.
    /// </summary>
    public ImmutableArray<string> RulesDeclared { get; init; } = [];

    /// <summary>True when nothing is missing or unexpected, every expected id is known and the test could run.</summary>
    public bool Passed => Error is null && Missing.IsEmpty && Unexpected.IsEmpty && UnknownIds.IsEmpty;
}

/// <summary>
/// Runs <c>*.plantest</c> tests. Findings compared: every unsuppressed finding of severity warning or
/// error, plus info findings whose id a test expects; <c>ignore</c> ids are never compared.
/// </summary>
public sealed class PlanTestRunner(IPlanChecker checker)
{
    /// <summary>Runs one test whose relative paths resolve against <paramref name="testDirectory"/>.</summary>
    public PlanTestResult Run(PlanTestCase test, string testDirectory, string baseDirectory)
    {
        try
        {
            return RunCore(test, testDirectory, baseDirectory);
        }
        catch (InputFileException e)
        {
            return new PlanTestResult(test, [], [], [], [], e.Message);
        }
    }

    private PlanTestResult RunCore(PlanTestCase test, string testDirectory, string baseDirectory)
    {
        if (test.AsOf is null) return new PlanTestResult(test, [], [], [], [], "as-of 缺失 / the test needs an as-of date");
        if (test.Plans.IsEmpty) return new PlanTestResult(test, [], [], [], [], "plan 缺失 / the test names no plan");

        var plans = Load(test.Plans, testDirectory, baseDirectory, InputKind.Plan);
        var ledgers = Load(test.Ledgers, testDirectory, baseDirectory, InputKind.Ledger);
        var rules = Load(test.Rules, testDirectory, baseDirectory, InputKind.Rules);
        var ruleSets = ImmutableArray.CreateBuilder<RuleSet>();
        if (test.StandardRules) ruleSets.Add(StandardRules.Compiled);
        if (!rules.Rules.IsEmpty) ruleSets.Add(RuleSet.Compile(rules.Rules));
        var config = test.Config is { Path: { } configPath }
            ? ConfigDiscovery.Load([], baseDirectory, configPath.Length == 0 ? throw new InputFileException("路径为空 / empty path: ''") : Named(configPath, testDirectory, baseDirectory))
            : ConfigSet.Empty;

        var result = checker.Check(new CheckRequest
        {
            Plans = plans.Plans,
            Ledgers = ledgers.Ledgers,
            LedgerCsvs = ledgers.LedgerCsvs,
            RuleSets = ruleSets.ToImmutable(),
            AsOf = test.AsOf,
            Config = config,
            BaseDirectory = baseDirectory,
        });

        var expectedIds = test.Expectations.Select(e => e.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var ignored = test.Ignore.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var compared = result.Diagnostics
            .Where(d => !d.IsSuppressed && d.Severity != DiagnosticSeverity.Hidden && !ignored.Contains(d.Id))
            .Where(d => d.Severity >= DiagnosticSeverity.Warning || expectedIds.Contains(d.Id))
            .ToList();

        // `count 0` says there is no such finding: one that fits it is unexpected, whatever else would take it.
        var forbidden = test.Expectations.Where(e => e.Count == 0).ToList();
        var isForbidden = compared.ToLookup(d => forbidden.Any(e => Matches(e, d)));
        var allowed = isForbidden[false].ToList();
        var (matched, owner) = ExpectationMatcher.Match(test.Expectations, e => e.Count, allowed, Matches);
        var missing = test.Expectations.Select((e, i) => e with { Count = e.Count - matched[i] }).Where(e => e.Count > 0).ToImmutableArray();
        var unexpected = isForbidden[true].Concat(allowed.Where((_, i) => owner[i] < 0));
        // A rule not in effect on the as-of date never ran: it did not stay silent in this test.
        var loaded = ruleSets.SelectMany(r => r.Rules).Where(r => r.IsEffective(test.AsOf.Value)).Select(r => r.Descriptor.Id).ToImmutableArray();
        var known = ExpectationMatcher.KnownIds(result, ruleSets, []);
        return new PlanTestResult(test, missing, [.. DiagnosticOrder.Sort(unexpected)], result.Diagnostics, loaded, null)
        {
            UnknownIds = [.. test.Expectations.Where(e => !known.Contains(e.Id))],
            RulesDeclared = [.. ruleSets.SelectMany(r => r.Declared).Select(r => r.Id)],
        };
    }

    private static bool Matches(TestExpectation expectation, Diagnostic diagnostic) =>
        string.Equals(expectation.Id, diagnostic.Id, StringComparison.OrdinalIgnoreCase)
        && (expectation.TaskId is null || expectation.TaskId == diagnostic.TaskId)
        && (expectation.Unit is null || expectation.Unit == diagnostic.Unit)
        && (expectation.Message is null || expectation.Message == diagnostic.GetMessage(CultureInfo.GetCultureInfo(expectation.MessageCulture)));

    private static InputFiles Load(ImmutableArray<TestSource> sources, string testDirectory, string baseDirectory, InputKind kind)
    {
        var plans = ImmutableArray.CreateBuilder<SourceText>();
        var ledgers = ImmutableArray.CreateBuilder<SourceText>();
        var csvs = ImmutableArray.CreateBuilder<SourceText>();
        var rules = ImmutableArray.CreateBuilder<SourceText>();
        foreach (var source in sources)
        {
            if (source.Inline is { } inline)
            {
                (kind switch { InputKind.Plan => plans, InputKind.Rules => rules, _ => ledgers }).Add(inline);
                continue;
            }
            // "" stays empty: never the whole folder.
            var path = source.Path!.Length == 0 ? "" : Named(source.Path, testDirectory, baseDirectory);
            var files = InputFiles.Discover([path], baseDirectory, kind);
            plans.AddRange(files.Plans);
            ledgers.AddRange(files.Ledgers);
            csvs.AddRange(files.LedgerCsvs);
            rules.AddRange(files.Rules);
        }
        return InputFiles.Empty with { Plans = plans.ToImmutable(), Ledgers = ledgers.ToImmutable(), LedgerCsvs = csvs.ToImmutable(), Rules = rules.ToImmutable() };
    }

    /// <summary>A path of the test file (relative to its folder) as the command line names files: from the current folder.</summary>
    private static string Named(string path, string testDirectory, string baseDirectory) =>
        InputFiles.DisplayPath(Path.GetFullPath(path, testDirectory), baseDirectory);

    /// <summary>A finding written as the expectation that would match it (ready to paste into a test).</summary>
    public static string AsExpectation(Diagnostic diagnostic) =>
        new TestExpectation(diagnostic.Id, diagnostic.Location) { TaskId = diagnostic.TaskId, Unit = diagnostic.Unit }.ToString();
}
