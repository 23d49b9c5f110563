using System.Collections.Immutable;
using System.CommandLine;
using PlanRules.Analysis;
using PlanRules.Workspace;

namespace PlanRules.Cli;

/// <summary>
/// The input options <c>check</c> and <c>report</c> share (paths, rules, ledgers, as-of date, configuration, standard
/// rules, baseline) and the one way both turn them into a <see cref="CheckResult"/>.
/// </summary>
internal sealed class CheckInputs
{
    public Argument<string[]> Paths { get; } = new("PATH") { Description = "计划文件或文件夹 / plan files or folders (default: current folder)", Arity = ArgumentArity.ZeroOrMore };
    public Option<string[]> Rules { get; } = new("--rules") { HelpName = "PATH", Description = "规则文件或文件夹 / rule files or folders", AllowMultipleArgumentsPerToken = false };
    public Option<string[]> Ledger { get; } = new("--ledger") { HelpName = "PATH", Description = "台账文件 / ledger files (*.ledger, *.ledger.csv)" };
    public Option<string?> AsOf { get; } = new("--as-of") { HelpName = "DATE", Description = "评估日期 / the as-of date (default: today in the plan's time zone)" };
    public Option<string?> Config { get; } = new("--config") { HelpName = "FILE", Description = ".planrules 配置文件 / an explicit configuration file" };
    public Option<bool> NoDefaultRules { get; } = new("--no-default-rules") { Description = "不使用内置规则 / turn the standard rule sets off" };
    public Option<string?> Baseline { get; } = new("--baseline") { HelpName = "FILE", Description = "基线（上次的 JSON 输出）/ baseline: an earlier JSON output" };

    /// <summary>
    /// Discovers plans, ledgers, rules and configuration from the parsed options and checks them. The as-of date is
    /// read first, so a bad date is reported before any file problem.
    /// </summary>
    public CheckResult Check(ParseResult parse, CliContext context)
    {
        var asOfDate = parse.GetValue(AsOf) is { } text ? CliValues.Date(text, "--as-of") : (NodaTime.LocalDate?)null;
        var pathList = parse.GetValue(Paths) is { Length: > 0 } given ? given : ["."];
        var inputs = InputFiles.Discover(pathList, context.CurrentDirectory);
        var ledgerPaths = parse.GetValue(Ledger) ?? [];
        var ledgers = ledgerPaths.Length == 0 ? InputFiles.Empty : InputFiles.Discover(ledgerPaths, context.CurrentDirectory, InputKind.Ledger);
        var rulePaths = parse.GetValue(Rules) ?? [];
        var ruleFiles = rulePaths.Length == 0 ? InputFiles.Empty : InputFiles.Discover(rulePaths, context.CurrentDirectory, InputKind.Rules);
        var ruleSources = Union(inputs.Rules, ruleFiles.Rules);
        ImmutableArray<PlanRules.Rules.RuleSet> ruleSets = ruleSources.IsEmpty ? [] : [PlanRules.Rules.RuleSet.Compile(ruleSources)];
        if (inputs.Plans.IsEmpty) throw new UsageException("没有找到 .plan 文件 / no .plan files found");
        var configSet = ConfigDiscovery.Load(
            inputs.Plans.Concat(inputs.Ledgers).Concat(inputs.LedgerCsvs).Select(p => Path.GetFullPath(p.Path, context.CurrentDirectory)),
            context.CurrentDirectory,
            parse.GetValue(Config));
        var baselineFile = parse.GetValue(Baseline) is { } baselinePath ? ReadBaseline(baselinePath, context) : null;
        var checker = new PlanChecker(context.Clock);
        return checker.Check(new CheckRequest
        {
            Plans = inputs.Plans,
            Ledgers = Union(inputs.Ledgers, ledgers.Ledgers),
            LedgerCsvs = Union(inputs.LedgerCsvs, ledgers.LedgerCsvs),
            AsOf = asOfDate,
            Config = configSet,
            BaseDirectory = context.CurrentDirectory,
            Baseline = baselineFile,
            // The standard rules are taken when the rules run; CliApp has started compiling them on another thread.
            IncludeStandardRules = !parse.GetValue(NoDefaultRules),
            RuleSets = ruleSets,
        });
    }

    private static Baseline ReadBaseline(string path, CliContext context)
    {
        var full = Path.GetFullPath(path, context.CurrentDirectory);
        if (!File.Exists(full)) throw new InputFileException($"找不到基线文件 / baseline file not found: {path}");
        var source = InputFiles.Read(full, InputFiles.DisplayPath(full, context.CurrentDirectory));
        try
        {
            return PlanRules.Analysis.Baseline.Parse(source.Path, source.Text);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException)
        {
            throw new UsageException($"基线文件无效 / invalid baseline file {source.Path}: {e.Message}");
        }
    }

    private static ImmutableArray<PlanRules.Text.SourceText> Union(ImmutableArray<PlanRules.Text.SourceText> a, ImmutableArray<PlanRules.Text.SourceText> b) =>
        [.. a.Concat(b).DistinctBy(s => s.Path)];
}
