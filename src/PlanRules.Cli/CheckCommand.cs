using System.CommandLine;
using PlanRules.Analysis;
using PlanRules.Output;

namespace PlanRules.Cli;

/// <summary><c>planrules check</c>: parse, bind and analyse; print findings as text, JSON or SARIF.</summary>
internal static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var inputs = new CheckInputs();
        var format = new Option<string>("--format") { Description = "text | json | sarif", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "sarif");
        var output = new Option<string?>("--output", "-o") { HelpName = "FILE", Description = "输出文件 / write to this file" };
        var culture = new Option<string?>("--culture") { HelpName = "zh-CN|en", Description = "zh-CN | en" };
        var explain = new Option<bool>("--explain") { Description = "在每条规则发现下列出各项取值 / print the value of each term under rule findings" };
        var showSuppressed = new Option<bool>("--show-suppressed") { Description = "文本输出中包含已抑制的发现 / include suppressed findings in text output" };
        var helpUriBase = new Option<string?>("--help-uri-base")
        {
            HelpName = "URL",
            Description = "SARIF 中规则说明的网址前缀（{id} 替换为规则编号）/ SARIF helpUri for rules without a help URL: this URL with {id} replaced (or the id appended)",
        };
        var command = new Command("check", "检查计划 / check a plan")
        {
            inputs.Paths, inputs.Rules, inputs.Ledger, inputs.AsOf, format, output, culture, inputs.Config, inputs.NoDefaultRules, inputs.Baseline, explain, showSuppressed,
            helpUriBase,
        };
        command.SetAction(parse => CliApp.Guard(context, () =>
        {
            var cultureInfo = CliValues.Culture(parse.GetValue(culture));
            var sarif = new SarifOptions { HelpUriBase = parse.GetValue(helpUriBase) };
            if (sarif.HelpUriBase is { } helpBase && !SarifOptions.IsValidHelpUriBase(helpBase))
            {
                throw new UsageException($"无效的网址 / invalid URL for --help-uri-base: '{helpBase}' (expected an absolute http, https or file URL)");
            }
            var result = inputs.Check(parse, context);
            var (explainTerms, suppressed) = (parse.GetValue(explain), parse.GetValue(showSuppressed));
            Action<TextWriter> write = parse.GetValue(format) switch
            {
                "json" => writer => JsonReport.Write(writer, result, cultureInfo),
                "sarif" => writer => SarifReport.Write(writer, result, cultureInfo, sarif),
                _ => writer => TextReport.Write(writer, result, cultureInfo, suppressed, explainTerms),
            };
            context.Emit(write, parse.GetValue(output));
            return result.HasErrors ? 1 : 0;
        }));
        return command;
    }
}
