using System.CommandLine;
using System.Globalization;
using System.Text;
using PlanRules.Analysis;
using PlanRules.Diagnostics;
using PlanRules.Output;
using PlanRules.PlanTests;
using PlanRules.Workspace;

namespace PlanRules.Cli;

/// <summary><c>planrules test PATH…</c>: runs analysts' <c>*.plantest</c> files; exit 1 on any failure.</summary>
internal static class TestCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("PATH") { Arity = ArgumentArity.OneOrMore, Description = "测试文件或文件夹 / .plantest files or folders" };
        var coverage = new Option<bool>("--coverage") { Description = "列出每条规则被测试触发与未触发的次数 / list, per rule, how many tests made it fire and how many saw it stay silent" };
        var culture = new Option<string?>("--culture") { HelpName = "zh-CN|en", Description = "zh-CN | en" };
        var command = new Command("test", "运行规则测试 / run .plantest files") { paths, coverage, culture };
        command.SetAction(parse => CliApp.Guard(context, () =>
        {
            var cultureInfo = CliValues.Culture(parse.GetValue(culture));
            var inputs = InputFiles.Discover(parse.GetValue(paths)!, context.CurrentDirectory, InputKind.PlanTest);
            if (inputs.PlanTests.IsEmpty) throw new UsageException("没有找到 .plantest 文件 / no .plantest files found");
            var runner = new PlanTestRunner(new PlanChecker(context.Clock));
            var output = new StringBuilder();
            int passed = 0, failed = 0;
            var fired = new SortedDictionary<string, int>(StringComparer.Ordinal);
            var silent = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var file in inputs.PlanTests)
            {
                var (tests, problems) = PlanTestParser.Parse(file);
                // A file's syntax errors are printed each once and count as one failure of the file; a test with a
                // syntax error in it is not run (it would run with parts missing), so failures never exceed tests + files.
                foreach (var problem in problems) output.Append(TextReport.FormatFinding(problem, cultureInfo)).Append('\n');
                if (problems.Any(p => p.Severity == DiagnosticSeverity.Error)) failed++;
                var directory = Path.GetDirectoryName(Path.GetFullPath(file.Path, context.CurrentDirectory))!;
                foreach (var test in tests)
                {
                    if (test.HasSyntaxErrors) continue;
                    var result = runner.Run(test, directory, context.CurrentDirectory);
                    var where = $"{test.Location.Path}({test.Location.Line},{test.Location.Column})";
                    if (result.Passed)
                    {
                        passed++;
                        output.Append("PASS ").Append(where).Append(": ").Append(TextReport.OneLine(test.Name)).Append('\n');
                    }
                    else
                    {
                        failed++;
                        output.Append("FAIL ").Append(where).Append(": ").Append(TextReport.OneLine(test.Name)).Append('\n');
                        if (result.Error is not null) output.Append("  ").Append(TextReport.OneLine(result.Error)).Append('\n');
                        foreach (var missing in result.Missing)
                        {
                            output.Append("  缺少 / missing:    ").Append(missing).Append('\n');
                        }
                        foreach (var unknown in result.UnknownIds)
                        {
                            output.Append("  ").Append(Resources.Messages.Bilingual("PlanTest_UnknownId")).Append(": ").Append(unknown)
                                .Append(" @ ").Append(unknown.Location).Append('\n');
                        }
                        foreach (var extra in result.Unexpected)
                        {
                            output.Append("  多出 / unexpected: ").Append(PlanTestRunner.AsExpectation(extra))
                                .Append("   // ").Append(TextReport.OneLine(extra.GetMessage(cultureInfo))).Append(" @ ").Append(extra.Location).Append('\n');
                        }
                    }
                    if (result.Error is not null) continue;
                    var firedHere = result.Actual.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
                    foreach (var rule in result.RulesLoaded.Distinct())
                    {
                        var target = firedHere.Contains(rule) ? fired : silent;
                        target[rule] = target.GetValueOrDefault(rule) + 1;
                        (firedHere.Contains(rule) ? silent : fired).TryAdd(rule, 0);
                    }
                    // A rule that did not run (an error in it, or not in effect on the as-of date) is still listed: no test exercised it.
                    foreach (var rule in result.RulesDeclared)
                    {
                        fired.TryAdd(rule, 0);
                        silent.TryAdd(rule, 0);
                    }
                }
            }
            if (parse.GetValue(coverage)) AppendCoverage(output, fired, silent);
            output.Append(string.Create(CultureInfo.InvariantCulture, $"{passed} passed, {failed} failed\n"));
            context.Out.Write(output.ToString());
            return failed > 0 ? 1 : 0;
        }));
        return command;
    }

    private static void AppendCoverage(StringBuilder output, SortedDictionary<string, int> fired, SortedDictionary<string, int> silent)
    {
        output.Append("\n规则覆盖 / rule coverage\n");
        output.Append("rule      fired  silent\n");
        foreach (var rule in fired.Keys)
        {
            output.Append(string.Create(CultureInfo.InvariantCulture, $"{rule,-8}  {fired[rule],5}  {silent.GetValueOrDefault(rule),6}\n"));
        }
        var never = fired.Where(p => p.Value == 0).Select(p => p.Key).ToList();
        output.Append(never.Count == 0
            ? "每条规则都至少被一个测试触发 / every rule fires in at least one test\n"
            : "没有测试触发的规则 / rules no test makes fire: " + string.Join(", ", never) + "\n");
    }
}
