using System.CommandLine;
using NodaTime;

namespace PlanRules.Cli;

/// <summary>The <c>planrules</c> command: a thin shell over the library. Exit codes: 0 clean, 1 errors found, 2 usage/input/internal fault.</summary>
internal static class CliApp
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, string currentDirectory, IClock clock)
    {
        // Start-up: compiling the standard rules is the longest step of a short check, and it needs nothing from the
        // command line, so it starts on another thread while the command line is parsed and the inputs are read. The
        // rule set is a lazily built singleton: the check takes it (waiting for it, if need be) as before.
        if (args.Length > 0 && args[0] is "check" or "report") _ = Task.Run(() => PlanRules.Rules.StandardRules.Compiled);
        var context = new CliContext(stdout, stderr, currentDirectory, clock);
        // Named as the tool is installed: a RootCommand takes the executable's name (PlanRules.Cli) for its help.
        var root = new Command("planrules", "PlanRules: 工作方案检查工具 / checks work plans, progress ledgers and analyst rules")
        {
            new System.CommandLine.Help.HelpOption(),
            new VersionOption(),
        };
        root.Subcommands.Add(CheckCommand.Create(context));
        root.Subcommands.Add(ReportCommand.Create(context));
        root.Subcommands.Add(ModelCommand.Create(context));
        root.Subcommands.Add(FmtCommand.Create(context));
        root.Subcommands.Add(ExplainCommand.Create(context));
        root.Subcommands.Add(ImportCommand.Create(context));
        root.Subcommands.Add(TestCommand.Create(context));

        try
        {
            // No response files: "@old" is a folder or file named so, never a file of arguments to read.
            var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
            if (UnknownOption(parse) is { } unknown)
            {
                stderr.WriteLine($"planrules: 未知选项 '{unknown}' / unknown option '{unknown}'");
                return 2;
            }
            if (parse.Errors.Count > 0)
            {
                // The parser's messages are English and may span lines ("Must be one of: …"): one line, with a bilingual lead.
                var messages = System.Text.RegularExpressions.Regex.Replace(string.Join(" ", parse.Errors.Select(e => e.Message)), @"\s+", " ").Trim();
                stderr.WriteLine($"planrules: 用法错误 / usage error: {messages}");
                return 2;
            }
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            return Fail(stderr, e);
        }
    }

    /// <summary>
    /// The first token that looks like an option (<c>-x</c>, <c>--xyz</c>) but that the parser took as a command's
    /// argument — a path, an id — because no option has that name; null when there is none. Tokens after <c>--</c>
    /// are arguments whatever they look like (so are <c>./-name</c> and a lone <c>-</c>); values of options (<c>--output
    /// -</c>) are not looked at.
    /// </summary>
    private static string? UnknownOption(ParseResult parse)
    {
        var afterDoubleDash = new HashSet<System.CommandLine.Parsing.Token>(ReferenceEqualityComparer.Instance);
        var seenDoubleDash = false;
        foreach (var token in parse.Tokens)
        {
            if (token.Type == System.CommandLine.Parsing.TokenType.DoubleDash) seenDoubleDash = true;
            else if (seenDoubleDash) afterDoubleDash.Add(token);
        }
        foreach (var argument in parse.CommandResult.Children.OfType<System.CommandLine.Parsing.ArgumentResult>())
        {
            foreach (var token in argument.Tokens)
            {
                if (token.Value.Length > 1 && token.Value[0] == '-' && !afterDoubleDash.Contains(token)) return token.Value;
            }
        }
        return parse.UnmatchedTokens.FirstOrDefault(t => t.Length > 1 && t[0] == '-');
    }

    /// <summary>Runs a command body; any exception becomes one line on stderr and exit code 2 (never a stack trace).</summary>
    public static int Guard(CliContext context, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e)
        {
            return Fail(context.Error, e);
        }
    }

    private static int Fail(TextWriter stderr, Exception e)
    {
        var message = e switch
        {
            UsageException or PlanRules.Workspace.InputFileException => e.Message,
            IOException or UnauthorizedAccessException => $"文件错误 / file error: {e.Message}",
            _ => $"内部错误 / internal error: {e.GetType().Name}: {e.Message}",
        };
        stderr.WriteLine($"planrules: {message.ReplaceLineEndings(" ")}");
        return 2;
    }
}
