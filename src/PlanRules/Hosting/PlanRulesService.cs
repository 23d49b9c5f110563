using System.Diagnostics.CodeAnalysis;
using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using PlanRules.Analysis;
using PlanRules.Rules;
using PlanRules.Workspace;

namespace PlanRules.Hosting;

/// <summary>
/// The checker hosts get from dependency injection: rules compiled once at construction, analyzers and
/// host functions from options, <see cref="IClock"/> from the container. Thread-safe.
/// </summary>
internal sealed class PlanRulesService : IPlanChecker
{
    private readonly PlanChecker _checker;
    private readonly ImmutableArray<RuleSet> _ruleSets;
    private readonly ImmutableArray<PlanAnalyzer> _analyzers;
    private readonly PlanRulesOptions _options;
    private readonly ILogger<PlanRulesService> _logger;

    public PlanRulesService(IOptions<PlanRulesOptions> options, IClock clock, IServiceProvider services, IEnumerable<PlanAnalyzer> registered)
    {
        _options = options.Value;
        // Logging is optional: a host without AddLogging() gets a silent logger.
        _logger = services.GetService<ILogger<PlanRulesService>>() ?? Microsoft.Extensions.Logging.Abstractions.NullLogger<PlanRulesService>.Instance;
        _checker = new PlanChecker(clock);
        var watch = Stopwatch.StartNew();
        var ruleSets = ImmutableArray.CreateBuilder<RuleSet>();
        if (_options.UseStandardRules)
        {
            ruleSets.Add(_options.Functions.Count == 0 ? StandardRules.Compiled : RuleSet.Compile(StandardRules.Sources, _options.Functions, _options.Parse));
        }
        var texts = _options.RuleTexts.ToList();
        if (_options.RulePaths.Count > 0)
        {
            texts.AddRange(InputFiles.Discover(_options.RulePaths, Environment.CurrentDirectory, InputKind.Rules).Rules);
        }
        if (texts.Count > 0) ruleSets.Add(RuleSet.Compile(texts, _options.Functions, _options.Parse));
        _ruleSets = ruleSets.ToImmutable();
        // Configured rules with errors make every check report them (and fail, for errors): say so once, at start-up,
        // with ids and rule files only (never plan contents).
        var ruleErrors = _ruleSets.SelectMany(r => r.Diagnostics).Where(d => d.Severity == Diagnostics.DiagnosticSeverity.Error).ToList();
        if (ruleErrors.Count > 0)
        {
            _logger.LogWarning("PlanRules: the configured rules have {RuleErrors} error(s) ({Ids}) in {RuleFiles}; a rule in error does not run, and every check reports the errors",
                ruleErrors.Count, string.Join(", ", ruleErrors.Select(d => d.Id).Distinct().Order(StringComparer.Ordinal)),
                string.Join(", ", ruleErrors.Select(d => d.Location.Path).Distinct().Order(StringComparer.Ordinal)));
        }
        // An analyzer type added twice (through the builder, the options, or both) runs once.
        var analyzers = registered.ToList();
        foreach (var type in _options.AnalyzerTypes.Distinct())
        {
            if (!analyzers.Any(a => a.GetType() == type)) analyzers.Add(CreateAnalyzer(services, type));
        }
        _analyzers = [.. analyzers];
        _logger.LogDebug("PlanRules ready: {RuleCount} rules, {AnalyzerCount} analyzers, compiled in {ElapsedMilliseconds} ms",
            _ruleSets.Sum(r => r.Rules.Length), _analyzers.Length, watch.ElapsedMilliseconds);
    }

    [UnconditionalSuppressMessage("Trimming", "IL2067", Justification = "AddAnalyzer<T> keeps the public constructors of the types it adds (see PlanRulesOptions.AnalyzerTypes).")]
    private static PlanAnalyzer CreateAnalyzer(IServiceProvider services, Type type) => (PlanAnalyzer)ActivatorUtilities.CreateInstance(services, type);

    public CheckResult Check(CheckRequest request) => Check(request, CancellationToken.None);

    public CheckResult Check(CheckRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request = request.Validated();
        var watch = Stopwatch.StartNew();
        var effective = request with
        {
            // A request that names its rules (rule sets, or the standard rules) replaces the configured ones.
            RuleSets = request.RuleSets.IsEmpty && !request.IncludeStandardRules ? _ruleSets : request.RuleSets,
            Analyzers = [.. _analyzers, .. request.Analyzers],
            Compliance = ReferenceEquals(request.Compliance, Analysis.Compliance.ComplianceOptions.Default) ? _options.Compliance : request.Compliance,
            ParseOptions = ReferenceEquals(request.ParseOptions, Syntax.ParseOptions.Default) ? _options.Parse : request.ParseOptions,
        };
        var result = _checker.Check(effective, cancellationToken);
        // Counts and timings only: plan contents never go to logs at Information level.
        _logger.LogInformation("PlanRules checked {PlanFiles} plan file(s): {Tasks} tasks, {Records} ledger records, {Errors} errors, {Warnings} warnings, {Infos} info in {ElapsedMilliseconds} ms",
            request.Plans.Length, result.Plan.Tasks.Length, result.RecordCount, result.Summary.Errors, result.Summary.Warnings, result.Summary.Infos, watch.ElapsedMilliseconds);
        return result;
    }
}
