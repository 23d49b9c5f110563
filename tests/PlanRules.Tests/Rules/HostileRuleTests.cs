using System.Diagnostics;
using System.Text;
using PlanRules.Rules;
using PlanRules.Rules.Parsing;
using static PlanRules.Tests.Rules.RuleKit;

namespace PlanRules.Tests.Rules;

/// <summary>
/// Hostile rule files: deep nesting gives PR0003, long chains give a result, regex bombs finish. All on the
/// default test thread (no big-stack threads): a stack overflow would kill the test host.
/// </summary>
public class HostileRuleTests
{
    private const int N = 100_000;

    private const string Plan = Header + """
        task 1 "一" { lead 区政府办 }
        task 2 "二" { lead 区司法局 }
        """;

    private static string Rule(string condition) => "rule X001 \"x\" {\n  for task t\n  when " + condition + "\n}\nrule X002 \"after\" { for task t when t.id == \"1\" }\n";

    private static void Within(TimeSpan limit, Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        Assert.True(watch.Elapsed < limit, $"took {watch.Elapsed}");
    }

    [Fact]
    public void HundredThousandNestedParenthesesIsPR0003()
    {
        var text = Rule(new string('(', N) + "true" + new string(')', N));
        RuleSet set = null!;
        Within(TimeSpan.FromSeconds(20), () => set = Compile(text));
        var d = Single(set.Diagnostics, "PR0003");
        // Line 3 is "  when ((((…": the 257th parenthesis is one level too deep.
        Assert.Equal((3, 8 + 256), (d.Location.Line, d.Location.Column));
        Assert.Equal("嵌套深度超过上限 256 层", d.GetMessage(Zh));
        Assert.Equal("Nesting is deeper than the limit of 256 levels", d.GetMessage(En));
        Assert.DoesNotContain("X001", set.Rules.Select(r => r.Descriptor.Id));
        // Recovery: the next rule is still there.
        Assert.Contains("X002", set.Rules.Select(r => r.Descriptor.Id));
    }

    [Fact]
    public void NestingJustUnderTheLimitCompilesAndRuns()
    {
        var set = CompileClean(Rule(new string('(', 200) + "t.id == \"2\"" + new string(')', 200)));
        Assert.Equal("2", Single(Check(Plan, null, "2021-12-31", set).Diagnostics, "X001").TaskId);
    }

    [Fact]
    public void HundredThousandTermOrChainParsesChecksCompilesAndRuns()
    {
        var builder = new StringBuilder("t.id == \"0\"");
        for (var i = 1; i < N; i++) builder.Append(" or t.id == \"").Append(i * 2).Append('"');
        RuleSet set = null!;
        Within(TimeSpan.FromSeconds(60), () => set = CompileClean(Rule(builder.ToString())));
        var rule = set.Rules.Single(r => r.Descriptor.Id == "X001");
        var result = Check(Plan, null, "2021-12-31", set);
        var d = Single(result.Diagnostics, "X001");
        Assert.Equal("2", d.TaskId);
        // One term, however long the chain: terms are told apart by their text.
        Assert.Equal("2", Assert.Single(d.Properties, p => p.Key == "t.id").Value);
        Assert.Single(d.Properties);
    }

    [Fact]
    public void HundredThousandTermAndChainOfDistinctTermsKeepsABoundedExplanation()
    {
        var builder = new StringBuilder("len(t.id) > 0");
        for (var i = 1; i < N; i++) builder.Append(" and len(t.title) + ").Append(i).Append(" > 0");
        RuleSet set = null!;
        Within(TimeSpan.FromSeconds(60), () => set = CompileClean(Rule(builder.ToString())));
        var d = Single(Check(Plan, null, "2021-12-31", set).Diagnostics.Where(x => x.TaskId == "1"), "X001");
        Assert.Equal(32, d.Properties.Count);
        Assert.Equal("1", d.Properties["len(t.id)"]);
    }

    [Fact]
    public void HundredThousandTermArithmeticChain()
    {
        var text = Rule(string.Join(" + ", Enumerable.Repeat("1", N)) + " == " + N + " and t.id == \"1\"");
        var set = CompileClean(text);
        Assert.Equal("1", Single(Check(Plan, null, "2021-12-31", set).Diagnostics, "X001").TaskId);
    }

    [Theory]
    [InlineData("parentheses")]
    [InlineData("quantifiers")]
    [InlineData("lists")]
    [InlineData("not-comparisons")]
    [InlineData("negations")]
    [InlineData("quantifiers-in-parentheses")]
    public void NestingJustUnderTheLimitOfEveryKindBindsCompilesAndRunsOnTheTestThread(string kind)
    {
        var condition = kind switch
        {
            "parentheses" => new string('(', 250) + "t.id == \"1\"" + new string(')', 250),
            "quantifiers" => string.Concat(Enumerable.Repeat("any u in t.lead: ", 250)) + "t.id == \"1\"",
            "lists" => "count(" + new string('[', 200) + "t.id" + new string(']', 200) + ") > 0 and t.id == \"1\"",
            "not-comparisons" => string.Concat(Enumerable.Repeat("t.recurring == not ", 250)) + "t.recurring == (t.id != \"1\")", // each `false == not e` is e: the whole is t.id == "1"
            "negations" => new string('-', 250) + "1 < 5 and t.id == \"1\"",
            _ => string.Concat(Enumerable.Repeat("any u in t.lead: (", 120)) + "t.id == \"1\"" + new string(')', 120),
        };
        var set = CompileClean(Rule(condition));
        Assert.Equal("1", Single(Check(Plan, null, "2021-12-31", set).Diagnostics, "X001").TaskId);
    }

    [Fact]
    public void HundredThousandNotsIsPR0003()
    {
        var text = Rule(string.Concat(Enumerable.Repeat("not ", N)) + "t.recurring");
        RuleSet set = null!;
        Within(TimeSpan.FromSeconds(20), () => set = Compile(text));
        var d = Single(set.Diagnostics, "PR0003");
        Assert.Equal((3, 8 + 4 * 256), (d.Location.Line, d.Location.Column));
        Assert.Contains("X002", set.Rules.Select(r => r.Descriptor.Id));
    }

    [Fact]
    public void NotsUnderTheLimitRun()
    {
        var set = CompileClean(Rule(string.Concat(Enumerable.Repeat("not ", 200)) + "(t.id == \"1\")"));
        Assert.Equal("1", Single(Check(Plan, null, "2021-12-31", set).Diagnostics, "X001").TaskId);
    }

    [Theory]
    [InlineData("t.recurring == not ")] // a == not b == not c …: recursion through the operand of a comparison
    [InlineData("-not ")]
    [InlineData("any u in t.lead: ")]
    [InlineData("count(")]
    [InlineData("[")]
    [InlineData("contains(t.id, ")]
    public void HundredThousandNestedConstructsOfOtherKindsArePR0003(string opener)
    {
        var closer = opener switch { "count(" or "contains(t.id, " => ")", "[" => "]", _ => "" };
        var text = Rule(string.Concat(Enumerable.Repeat(opener, N)) + "true" + string.Concat(Enumerable.Repeat(closer, N)));
        RuleSet set = null!;
        Within(TimeSpan.FromSeconds(30), () => set = Compile(text));
        Assert.Contains(set.Diagnostics, d => d.Id == "PR0003");
        Assert.Contains("X002", set.Rules.Select(r => r.Descriptor.Id));
    }

    [Fact]
    public void NotInsideAComparisonCountsAsNesting()
    {
        // Regression: `a == not b == not c …` recursed without counting and overflowed the stack (killing the process).
        var set = Compile(Rule(string.Concat(Enumerable.Repeat("t.recurring == not ", N)) + "true"));
        var d = Single(set.Diagnostics, "PR0003");
        Assert.Equal((3, 8 + 19 * 256 + 15), (d.Location.Line, d.Location.Column));
        Assert.Contains("X002", set.Rules.Select(r => r.Descriptor.Id));
    }

    [Fact]
    public void HundredThousandMemberAccessesArePR0003()
    {
        var text = Rule("t" + string.Concat(Enumerable.Repeat(".id", N)) + " == none");
        var set = Compile(text);
        Assert.Contains(set.Diagnostics, d => d.Id == "PR0003");
    }

    [Fact]
    public void HundredThousandNegationsArePR0003()
    {
        var set = Compile(Rule(new string('-', N) + "1 > 0"));
        Assert.Contains(set.Diagnostics, d => d.Id == "PR0003");
    }

    [Fact]
    public void DeepHolesInMessagesArePR0003()
    {
        var text = "rule X001 \"x\" {\n  for task t\n  when true\n  message \"{" + new string('(', N) + "t.id" + new string(')', N) + "}\"\n}\n";
        var set = Compile(text);
        Assert.Contains(set.Diagnostics, d => d.Id == "PR0003");
    }

    [Fact]
    public void RegexBombOnALongTitleFinishesQuickly()
    {
        var title = new string('a', 50_000) + "!";
        var plan = Header + $$"""
            task 1 "{{title}}" { lead 区政府办 }
            task 2 "aaa" { lead 区政府办 }
            """;
        var set = CompileClean("""
            rule RX01 "回溯炸弹" {
              for task t
              when matches(t.title, "(a+)+$")
            }
            rule RX02 "嵌套量词" {
              for task t
              when matches(t.title, "^(a|aa|a?)*b$")
            }
            """);
        Within(TimeSpan.FromSeconds(10), () =>
        {
            var result = Check(plan, null, "2021-12-31", set);
            Assert.Equal("2", Single(result.Diagnostics, "RX01").TaskId);
            Assert.DoesNotContain(result.Diagnostics, d => d.Id is "RX02" or "PR2005");
        });
    }

    [Fact]
    public void BackreferencesAreRefusedAtCompileTime()
    {
        // The non-backtracking engine cannot run them: refused before anything runs, at the pattern.
        var set = Compile("""
            rule RX03 "x" {
              for task t
              when matches(t.title, "(a)\\1")
            }
            """);
        var d = Single(set.Diagnostics, "PR0002");
        Assert.Equal((3, 25), (d.Location.Line, d.Location.Column));
    }

    [Fact]
    public void HugeRuleFileParsesLinearly()
    {
        var builder = new StringBuilder();
        for (var i = 0; i < 1_000; i++) builder.Append("rule R").Append(i).Append(" \"r\" { for task t when count(t.lead) > ").Append(i).Append(" }\n");
        RuleSet set = null!;
        Within(TimeSpan.FromSeconds(60), () => set = CompileClean(builder.ToString()));
        Assert.Equal(1_000, set.Rules.Length);
    }

    [Fact]
    public void UnterminatedStringAndHoleDoNotCrash()
    {
        foreach (var text in new[] { "rule A \"x\" { for task t when t.id == \"", "rule A \"x\" { for task t when true message \"{t.id", "rule A \"x\" { message \"{{{{{", "rule", "rule A", "}}}}", "rule A \"x\" { for task t when (" })
        {
            var file = RulesParser.Parse(text, "x.rules");
            Assert.NotEmpty(file.Diagnostics);
            _ = Compile(text);
        }
    }
}
