using System.Collections.Immutable;
using System.CommandLine;
using PlanRules.Analysis;
using PlanRules.Output;
using PlanRules.Workspace;

namespace PlanRules.Cli;

/// <summary><c>planrules check</c>: parse, bind and analyse; print findings as text, JSON or SARIF.</summary>
internal static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("PATH") { Description = "计划文件或文件夹 / plan files or folders (default: current folder)", Arity = ArgumentArity.ZeroOrMore };
        var rules = new Option<string[]>("--rules") { Description = "规则文件或文件夹 / rule files or folders", AllowMultipleArgumentsPerToken = false };
        var ledger = new Option<string[]>("--ledger") { Description = "台账文件 / ledger files (*.ledger, *.ledger.csv)" };
        var asOf = new Option<string?>("--as-of") { Description = "评估日期 / the as-of date (default: today in the plan's time zone)" };
        var format = new Option<string>("--format") { Description = "text | json | sarif", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "sarif");
        var output = new Option<string?>("--output", "-o") { Description = "输出文件 / write to this file" };
        var culture = new Option<string?>("--culture") { Description = "zh-CN | en" };
        var config = new Option<string?>("--config") { Description = ".planrules 配置文件 / an explicit configuration file" };
        var noDefaultRules = new Option<bool>("--no-default-rules") { Description = "不使用内置规则 / turn the standard rule sets off" };
        var explain = new Option<bool>("--explain") { Description = "在每条规则发现下列出各项取值 / print the value of each term under rule findings" };
        var showSuppressed = new Option<bool>("--show-suppressed") { Description = "文本输出中包含已抑制的发现 / include suppressed findings in text output" };
        var baseline = new Option<string?>("--baseline") { Description = "基线（上次的 JSON 输出）/ baseline: an earlier JSON output" };
        var command = new Command("check", "检查计划 / check a plan") { paths, rules, ledger, asOf, format, output, culture, config, noDefaultRules, baseline, explain, showSuppressed };
        command.SetAction(parse => CliApp.Guard(context, () =>
        {
            var cultureInfo = CliValues.Culture(parse.GetValue(culture));
            var asOfDate = parse.GetValue(asOf) is { } text ? CliValues.Date(text, "--as-of") : (NodaTime.LocalDate?)null;
            var pathList = parse.GetValue(paths) is { Length: > 0 } given ? given : ["."];
            var inputs = InputFiles.Discover(pathList, context.CurrentDirectory);
            var ledgerPaths = parse.GetValue(ledger) ?? [];
            var ledgers = ledgerPaths.Length == 0 ? InputFiles.Empty : InputFiles.Discover(ledgerPaths, context.CurrentDirectory, InputKind.Ledger);
            var rulePaths = parse.GetValue(rules) ?? [];
            var ruleFiles = rulePaths.Length == 0 ? InputFiles.Empty : InputFiles.Discover(rulePaths, context.CurrentDirectory, InputKind.Rules);
            var ruleSources = Union(inputs.Rules, ruleFiles.Rules);
            var ruleSets = ImmutableArray.CreateBuilder<PlanRules.Rules.RuleSet>();
            if (!parse.GetValue(noDefaultRules)) ruleSets.Add(PlanRules.Rules.StandardRules.Compiled);
            if (!ruleSources.IsEmpty) ruleSets.Add(PlanRules.Rules.RuleSet.Compile(ruleSources));
            if (inputs.Plans.IsEmpty) throw new UsageException("没有找到 .plan 文件 / no .plan files found");
            var configSet = ConfigDiscovery.Load(
                inputs.Plans.Concat(inputs.Ledgers).Concat(inputs.LedgerCsvs).Select(p => Path.GetFullPath(p.Path, context.CurrentDirectory)),
                context.CurrentDirectory,
                parse.GetValue(config));
            var baselineFile = parse.GetValue(baseline) is { } baselinePath ? ReadBaseline(baselinePath, context) : null;
            var checker = new PlanChecker(context.Clock);
            var result = checker.Check(new CheckRequest
            {
                Plans = inputs.Plans,
                Ledgers = Union(inputs.Ledgers, ledgers.Ledgers),
                LedgerCsvs = Union(inputs.LedgerCsvs, ledgers.LedgerCsvs),
                AsOf = asOfDate,
                Config = configSet,
                BaseDirectory = context.CurrentDirectory,
                Baseline = baselineFile,
                RuleSets = ruleSets.ToImmutable(),
            });
            var rendered = parse.GetValue(format) switch
            {
                "json" => JsonReport.Render(result, cultureInfo),
                "sarif" => SarifReport.Render(result, cultureInfo),
                _ => Text(result, cultureInfo, parse.GetValue(explain), parse.GetValue(showSuppressed)),
            };
            context.Emit(rendered, parse.GetValue(output));
            return result.HasErrors ? 1 : 0;
        }));
        return command;
    }

    private static Baseline ReadBaseline(string path, CliContext context)
    {
        var full = Path.GetFullPath(path, context.CurrentDirectory);
        var source = InputFiles.Read(full, InputFiles.DisplayPath(full, context.CurrentDirectory));
        try
        {
            return Baseline.Parse(source.Path, source.Text);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException)
        {
            throw new UsageException($"基线文件无效 / invalid baseline file {source.Path}: {e.Message}");
        }
    }

    private static ImmutableArray<PlanRules.Text.SourceText> Union(ImmutableArray<PlanRules.Text.SourceText> a, ImmutableArray<PlanRules.Text.SourceText> b) =>
        [.. a.Concat(b).DistinctBy(s => s.Path)];

    private static string Text(CheckResult result, System.Globalization.CultureInfo culture, bool explain, bool showSuppressed)
    {
        var writer = new StringWriter { NewLine = "\n" };
        TextReport.Write(writer, result, culture, showSuppressed, explain);
        return writer.ToString();
    }
}
