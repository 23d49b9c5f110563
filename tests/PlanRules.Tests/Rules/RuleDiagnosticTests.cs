using PlanRules.Diagnostics;
using PlanRules.Rules;
using static PlanRules.Tests.Rules.RuleKit;

namespace PlanRules.Tests.Rules;

/// <summary>PR2001..PR2004 and PR0001 in rule files: exact spans, messages in both cultures, recovery.</summary>
public class RuleDiagnosticTests
{
    private const string Plan = Header + """
        task 1 "一" { lead 区政府办, 区司法局, 区财政局, 区教育局 }
        task 2 "二" { lead 区政府办 }
        """;

    private static Diagnostic OnlyError(RuleSet set, string id)
    {
        var finding = Single(set.Diagnostics, id);
        Assert.Equal(DiagnosticSeverity.Error, finding.Severity);
        Assert.Equal(RulesPath, finding.Location.Path);
        return finding;
    }

    private static void EndsAt(Diagnostic d, int line, int column) =>
        Assert.Equal((line, column), (d.Location.LineSpan.End.Line, d.Location.LineSpan.End.Column));

    [Fact]
    public void UnknownMemberSuggestsTheClosest()
    {
        var set = Compile("""
            rule R1 "期限" {
              for task t
              when t.dew != none
            }
            """);
        var d = OnlyError(set, "PR2001");
        Finding(d, "PR2001", 3, 10, "任务没有成员 'dew'，是否指 'due'？", "task has no member 'dew'; did you mean 'due'?");
        EndsAt(d, 3, 13);
        Assert.Empty(set.Rules);
    }

    [Fact]
    public void UnknownMemberOnObligationUnitAndPlanNamesTheType()
    {
        var set = Compile("""
            rule R1 "a" { for obligation o when o.evidense == none }
            rule R2 "b" { for unit u when u.titel == none }
            rule R3 "c" { for plan p when p.reff == none }
            rule R4 "d" { for task t when t.due.year == 2021 }
            """);
        var findings = set.Diagnostics.Where(d => d.Id == "PR2001").ToList();
        Assert.Equal(4, findings.Count);
        Finding(findings[0], "PR2001", 1, 39, "义务没有成员 'evidense'，是否指 'evidence'？", "obligation has no member 'evidense'; did you mean 'evidence'?");
        Finding(findings[1], "PR2001", 2, 33, "单位没有成员 'titel'，是否指 'title'？", "unit has no member 'titel'; did you mean 'title'?");
        Finding(findings[2], "PR2001", 3, 33, "计划没有成员 'reff'，是否指 'ref'？", "plan has no member 'reff'; did you mean 'ref'?");
        // Members of non-element types: a date has none.
        Finding(findings[3], "PR2001", 4, 37, "date没有成员 'year'", "date has no member 'year'");
    }

    [Fact]
    public void UnknownNameSuggestsTheVariable()
    {
        var set = Compile("""
            rule R1 "期限" {
              for task task1
              when taks1.due != none
            }
            """);
        var d = OnlyError(set, "PR2001");
        Finding(d, "PR2001", 3, 8, "未知的名称 'taks1'，是否指 'task1'？", "Unknown name 'taks1'; did you mean 'task1'?");
        EndsAt(d, 3, 13);
    }

    [Fact]
    public void UnknownNameWithoutACloseCandidateHasNoSuggestion()
    {
        var set = Compile("""rule R1 "x" { for task t when zzzzzz > 1 }""");
        Finding(OnlyError(set, "PR2001"), "PR2001", 1, 31, "未知的名称 'zzzzzz'", "Unknown name 'zzzzzz'");
    }

    [Fact]
    public void QuantifierVariableIsInScopeOnlyInsideItsBody()
    {
        var set = Compile("""
            rule R1 "x" {
              for task t
              when (any u in t.lead: u.isGroup) and u.isGroup
            }
            """);
        Finding(OnlyError(set, "PR2001"), "PR2001", 3, 41, "未知的名称 'u'，是否指 't'？", "Unknown name 'u'; did you mean 't'?");
    }

    [Fact]
    public void UnknownFunctionSuggestsABuiltin()
    {
        var set = Compile("""
            rule R1 "牵头单位过多" {
              for task t
              when cuont(t.lead) > 3
            }
            """);
        var d = OnlyError(set, "PR2001");
        Finding(d, "PR2001", 3, 8, "未知的函数 'cuont'，是否指 'count'？", "Unknown function 'cuont'; did you mean 'count'?");
        EndsAt(d, 3, 13);
    }

    [Fact]
    public void OperatorMismatchNamesBothTypesAtTheOperator()
    {
        var set = Compile("""
            rule R1 "x" {
              for task t
              when t.due > 3
            }
            """);
        var d = OnlyError(set, "PR2002");
        Finding(d, "PR2002", 3, 14, "运算符 '>' 不能用于 date 和 int", "Operator '>' cannot be applied to date and int");
        EndsAt(d, 3, 15);
    }

    [Fact]
    public void ArithmeticMismatchNamesBothTypes()
    {
        var set = Compile("""
            rule R1 "x" {
              for task t
              when t.due + t.title == none
            }
            """);
        Finding(OnlyError(set, "PR2002"), "PR2002", 3, 13, "运算符 '+' 不能用于 date 和 text", "Operator '+' cannot be applied to date and text");
    }

    [Fact]
    public void InOnANonListNamesBothTypes()
    {
        var set = Compile("""
            rule R1 "x" {
              for task t
              when t.id in t.title
            }
            """);
        Finding(OnlyError(set, "PR2002"), "PR2002", 3, 13, "运算符 'in' 不能用于 text 和 text", "Operator 'in' cannot be applied to text and text");
    }

    [Fact]
    public void ArgumentMismatchNamesTheSignatureAndTheArguments()
    {
        var set = Compile("""
            rule R1 "x" {
              for task t
              when contains(t.lead, "区")
            }
            """);
        var d = OnlyError(set, "PR2002");
        Finding(d, "PR2002", 3, 8,
            "类型不匹配：应为 contains(text, text)，实际为 contains(list of unit, text)",
            "Type mismatch: expected contains(text, text), found contains(list of unit, text)");
        EndsAt(d, 3, 29);
    }

    [Theory]
    [InlineData("min(t.obligations)", "list of obligation")]
    [InlineData("max([true, false])", "list of bool")]
    [InlineData("min([done])", "list of status")]
    [InlineData("max([1d, 2d])", "list of period")]
    [InlineData("min(t.due)", "date")]
    [InlineData("min([[none]])", "list of list of none")]
    public void MinMaxOfAListItCannotOrder_NamesTheAcceptedListsAtTheArgument(string call, string found)
    {
        var text = "rule R1 \"x\" {\n  for task t\n  when " + call + " == none\n}\n";
        var d = OnlyError(Compile(text), "PR2002");
        var argument = call[4..^1];
        Finding(d, "PR2002", 3, 12,
            $"类型不匹配：应为 数字、日期或文本的列表，实际为 {found}",
            $"Type mismatch: expected a list of numbers, dates or text, found {found}");
        EndsAt(d, 3, 12 + argument.Length);
    }

    [Fact]
    public void MinMaxOfText_TypeChecks()
    {
        var set = CompileClean("""
            rule R1 "x" { for task t when min(t.evidence) < max(t.tags) and min([t.title, "a"]) != none message "{max(t.notes)}" }
            """);
        Assert.Single(set.Rules);
    }

    [Fact]
    public void MinMaxOfAListOfNone_TypeChecksAndIsNone()
    {
        // A list with no value to order gives none, as an empty list does at run time (it was PR2002).
        var set = CompileClean("""
            rule R1 "x" {
              for task t
              where t.id == "1"
              when min([none, none]) == none and max([]) == none and any x in [none]: x == none
              message "{max([none])}/{min(none)}/{count([none, none])}/{count x in none: true}"
            }
            """);
        var d = Single(Check(Header + "task 1 \"一\" { lead 区政府办 }", null, "2021-12-31", set).Diagnostics, "R1");
        Assert.Equal("无/无/2/0", d.GetMessage(Zh));
        Assert.Equal("none/none/2/0", d.GetMessage(En));
    }

    [Fact]
    public void ArgumentCountMismatch()
    {
        var set = Compile("""
            rule R1 "x" {
              for task t
              when count(t.lead, t.with) > 1
            }
            """);
        Finding(OnlyError(set, "PR2002"), "PR2002", 3, 8, "函数 count(list) 需要 1 个参数，实际为 2 个", "Function count(list) takes 1 argument(s), found 2");
    }

    [Fact]
    public void ConditionMustBeBool()
    {
        var set = Compile("""
            rule R1 "x" {
              for task t where t.id
              when count(t.lead)
            }
            """);
        var findings = set.Diagnostics.Where(d => d.Id == "PR2002").ToList();
        Assert.Equal(2, findings.Count);
        Finding(findings[0], "PR2002", 2, 20, "类型不匹配：应为 bool，实际为 text", "Type mismatch: expected bool, found text");
        Finding(findings[1], "PR2002", 3, 8, "类型不匹配：应为 bool，实际为 int", "Type mismatch: expected bool, found int");
        EndsAt(findings[1], 3, 21);
    }

    [Fact]
    public void ErrorsDoNotCascade()
    {
        // One unknown member; the comparison and the 'and' built on it say nothing more.
        var set = Compile("""
            rule R1 "x" {
              for task t
              when t.dew > 3 and count(t.dew) > 1
            }
            """);
        Assert.Equal(2, set.Diagnostics.Length);
        Assert.All(set.Diagnostics, d => Assert.Equal("PR2001", d.Id));
    }

    [Fact]
    public void DuplicateIdPointsAtTheSecondWithTheFirstAsRelated()
    {
        var set = Compile("""
            rule R1 "a" { for task t when count(t.lead) > 3 }
            rule R1 "b" { for task t when count(t.lead) > 0 }
            """);
        var d = OnlyError(set, "PR2003");
        Finding(d, "PR2003", 2, 6, "规则 id 'R1' 重复", "Duplicate rule id 'R1'");
        var first = Assert.Single(d.AdditionalLocations);
        Assert.Equal((1, 6), (first.Line, first.Column));
        // The first rule still runs.
        Assert.Equal("a", Assert.Single(set.Rules).Descriptor.Title.ToString(Zh));
    }

    [Fact]
    public void DuplicateIdAcrossFilesIsCaseInsensitive()
    {
        var set = RuleSet.Compile([
            new PlanRules.Text.SourceText("""rule gov900 "a" { for task t when true }""", "a.rules"),
            new PlanRules.Text.SourceText("""rule GOV900 "b" { for task t when true }""", "b.rules"),
        ]);
        var d = Single(set.Diagnostics, "PR2003");
        Assert.Equal("b.rules", d.Location.Path);
        Assert.Equal("a.rules", Assert.Single(d.AdditionalLocations).Path);
    }

    [Fact]
    public void ReservedPrefixIsRefused()
    {
        var set = Compile("""

            rule PR3001 "冒用内置 id" { for task t when true }
            """);
        var d = OnlyError(set, "PR2003");
        Finding(d, "PR2003", 2, 6, "规则 id 'PR3001' 使用了保留的 PR 前缀", "Rule id 'PR3001' takes the reserved 'PR' prefix");
        EndsAt(d, 2, 12);
        Assert.Empty(set.Rules);
    }

    [Fact]
    public void MissingFor()
    {
        var set = Compile("""
            rule R1 "x" {
              when true
            }
            """);
        var d = OnlyError(set, "PR2004");
        Finding(d, "PR2004", 1, 6, "规则 R1 缺少 for", "Rule R1 has no 'for'");
        Assert.Empty(set.Rules);
    }

    [Fact]
    public void BothWhenAndRequireIsReportedAtTheSecond()
    {
        var set = Compile("""
            rule R1 "x" {
              for task t
              when true
              require false
            }
            """);
        var d = OnlyError(set, "PR2004");
        Finding(d, "PR2004", 4, 3, "规则 R1 同时有 when 和 require", "Rule R1 has both 'when' and 'require'");
        Assert.Empty(set.Rules);
    }

    [Fact]
    public void NeitherWhenNorRequire()
    {
        var set = Compile("""
            rule R1 "x" {
              for task t
              message "m"
            }
            """);
        Finding(OnlyError(set, "PR2004"), "PR2004", 1, 6, "规则 R1 缺少 when 或 require", "Rule R1 has neither 'when' nor 'require'");
        Assert.Empty(set.Rules);
    }

    [Fact]
    public void ErrorInAMessageHoleSkipsTheRule()
    {
        var set = Compile("""
            rule R1 "x" {
              for task t
              when true
              message "任务 {t.titel}"
            }
            """);
        Finding(OnlyError(set, "PR2001"), "PR2001", 4, 18, "任务没有成员 'titel'，是否指 'title'？", "task has no member 'titel'; did you mean 'title'?");
        Assert.Empty(set.Rules);
    }

    [Fact]
    public void ARuleWithErrorsIsSkippedAndTheOthersStillRun()
    {
        var set = Compile("""
            rule BAD1 "x" { for task t when t.dew != none }
            rule GOOD "多牵头" { for task t when count(t.lead) > 3 message "任务 {t.id}" }
            rule BAD2 "y" { for task t when t.due > 3 }
            rule BAD3 "z" { when true }
            """);
        Assert.Equal(["PR2001", "PR2002", "PR2004"], set.Diagnostics.Select(d => d.Id));
        Assert.Equal("GOOD", Assert.Single(set.Rules).Descriptor.Id);

        var result = Check(Plan, null, "2021-12-31", set);
        var finding = Single(result.Diagnostics, "GOOD");
        Assert.Equal("1", finding.TaskId);
        // The rule file's errors travel with the check, so a CLI run shows them.
        Assert.Contains(result.Diagnostics, d => d.Id == "PR2001" && d.Location.Path == RulesPath);
        Assert.True(result.HasErrors);
    }

    [Fact]
    public void SyntaxErrorInOneRuleDoesNotHideTheNext()
    {
        var text = """
            rule R1 "坏" {
              for task t
              when count(t.lead) > > 3
            }
            rule R2 "好" {
              for task t
              when count(t.lead) > 3
            }
            """;
        var set = Compile(text);
        var d = Single(set.Diagnostics, "PR0001");
        Assert.Equal((3, 24), (d.Location.Line, d.Location.Column));
        Assert.Contains("R2", set.Rules.Select(r => r.Descriptor.Id));
        var result = Check(Plan, null, "2021-12-31", set);
        Assert.Equal("1", Single(result.Diagnostics, "R2").TaskId);
    }

    [Fact]
    public void UnclosedRuleDoesNotSwallowTheNext()
    {
        var text = """
            rule R1 "坏" {
              for task t
              when count(t.lead) > (3

            rule R2 "好" {
              for task t
              when count(t.lead) > 3
            }
            """;
        var set = Compile(text);
        Assert.Contains(set.Diagnostics, d => d.Id == "PR0001");
        Assert.Contains("R2", set.Rules.Select(r => r.Descriptor.Id));
        Assert.DoesNotContain("R1", set.Rules.Select(r => r.Descriptor.Id));
    }

    [Fact]
    public void GarbageBetweenRulesIsReportedAndSkipped()
    {
        var text = """
            rule R1 "a" { for task t when count(t.lead) > 3 }
            规则 乱码 ;;
            rule R2 "b" { for task t when count(t.lead) > 0 }
            """;
        var set = Compile(text);
        var d = Single(set.Diagnostics, "PR0001");
        Assert.Equal((2, 1), (d.Location.Line, d.Location.Column));
        Assert.Equal(["R1", "R2"], set.Rules.Select(r => r.Descriptor.Id));
    }

    [Fact]
    public void UnknownItemKeywordIsReportedAndTheRuleKeepsItsOtherItems_ButDoesNotRun()
    {
        var text = """
            rule R1 "a" {
              for task t
              severtiy error
              when count(t.lead) > 3
            }
            """;
        var set = Compile(text);
        var d = Single(set.Diagnostics, "PR0001");
        Assert.Equal((3, 3), (d.Location.Line, d.Location.Column));
        // Parsing recovers at the next item: the rule keeps its `for` and `when` (so no PR2004) …
        Assert.Equal(2, Assert.Single(PlanRules.Rules.Parsing.RulesParser.Parse(text, RulesPath).Rules).Items.Length);
        // … but a rule with an error is reported and skipped: it would run with the default severity, not `error`.
        Assert.Empty(set.Rules);
    }

    [Fact]
    public void BadHoleInAMessageIsASyntaxErrorAtItsSpan()
    {
        var text = """
            rule R1 "a" {
              for task t
              when true
              message "任务 {t.id +} 完成"
            }
            """;
        var set = Compile(text);
        var d = Single(set.Diagnostics, "PR0001");
        Assert.Equal(4, d.Location.Line);
        Assert.InRange(d.Location.Column, 19, 22);
    }
}
