using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Testing;
using PlanRules.Analysis;
using PlanRules.Binding;
using PlanRules.Cli;
using PlanRules.Diagnostics;
using PlanRules.Ledger;
using PlanRules.Output.Html;
using PlanRules.Rules;
using PlanRules.Syntax;
using PlanRules.Text;

namespace PlanRules.Tests.Robustness;

/// <summary>
/// No input may take the host down: each hostile input ends in findings or a clear error, within a generous
/// bound that only catches hangs (never a speed assertion).
/// </summary>
public sealed class HostileInputTests
{
    private static readonly TimeSpan HangBound = TimeSpan.FromMinutes(3);

    private static T WithinBound<T>(Func<T> work)
    {
        var task = Task.Run(work);
        Assert.True(task.Wait(HangBound), "did not finish: a hang");
        return task.Result;
    }

    /// <summary>Checks one plan as of 2021-12-31 without the standard rules, within the hang bound.</summary>
    private static CheckResult CheckWithinBound(string text, string path, ParseOptions? options = null) =>
        WithinBound(() => new PlanChecker(new FakeClock(Instant.FromUtc(2022, 1, 1, 0, 0))).Check(new CheckRequest
        {
            Plans = [new SourceText(text, path)],
            AsOf = new LocalDate(2021, 12, 31),
            IncludeStandardRules = false,
            ParseOptions = options ?? ParseOptions.Default,
        }));

    private static string Header => "plan \"p\" { ref \"r\" issued 2021-01-01 period 2021-01-01 .. 2021-12-31 }\nunit A\n";

    [Fact]
    public void GroupOfThousandsOnThousandsOfTasks_StopsAtTheObligationLimit_WithPR0003()
    {
        // 150 KB of text that names a group of 3 000 units on 3 000 tasks: nine million obligations (and as many
        // findings) took minutes and 10 GB before the limit. A small limit shows the behaviour; the default is 1 Mi.
        var text = new StringBuilder("plan \"p\" { period 2021-01-01 .. 2021-12-31 }\n");
        for (var i = 0; i < 3_000; i++) text.Append("unit u").Append(i).Append('\n');
        text.Append("group g = ").AppendJoin(", ", Enumerable.Range(0, 3_000).Select(i => "u" + i)).Append('\n');
        for (var t = 1; t <= 3_000; t++) text.Append("task ").Append(t).Append(" \"t\" { lead g due 2021-06-01 }\n");
        text.Append("task 9999 \"small\" { lead u1 due 2021-06-01 }\n");

        var result = CheckWithinBound(text.ToString(), "bomb.plan", new ParseOptions { MaxObligations = 10_000 });

        var limit = Assert.Single(result.Diagnostics, d => d.Id == "PR0003");
        Assert.Equal(("4", DiagnosticSeverity.Error), (limit.TaskId, limit.Severity));
        Assert.Equal("闭合组展开后，计划的义务超过上限 10000 项（从任务 4 起）；任务 4 及其后超出上限的任务不再生成义务", limit.GetMessage(CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Equal(9_001, result.Plan.Obligations.Length); // three tasks of 3 000, and the small task that still fits
        Assert.Contains(result.Plan.Obligations, o => o.Task.Id == "9999");

        // The default limit: 349 tasks of 3 000 fit in 1 Mi obligations, then the small task.
        var bound = WithinBound(() => PlanBinder.Bind([PlanParser.Parse(new SourceText(text.ToString()))]));
        Assert.Equal(349 * 3_000 + 1, bound.Obligations.Length);
        Assert.Equal("350", Assert.Single(bound.Diagnostics, d => d.Id == "PR0003").TaskId);
    }

    [Fact]
    public void ReportOfAHundredThousandObligations_IsCutToAPageABrowserOpens()
    {
        // A group of 40 on 2 500 tasks and a group of 600 on one: 100 600 obligations, each overdue (as many findings).
        // The whole page once ran out of memory on such plans; within the default limits it is a few megabytes.
        var text = new StringBuilder("plan \"p\" { period 2021-01-01 .. 2021-12-31 }\n");
        for (var i = 0; i < 640; i++) text.Append("unit u").Append(i).Append('\n');
        text.Append("group g = ").AppendJoin(", ", Enumerable.Range(0, 40).Select(i => "u" + i)).Append('\n');
        text.Append("group h = ").AppendJoin(", ", Enumerable.Range(40, 600).Select(i => "u" + i)).Append('\n');
        for (var t = 1; t <= 2_500; t++) text.Append("task ").Append(t).Append(" \"t\" { lead g due 2021-06-01 }\n");
        text.Append("task 9999 \"all\" { lead h due 2021-06-01 }\n");
        var result = CheckWithinBound(text.ToString(), "big.plan");
        Assert.Equal(100_600, result.Plan.Obligations.Length);

        var html = WithinBound(() => HtmlReportWriter.Render(result, CultureInfo.GetCultureInfo("zh-CN")));

        Assert.True(html.Length < 10_000_000, $"{html.Length} characters");
        Assert.Equal(2 * 5_000, Regex.Count(html, "<li class=\"finding ")); // by unit and by task
        Assert.Equal(500, Regex.Count(html, "<tr class=\"band"));
        Assert.Equal(10_000, Regex.Count(html, "<tr data-task="));
        Assert.Equal(2_000, Regex.Count(html, "<g class=\"task "));
        Assert.Contains($"data-count=\"warning\"><span class=\"n\">{result.Summary.Warnings}</span>", html);
        Assert.Contains("data-count=\"overdue\"><span class=\"n\">100600</span>", html);
        Assert.Contains($"仅列出前 5,000 条发现（共 {result.Summary.Warnings:N0} 条）", html);
        Assert.Contains("仅列出逾期情况最差的前 500 个单位（共 640 个）", html);
        Assert.Contains("仅列出 10,000 项义务（共 100,600 项）", html);
        Assert.Contains("时间轴仅画出前 2,000 项任务（共 2,501 项）", html);
        Assert.EndsWith("</html>\n", html);
    }

    [Fact]
    public void TwoHundredThousandNestedSections_GivePR0003()
    {
        var text = new StringBuilder(Header);
        for (var i = 0; i < 200_000; i++) text.Append("section s").Append(i).Append(" \"x\" {\n");
        text.Append("task 1 \"t\" { lead A }\n");
        text.Append('}', 200_000);
        var file = WithinBound(() => PlanParser.Parse(text.ToString(), "deep.plan"));
        var limit = Assert.Single(file.Diagnostics, d => d.Id == "PR0003");
        Assert.Equal(2 + 33, limit.Location.Line);
    }

    [Fact]
    public void FiveMillionCharacterUnterminatedString_IsOneSyntaxError()
    {
        var text = Header + "task 1 \"" + new string('长', 5_000_000);
        var file = WithinBound(() => PlanParser.Parse(text, "long.plan"));
        Assert.Contains(file.Diagnostics, d => d.Id == "PR0001" && d.Location.Line == 3);
        Assert.All(file.Diagnostics, d => Assert.True(d.Location.SourceSpan.End <= text.Length));
    }

    [Fact]
    public void TwoMegabytesOfRandomText_GiveFindingsInEveryLanguage()
    {
        var random = new Random(20211231);
        var bytes = new byte[2 * 1024 * 1024];
        random.NextBytes(bytes);
        var text = Encoding.UTF8.GetString(bytes); // invalid sequences become U+FFFD
        WithinBound(() =>
        {
            Assert.NotEmpty(PlanParser.Parse(text, "random.plan").Diagnostics);
            Assert.NotEmpty(LedgerParser.Parse(text, "random.ledger").Diagnostics);
            Assert.NotEmpty(LedgerCsvReader.Read(new SourceText(text, "random.ledger.csv")).Diagnostics);
            Assert.NotEmpty(RuleSet.Compile([new SourceText(text, "random.rules")]).Diagnostics);
            return 0;
        });
    }

    [Fact]
    public void FiftyMegabytePlan_IsRefusedWithPR0003()
    {
        var task = "task 1 \"推进规范性文件统一公开\" { lead A }\n";
        var text = new StringBuilder(Header, 50 * 1024 * 1024 + 1024);
        while (text.Length < 50 * 1024 * 1024) text.Append(task);
        var file = WithinBound(() => PlanParser.Parse(text.ToString(), "huge.plan"));
        var limit = Assert.Single(file.Diagnostics);
        Assert.Equal("PR0003", limit.Id);
        Assert.Empty(file.Declarations);
    }

    [Fact]
    public void LedgersHaveTheirOwnSizeLimit_InBothForms()
    {
        // A ledger may be larger than a plan (MaxInputLength) and still be read, up to MaxLedgerLength.
        var options = new ParseOptions { MaxInputLength = 100, MaxLedgerLength = 1_000 };
        var line = "2021-06-01 task 1 done by A\n";
        var csvLine = "2021-06-01,1,done,A,,\n";
        var text = string.Concat(Enumerable.Repeat(line, 10));
        var csv = "date,task,status,by,evidence,note\n" + string.Concat(Enumerable.Repeat(csvLine, 10));
        Assert.Equal(10, LedgerParser.Parse(new SourceText(text, "a.ledger"), options).Records.Length);
        Assert.Equal(10, LedgerCsvReader.Read(new SourceText(csv, "a.ledger.csv"), options).Records.Length);

        var huge = string.Concat(Enumerable.Repeat(line, 100));
        var hugeCsv = "date,task,status,by,evidence,note\n" + string.Concat(Enumerable.Repeat(csvLine, 100));
        foreach (var file in new[] { LedgerParser.Parse(new SourceText(huge, "b.ledger"), options), LedgerCsvReader.Read(new SourceText(hugeCsv, "b.ledger.csv"), options) })
        {
            var limit = Assert.Single(file.Diagnostics);
            Assert.Equal("PR0003", limit.Id);
            Assert.Contains("1000", limit.GetMessage(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
            Assert.Empty(file.Records);
        }
    }

    [Fact]
    public void LedgerWithTenThousandBadLines_CountsEveryGoodLine()
    {
        var plan = Header + "task 1 \"t\" { lead A due 2021-06-30 }\n";
        var ledger = new StringBuilder();
        for (var i = 0; i < 10_000; i++)
        {
            ledger.Append((i % 4) switch
            {
                0 => "2021-02-30 task 1 done\n",
                1 => "2021-03-01 task 1 finished\n",
                2 => "2021-03-01 task 1 done evidence \"unterminated\n",
                _ => "garbage line ✗✗✗\n",
            });
            if (i % 10 == 0) ledger.Append("2021-05-01 task 1 occurred by A\n");
        }
        ledger.Append("2021-06-01 task 1 done by A evidence \"https://example.gov.cn/1\"\n");
        var file = WithinBound(() => LedgerParser.Parse(ledger.ToString(), "bad.ledger"));
        Assert.Equal(1_001, file.Records.Length);
        Assert.Equal(10_000, file.Diagnostics.Length);
        var result = new PlanChecker(new FakeClock(Instant.FromUtc(2021, 12, 31, 0, 0))).Check(new CheckRequest
        {
            Plans = [new SourceText(plan, "p.plan")],
            Ledgers = [new SourceText(ledger.ToString(), "bad.ledger")],
            AsOf = new LocalDate(2021, 12, 31),
        });
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "PR3001");
        Assert.Equal(1_001, result.RecordCount);
    }

    [Theory]
    [InlineData("2021-03-01,1,done,,x\"y\"z,\"a\"\"b")]   // a quote inside a field, then one that never closes
    [InlineData("2021-03-01,1,done,,,\"a\"\"b")]            // a quote that never closes: runs over every later line
    [InlineData("2021-03-01,1,done,,\"a\"b,c")]              // text after a closing quote
    public void CsvLedgerWithHundredThousandBadQuotes_IsReadInLinearTime_AndCountsEveryGoodLine(string bad)
    {
        // Each bad row used to make CsvHelper re-read (and copy) the rest of the file: 64 KB took minutes.
        var ledger = new StringBuilder("date,task,status,by,evidence,note\n");
        for (var i = 0; i < 100_000; i++)
        {
            ledger.Append(bad).Append('\n');
            if (i % 100 == 0) ledger.Append("2021-05-01,1,occurred,A,,\n");
        }
        var file = WithinBound(() => LedgerCsvReader.Read(new SourceText(ledger.ToString(), "bad.ledger.csv")));
        Assert.Equal(1_000, file.Records.Length);
        Assert.Equal(100_000, file.Diagnostics.Length);
        Assert.All(file.Diagnostics, d => Assert.Equal("PR0001", d.Id));
        Assert.Equal(2, file.Diagnostics[0].Location.Line);
        Assert.Equal(100_000 + 1_000 + 1, file.Diagnostics[^1].Location.Line);
    }

    [Fact]
    public void NoticeWithATaskLineOfHalfAMillionClauses_ImportsInLinearTime()
    {
        // Each comma clause of a task's sentence was parsed as a possible owner tail to the end of the line:
        // 20 000 clauses took minutes.
        var line = new StringBuilder("番禺区2021年政务公开工作要点\n1.任务");
        for (var i = 0; i < 500_000; i++) line.Append("做好工作，");
        line.Append("由区财政局负责。\n");
        var result = WithinBound(() => PlanRules.Import.NoticeImporter.ImportText(line.ToString(), "long.txt"));
        Assert.False(result.HasErrors);
        Assert.Equal(["区财政局"], result.Plan.GetTask("1")!.Lead.Select(u => u.Name));
    }

    [Fact]
    public void TwoHundredThousandNestedGroups_Bind()
    {
        // g1 = g0, g2 = g1, …: every group expands to the one unit at the bottom.
        var text = new StringBuilder(Header).Append("group g0 = A\n");
        for (var i = 1; i < 200_000; i++) text.Append("group g").Append(i).Append(" = g").Append(i - 1).Append('\n');
        text.Append("task 1 \"t\" { lead g199999 due 2021-06-01 }\ntask 2 \"t\" { lead g100000 due 2021-06-01 }\n");
        var result = WithinBound(() => new PlanChecker().Check(new CheckRequest
        {
            Plans = [new SourceText(text.ToString(), "groups.plan")],
            AsOf = new LocalDate(2021, 12, 31),
        }));
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(["1/A", "2/A"], result.Plan.Obligations.Select(o => $"{o.Task.Id}/{o.Unit.Name}"));
        Assert.Equal(2, result.Diagnostics.Count(d => d.Id == "PR3001"));
    }

    [Fact]
    public void HundredThousandNestedGroups_EachAddingAUnit_Bind()
    {
        // g1 = g0, u1; g2 = g1, u2; …: all expansions together hold 5·10⁹ units; the one a task names holds 10⁵.
        var text = new StringBuilder(Header).Append("unit u0\ngroup g0 = u0\n");
        for (var i = 1; i < 100_000; i++) text.Append("unit u").Append(i).Append("\ngroup g").Append(i).Append(" = g").Append(i - 1).Append(", u").Append(i).Append('\n');
        text.Append("task 1 \"t\" { lead g99999 }\n");
        var plan = WithinBound(() => PlanBinder.Bind(new SourceText(text.ToString(), "groups.plan")));
        Assert.DoesNotContain(plan.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var obligations = plan.GetTask("1")!.Obligations;
        Assert.Equal(100_000, obligations.Length);
        Assert.Equal(("u0", "u99999"), (obligations[0].Unit.Name, obligations[^1].Unit.Name));
    }

    [Fact]
    public void TwoHundredThousandGroupsInOneCycle_GivePR1010()
    {
        var text = new StringBuilder(Header).Append("group g0 = A, g199999\n");
        for (var i = 1; i < 200_000; i++) text.Append("group g").Append(i).Append(" = g").Append(i - 1).Append('\n');
        text.Append("task 1 \"t\" { lead g5 }\n");
        var plan = WithinBound(() => PlanBinder.Bind(new SourceText(text.ToString(), "cycle.plan")));
        var cycle = Assert.Single(plan.Diagnostics, d => d.Id == "PR1010");
        Assert.Equal((3, 7), (cycle.Location.Line, cycle.Location.Column));
        Assert.StartsWith("Group membership cycle: g0 → g199999 → g199998 → g199997", cycle.GetMessage(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }

    [Fact]
    public void RegexBombInMatches_FinishesOrFaultsTheElement()
    {
        var plan = Header + "task 1 \"" + new string('a', 50_000) + "!\" { lead A }\n";
        var rules = RuleSet.Compile([new SourceText("rule X001 \"bomb\" { for task t when matches(t.title, \"^(a+)+$\") }", "bomb.rules")]);
        Assert.Empty(rules.Diagnostics);
        var result = WithinBound(() => new PlanChecker().Check(new CheckRequest
        {
            Plans = [new SourceText(plan, "p.plan")],
            RuleSets = [rules],
            AsOf = new LocalDate(2021, 12, 31),
        }));
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "X001");
    }

    [Fact]
    public void DeepRuleExpressions_GivePR0003OrAResult()
    {
        var parens = "rule X002 \"p\" { for task t when " + new string('(', 200_000) + "true" + new string(')', 200_000) + " }";
        var deep = WithinBound(() => RuleSet.Compile([new SourceText(parens, "parens.rules")]));
        Assert.Contains(deep.Diagnostics, d => d.Id == "PR0003");

        var chain = "rule X003 \"c\" { for task t when " + string.Join(" or ", Enumerable.Range(0, 100_000).Select(i => $"t.id == \"{i}\"")) + " }";
        var wide = WithinBound(() => RuleSet.Compile([new SourceText(chain, "chain.rules")]));
        Assert.Empty(wide.Diagnostics);
        var result = WithinBound(() => new PlanChecker().Check(new CheckRequest
        {
            Plans = [new SourceText(Header + "task 99999 \"t\" { lead A }\n", "p.plan")],
            RuleSets = [wide],
            AsOf = new LocalDate(2021, 12, 31),
        }));
        Assert.Single(result.Diagnostics, d => d.Id == "X003");
    }

    public static TheoryData<string, byte[]> HostileFiles() => new()
    {
        { "invalid-utf8.plan", [0x70, 0x6C, 0x61, 0x6E, 0x20, 0xC3, 0x28, 0xFF, 0xFE] },
        { "random.plan", RandomBytes(2 * 1024 * 1024) },
        { "deep.plan", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("section 1 \"x\" {", 50_000))) },
        { "nul.plan", Encoding.UTF8.GetBytes("plan \"\0\" {\0}\0task\0") },
        { "empty.plan", [] },
    };

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(7).NextBytes(bytes);
        return bytes;
    }

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public void Cli_NeverPrintsAStackTrace_AndExitsWithZeroOneOrTwo(string name, byte[] content)
    {
        var directory = Directory.CreateTempSubdirectory("planrules-hostile-");
        try
        {
            File.WriteAllBytes(Path.Combine(directory.FullName, name), content);
            foreach (var args in new[] { new[] { "check", name }, ["check", name, "--format", "sarif"], ["model", name], ["fmt", "--check", name] })
            {
                var stdout = new StringWriter();
                var stderr = new StringWriter();
                var exit = WithinBound(() => CliApp.Run(args, stdout, stderr, directory.FullName, new FakeClock(Instant.FromUtc(2021, 12, 31, 0, 0))));
                Assert.InRange(exit, 0, 2);
                Assert.DoesNotContain("   at ", stderr.ToString());
                Assert.DoesNotContain("Exception:", stderr.ToString().Replace("internal error", ""));
                Assert.True(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length <= 1 || exit != 2,
                    "exit 2 comes with one line on stderr");
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
