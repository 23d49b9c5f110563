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
                var formatted = WithLineEndsOf(source.Text, PlanPrinter.Print(file));
                if (formatted == source.Text) continue;
                if (parse.GetValue(check))
                {
                    context.Out.WriteLine($"{source.Path}: 未格式化 / not formatted");
                    exit = 1;
                }
                else
                {
                    // Through a temporary file and a rename: a failure never leaves half a plan in the analyst's file.
                    // The source text has no byte-order mark (SourceText drops it); a file that had one keeps it.
                    var fullPath = Path.GetFullPath(source.Path, context.CurrentDirectory);
                    context.Emit(HasByteOrderMark(fullPath) ? "\uFEFF" + formatted : formatted, fullPath);
                    context.Out.WriteLine($"{source.Path}: 已格式化 / formatted");
                }
            }
            return exit;
        }));
        return command;
    }

    /// <summary>
    /// The printer's text (LF) with the line ends of <paramref name="original"/>: CRLF when its first line ends so, as a
    /// Windows checkout has them, so <c>fmt --check</c> does not fail every file there.
    /// </summary>
    private static string WithLineEndsOf(string original, string printed)
    {
        var firstBreak = original.IndexOf('\n', StringComparison.Ordinal);
        return firstBreak > 0 && original[firstBreak - 1] == '\r' ? printed.ReplaceLineEndings("\r\n") : printed;
    }

    private static bool HasByteOrderMark(string path)
    {
        Span<byte> start = stackalloc byte[3];
        using var file = File.OpenRead(path);
        return file.ReadAtLeast(start, 3, throwOnEndOfStream: false) == 3 && start is [0xEF, 0xBB, 0xBF];
    }
}
