using System.CommandLine;
using PlanRules.Output.Html;
using PlanRules.Resources;

namespace PlanRules.Cli;

/// <summary>
/// <c>planrules report</c>: check as <c>check</c> does (same inputs), then write one self-contained HTML page.
/// Exit codes as <c>check</c>: 0 no error finding, 1 error findings (the report is still written), 2 usage or input fault.
/// The page is written as it is produced; <c>--max-items N</c> sets every list's limit (<see cref="HtmlReportOptions"/>).
/// </summary>
internal static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var inputs = new CheckInputs();
        var output = new Option<string>("--output", "-o") { HelpName = "FILE", Description = "输出文件 / the HTML file to write ('-': standard output)", DefaultValueFactory = _ => "report.html" };
        var culture = new Option<string?>("--culture") { HelpName = "zh-CN|en", Description = "zh-CN | en" };
        // Text, parsed here: the parser's own error for a bad number names the .NET type (System.Nullable`1[System.Int32]).
        var maxItems = new Option<string?>("--max-items")
        {
            HelpName = "N",
            Description = "每个列表最多列出的条目数（发现、单位、义务、时间轴任务）/ most items listed in each list (findings, units, obligations, timeline tasks)",
        };
        var command = new Command("report", "生成 HTML 报告 / write an HTML report")
        {
            inputs.Paths, inputs.Rules, inputs.Ledger, inputs.AsOf, output, culture, inputs.Config, inputs.NoDefaultRules, inputs.Baseline, maxItems,
        };
        command.SetAction(parse => CliApp.Guard(context, () =>
        {
            var cultureInfo = CliValues.Culture(parse.GetValue(culture));
            var options = parse.GetValue(maxItems) switch
            {
                null => HtmlReportOptions.Default,
                var text when int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) => HtmlReportOptions.WithMaxItems(n),
                var text => throw new UsageException($"无效的条目数 / invalid --max-items: '{text}' (expected a whole number, 0 or more)"),
            };
            var result = inputs.Check(parse, context);
            var target = parse.GetValue(output) ?? "report.html";
            context.Emit(writer => HtmlReportWriter.Write(writer, result, cultureInfo, options), target);
            if (!CliContext.IsStandardOutput(target))
            {
                context.Out.Write(string.Format(System.Globalization.CultureInfo.InvariantCulture, Messages.Get("Report_Written", cultureInfo), target) + "\n");
            }
            return result.HasErrors ? 1 : 0;
        }));
        return command;
    }
}
