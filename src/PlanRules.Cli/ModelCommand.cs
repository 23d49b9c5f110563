using System.CommandLine;
using PlanRules.Binding;
using PlanRules.Output;
using PlanRules.Syntax;
using PlanRules.Workspace;

namespace PlanRules.Cli;

/// <summary><c>planrules model</c>: the bound plan as JSON.</summary>
internal static class ModelCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("PATH") { Arity = ArgumentArity.ZeroOrMore, Description = "计划文件或文件夹 / plan files or folders" };
        var output = new Option<string?>("--output", "-o") { HelpName = "FILE", Description = "输出文件 / write to this file" };
        var command = new Command("model", "输出绑定后的计划模型 / print the bound plan as JSON") { paths, output };
        command.SetAction(parse => CliApp.Guard(context, () =>
        {
            var inputs = InputFiles.Discover(parse.GetValue(paths) is { Length: > 0 } p ? p : ["."], context.CurrentDirectory);
            if (inputs.Plans.IsEmpty) throw new UsageException("没有找到 .plan 文件 / no .plan files found");
            var bound = PlanBinder.Bind(inputs.Plans.Select(s => PlanParser.Parse(s)));
            context.Emit(ModelWriter.Render(bound), parse.GetValue(output));
            foreach (var d in bound.Diagnostics.Where(d => d.Severity == Diagnostics.DiagnosticSeverity.Error))
            {
                context.Error.WriteLine(TextReport.FormatFinding(d, CliValues.Culture(null)));
            }
            return bound.Diagnostics.Any(d => d.Severity == Diagnostics.DiagnosticSeverity.Error) ? 1 : 0;
        }));
        return command;
    }
}
