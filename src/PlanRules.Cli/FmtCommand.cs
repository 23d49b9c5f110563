using System.CommandLine;
using PlanRules.Diagnostics;
using PlanRules.Formatting;
using PlanRules.Output;
using PlanRules.Syntax;
using PlanRules.Workspace;

namespace PlanRules.Cli;

/// <summary><c>planrules fmt</c>: rewrite plan files in canonical form, or with <c>--check</c> list those that are not.</summary>
internal static class FmtCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("PATH") { Arity = ArgumentArity.OneOrMore, Description = "计划文件或文件夹 / plan files or folders" };
        var check = new Option<bool>("--check") { Description = "只检查不改写；有未格式化文件时退出码为 1 / only check; exit 1 when a file is not formatted" };
        var command = new Command("fmt", "格式化计划文件 / format plan files") { paths, check };
        command.SetAction(parse => CliApp.Guard(context, () =>
        {
            var inputs = InputFiles.Discover(parse.GetValue(paths)!, context.CurrentDirectory);
            if (inputs.Plans.IsEmpty) throw new UsageException("没有找到 .plan 文件 / no .plan files found");
            var culture = CliValues.Culture(null);
            var exit = 0;
            foreach (var source in inputs.Plans)
            {
                var file = PlanParser.Parse(source);
                var errors = file.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                if (errors.Count > 0)
                {
                    foreach (var e in errors) context.Error.WriteLine(TextReport.FormatFinding(e, culture));
                    exit = 1;
                    continue;
                }
                var formatted = PlanPrinter.Print(file);
                if (formatted == source.Text) continue;
                if (parse.GetValue(check))
                {
                    context.Out.WriteLine($"{source.Path}: 未格式化 / not formatted");
                    exit = 1;
                }
                else
                {
                    // Through a temporary file and a rename: a failure never leaves half a plan in the analyst's file.
                    context.Emit(formatted, Path.GetFullPath(source.Path, context.CurrentDirectory));
                    context.Out.WriteLine($"{source.Path}: 已格式化 / formatted");
                }
            }
            return exit;
        }));
        return command;
    }
}
