using System.Globalization;
using NodaTime;

namespace PlanRules.Cli;

/// <summary>What a command needs from its surroundings; tests supply their own.</summary>
internal sealed record CliContext(TextWriter Out, TextWriter Error, string CurrentDirectory, IClock Clock)
{
    /// <summary>Writes <paramref name="text"/> to <paramref name="outputFile"/> (UTF-8, no BOM) or, for null or <c>-</c>, to standard output.</summary>
    public void Emit(string text, string? outputFile) => Emit(writer => writer.Write(text), outputFile);

    /// <summary>
    /// Lets <paramref name="write"/> write to <paramref name="outputFile"/> (UTF-8, no BOM) or to standard output
    /// as it goes, so a large report is never held whole in memory. A file is written under a temporary name beside
    /// it and renamed when complete: a run that fails half-way leaves the earlier file as it was, never half a report.
    /// </summary>
    public void Emit(Action<TextWriter> write, string? outputFile)
    {
        if (IsStandardOutput(outputFile))
        {
            write(Out);
            return;
        }
        if (outputFile.Length == 0) throw new UsageException("输出文件路径为空 / empty path for --output: ''");
        var full = WriteTarget(Path.GetFullPath(outputFile, CurrentDirectory));
        var directory = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var temporary = full + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            using (var file = new StreamWriter(temporary, append: false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" })
            {
                write(file);
            }
            // The rename replaces the file: the new one keeps the old one's permissions (a private plan stays private).
            if (!OperatingSystem.IsWindows() && File.Exists(full)) File.SetUnixFileMode(temporary, File.GetUnixFileMode(full));
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            try
            {
                if (File.Exists(temporary)) File.Delete(temporary);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The write's own failure, if any, is what the user needs to see.
            }
        }
    }

    /// <summary>No <c>--output</c>, or <c>--output -</c> (a file named <c>-</c> is <c>./-</c>): standard output.</summary>
    public static bool IsStandardOutput([System.Diagnostics.CodeAnalysis.NotNullWhen(false)] string? outputFile) => outputFile is null or "-";

    /// <summary>
    /// The file a write to <paramref name="path"/> must replace: the final target when the path is a symbolic link
    /// (renaming over the link would replace it with a copy and leave the linked file as it was), else the path.
    /// </summary>
    private static string WriteTarget(string path) =>
        File.Exists(path) && File.ResolveLinkTarget(path, returnFinalTarget: true) is { } target ? target.FullName : path;
}

/// <summary>A usage or input problem: one line on stderr, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>Option values shared by several commands.</summary>
internal static class CliValues
{
    /// <summary>zh-CN unless asked for, or the environment is, English.</summary>
    public static CultureInfo Culture(string? requested)
    {
        var name = requested ?? (CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "zh-CN");
        return name.ToLowerInvariant() switch
        {
            "zh-cn" or "zh" or "zh-hans" => CultureInfo.GetCultureInfo("zh-CN"),
            "en" or "en-us" or "en-gb" => CultureInfo.GetCultureInfo("en"),
            _ => throw new UsageException($"不支持的语言 / unsupported culture: {name} (zh-CN | en)"),
        };
    }

    /// <summary>Parses an ISO or Chinese date; an impossible date is a usage error.</summary>
    public static LocalDate Date(string text, string option)
    {
        if (PlanRules.Text.DateText.TryParse(text, out var date)) return date;
        throw new UsageException($"无效的日期 / invalid date for {option}: '{text}' (expected YYYY-MM-DD)");
    }
}
