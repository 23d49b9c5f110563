using System.CommandLine;
using PlanRules.Output.Html;
using PlanRules.Resources;

namespace PlanRules.Cli;

/// <summary>
/// <c>planrules report</c>: check as <c>check</c> does (same inputs), then write one self-contained HTML page.
/// Exit codes as <c>check</c>: 0 no error finding, 1 error findings (the report is still written), 2 usage or input fault.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var inputs = new CheckInputs();
        var output = new Option<string>("--output", "-o") { Description = "输出文件 / the HTML file to write ('-': standard output)", DefaultValueFactory = _ => "report.html" };
        var culture = new Option<string?>("--culture") { Description = "zh-CN | en" };
        var command = new Command("report", "生成 HTML 报告 / write an HTML report")
        {
            inputs.Paths, inputs.Rules, inputs.Ledger, inputs.AsOf, output, culture, inputs.Config, inputs.NoDefaultRules, inputs.Baseline,
        };
        command.SetAction(parse => CliApp.Guard(context, () =>
        {
            var cultureInfo = CliValues.Culture(parse.GetValue(culture));
            var result = inputs.Check(parse, context);
            var html = HtmlReportWriter.Render(result, cultureInfo);
            var target = parse.GetValue(output) ?? "report.html";
            if (target == "-")
            {
                context.Out.Write(html);
            }
            else
            {
                context.Emit(html, target);
                context.Out.Write(string.Format(System.Globalization.CultureInfo.InvariantCulture, Messages.Get("Report_Written", cultureInfo), target) + "\n");
            }
            return result.HasErrors ? 1 : 0;
        }));
        return command;
    }
}
