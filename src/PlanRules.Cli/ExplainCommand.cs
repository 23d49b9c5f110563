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
            // A text with no English version (a standard rule's title and description) falls back to Chinese: printed once.
            var (title, titleEn) = (descriptor.Title.ToString(zh), descriptor.Title.ToString(en));
            context.Out.WriteLine(title == titleEn ? $"{descriptor.Id}  {title}" : $"{descriptor.Id}  {title} / {titleEn}");
            context.Out.WriteLine($"  默认级别 / default severity: {descriptor.DefaultSeverity.ToText()}");
            context.Out.WriteLine($"  类别 / category: {descriptor.Category}");
            var (description, descriptionEn) = (descriptor.Description.ToString(zh), descriptor.Description.ToString(en));
            context.Out.WriteLine($"  {description}");
            if (descriptionEn != description) context.Out.WriteLine($"  {descriptionEn}");
            var (message, messageEn) = (descriptor.MessageFormat.ToString(zh), descriptor.MessageFormat.ToString(en));
            context.Out.WriteLine($"  消息格式 / message: {message}");
            if (messageEn != message) context.Out.WriteLine($"                      {messageEn}");
            if (descriptor.HelpLinkUri is { } help) context.Out.WriteLine($"  帮助 / help: {help}");
            return 0;
        }));
        return command;
    }
}
