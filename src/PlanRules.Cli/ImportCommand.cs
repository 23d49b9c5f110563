using System.CommandLine;
using PlanRules.Analysis;
using PlanRules.Diagnostics;
using PlanRules.Import;
using PlanRules.Output;
using PlanRules.Workspace;

namespace PlanRules.Cli;

/// <summary>
/// <c>planrules import NOTICE [--output FILE] [--encoding auto|utf-8|gb18030]</c>: turns a notice into a draft
/// plan (stdout or <c>--output</c>); the import findings (PR4001/PR4002) and any finding of the draft go to
/// stderr in the text format. Exit 0, or 1 if the draft itself had an error; 2 for a missing or undecodable notice.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(CliContext context)
    {
        var notice = new Argument<string>("NOTICE") { Description = "通知文本文件 / the notice, as text (UTF-8 or GB18030)" };
        var output = new Option<string?>("--output", "-o") { HelpName = "FILE", Description = "计划草稿输出文件 / write the draft plan to this file" };
        var encoding = new Option<string>("--encoding") { Description = "auto | utf-8 | gb18030", DefaultValueFactory = _ => "auto" };
        encoding.AcceptOnlyFromAmong("auto", "utf-8", "utf8", "gb18030", "gbk");
        var culture = new Option<string?>("--culture") { HelpName = "zh-CN|en", Description = "zh-CN | en" };
        var command = new Command("import", "把通知转换为计划草稿 / import a notice as a draft plan") { notice, output, encoding, culture };
        command.SetAction(parse => CliApp.Guard(context, () =>
        {
            var cultureInfo = CliValues.Culture(parse.GetValue(culture));
            var path = parse.GetValue(notice) ?? throw new UsageException("缺少通知文件 / missing NOTICE");
            var full = Path.GetFullPath(path, context.CurrentDirectory);
            if (!File.Exists(full)) throw new InputFileException($"找不到文件 / file not found: {path}");
            var display = InputFiles.DisplayPath(full, context.CurrentDirectory);
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(full);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InputFileException($"无法读取文件 / cannot read file: {display}: {e.Message}", e);
            }
            var requested = NoticeDecoder.ParseName(parse.GetValue(encoding))
                ?? throw new UsageException($"不支持的编码 / unsupported encoding: {parse.GetValue(encoding)} (auto | utf-8 | gb18030)");
            var outputFile = parse.GetValue(output);
            var outputPath = CliContext.IsStandardOutput(outputFile) ? "<stdout>" : InputFiles.DisplayPath(Path.GetFullPath(outputFile, context.CurrentDirectory), context.CurrentDirectory);
            ImportResult result;
            try
            {
                result = NoticeImporter.Import(bytes, display, new ImportOptions { Encoding = requested, OutputPath = outputPath });
            }
            catch (NoticeDecodingException e)
            {
                throw new InputFileException($"{display}: {e.Message}", e);
            }

            context.Emit(result.PlanText, outputFile);
            var findings = result.Diagnostics
                .Concat(result.Plan.Diagnostics.Where(d => d.Severity is DiagnosticSeverity.Error or DiagnosticSeverity.Warning))
                .ToList();
            foreach (var finding in findings) context.Error.WriteLine(TextReport.FormatFinding(finding, cultureInfo));
            context.Error.WriteLine(TextReport.FormatSummary(FindingSummary.Of(findings), cultureInfo));
            return result.HasErrors ? 1 : 0;
        }));
        return command;
    }
}
