using System.Collections.Immutable;
using System.Globalization;
using PlanRules.Analysis;
using PlanRules.Configuration;
using PlanRules.Diagnostics;
using PlanRules.Rules;
using PlanRules.Text;
using PlanRules.Workspace;

namespace PlanRules.PlanTests;

/// <summary>The outcome of one test: the findings it expected and did not get, and those it got and did not expect.</summary>
public sealed record PlanTestResult(PlanTestCase Test, ImmutableArray<TestExpectation> Missing, ImmutableArray<Diagnostic> Unexpected, ImmutableArray<Diagnostic> Actual, ImmutableArray<string> RulesLoaded, string? Error)
{
    /// <summary>True when nothing is missing or unexpected and the test could run.</summary>
    public bool Passed => Error is null && Missing.IsEmpty && Unexpected.IsEmpty;
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
            ? ConfigDiscovery.Load([], baseDirectory, Path.GetFullPath(configPath, testDirectory))
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

        var unmatched = new List<Diagnostic>(compared);
        var missing = ImmutableArray.CreateBuilder<TestExpectation>();
        foreach (var expectation in test.Expectations)
        {
            for (var i = 0; i < expectation.Count; i++)
            {
                var match = unmatched.FindIndex(d => Matches(expectation, d));
                if (match < 0)
                {
                    missing.Add(expectation with { Count = expectation.Count - i });
                    break;
                }
                unmatched.RemoveAt(match);
            }
        }
        var loaded = ruleSets.SelectMany(r => r.Rules).Select(r => r.Descriptor.Id).ToImmutableArray();
        return new PlanTestResult(test, missing.ToImmutable(), [.. unmatched], result.Diagnostics, loaded, null);
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
            // Named from the current folder, as the command line names files (and "" stays empty: never the whole folder).
            var path = source.Path!.Length == 0 ? "" : InputFiles.DisplayPath(Path.GetFullPath(source.Path, testDirectory), baseDirectory);
            var files = InputFiles.Discover([path], baseDirectory, kind);
            plans.AddRange(files.Plans);
            ledgers.AddRange(files.Ledgers);
            csvs.AddRange(files.LedgerCsvs);
            rules.AddRange(files.Rules);
        }
        return InputFiles.Empty with { Plans = plans.ToImmutable(), Ledgers = ledgers.ToImmutable(), LedgerCsvs = csvs.ToImmutable(), Rules = rules.ToImmutable() };
    }

    /// <summary>A finding written as the expectation that would match it (ready to paste into a test).</summary>
    public static string AsExpectation(Diagnostic diagnostic) =>
        new TestExpectation(diagnostic.Id, diagnostic.Location) { TaskId = diagnostic.TaskId, Unit = diagnostic.Unit }.ToString();
}
