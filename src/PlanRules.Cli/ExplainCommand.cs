using System.CommandLine;
using PlanRules.Diagnostics;

namespace PlanRules.Cli;

/// <summary><c>planrules explain ID</c>: what a finding id means, in both languages.</summary>
internal static class ExplainCommand
{
    public static Command Create(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "发现编号，如 PR1001 / a finding id such as PR1001" };
        var command = new Command("explain", "解释发现编号 / explain a finding id") { id };
        command.SetAction(parse => CliApp.Guard(context, () =>
        {
            var requested = parse.GetValue(id)!;
            var descriptor = DiagnosticCatalog.Find(requested)
                ?? PlanRules.Rules.StandardRules.Compiled.Rules.FirstOrDefault(r => string.Equals(r.Descriptor.Id, requested, StringComparison.OrdinalIgnoreCase))?.Descriptor
                ?? throw new UsageException($"未知的发现编号 / unknown finding id: {requested}");
            var zh = System.Globalization.CultureInfo.GetCultureInfo("zh-CN");
            var en = System.Globalization.CultureInfo.GetCultureInfo("en");
            context.Out.WriteLine($"{descriptor.Id}  {descriptor.Title.ToString(zh)} / {descriptor.Title.ToString(en)}");
            context.Out.WriteLine($"  默认级别 / default severity: {descriptor.DefaultSeverity.ToText()}");
            context.Out.WriteLine($"  类别 / category: {descriptor.Category}");
            context.Out.WriteLine($"  {descriptor.Description.ToString(zh)}");
            context.Out.WriteLine($"  {descriptor.Description.ToString(en)}");
            context.Out.WriteLine($"  消息格式 / message: {descriptor.MessageFormat.ToString(zh)}");
            context.Out.WriteLine($"                      {descriptor.MessageFormat.ToString(en)}");
            if (descriptor.HelpLinkUri is { } help) context.Out.WriteLine($"  帮助 / help: {help}");
            return 0;
        }));
        return command;
    }
}
