using PlanRules.Diagnostics;
using PlanRules.Rules;
using static PlanRules.Tests.Rules.RuleKit;

namespace PlanRules.Tests.Rules;

/// <summary>What a rule finding carries: locations, properties (term values), messages per culture, effective dates.</summary>
public class RuleFindingTests
{
    private const string Plan = Header + """
        section 1 "一" {
          task 1 "多头牵头" {
            lead 区政府办, 区司法局, 区财政局, 区教育局
            due 2021-06-30
          }
        }
        task 2 "单一牵头" { lead 区政府办 due 2021-12-31 }
        """;

    private const string Gov = """
        // 测试规则
        rule T001 "牵头单位过多" {
          severity error
          category ownership
          for task t where t.due != none
          when count(t.lead) > 3
          message "任务 {t.id} 有 {count(t.lead)} 个牵头单位（{t.lead}），期限 {t.due}"
          message en "Task {t.id} has {count(t.lead)} lead units ({t.lead}), due {t.due}"
          help "https://example.gov.cn/planrules/T001"
          description "牵头单位超过三个时，责任容易分散。"
        }
        """;

    [Fact]
    public void FindingPointsAtTheTaskWithTheRuleAsRelatedLocation()
    {
        var set = CompileClean(Gov);
        var d = Single(Check(Plan, null, "2021-12-31", set).Diagnostics, "T001");
        Assert.Equal(PlanPath, d.Location.Path);
        Assert.Equal(PositionOf(Plan, "task 1"), (d.Location.Line, d.Location.Column));
        Assert.Equal("1", d.TaskId);
        Assert.Null(d.Unit);
        var related = Assert.Single(d.AdditionalLocations);
        Assert.Equal(RulesPath, related.Path);
        Assert.Equal((2, 6), (related.Line, related.Column));
        Assert.Equal(related, set.Rules[0].Location);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal("ownership", d.Descriptor.Category);
        Assert.Equal("https://example.gov.cn/planrules/T001", d.Descriptor.HelpLinkUri);
        Assert.Equal("牵头单位超过三个时，责任容易分散。", d.Descriptor.Description.ToString(Zh));
        Assert.Equal("牵头单位过多", d.Descriptor.Title.ToString(En));
    }

    [Fact]
    public void PropertiesHoldTheTermValues()
    {
        var d = Single(Check(Plan, null, "2021-12-31", CompileClean(Gov)).Diagnostics, "T001");
        Assert.Equal("4", d.Properties["count(t.lead)"]);
        Assert.Single(d.Properties);
    }

    [Fact]
    public void TermsOfAndOrNotAndComparisonsAreExplained()
    {
        var set = CompileClean("""
            rule T002 "x" {
              for task t where t.id == "1"
              when (count(t.lead) > 3 or t.section == none) and not t.recurring and t.due - today < 200
            }
            """);
        var d = Single(Check(Plan, null, "2021-12-31", set).Diagnostics, "T002");
        Assert.Equal("4", d.Properties["count(t.lead)"]);
        Assert.Equal("1", d.Properties["t.section"]);
        Assert.Equal("false", d.Properties["t.recurring"]);
        Assert.Equal("-184", d.Properties["t.due - today"]);
        Assert.Equal(4, d.Properties.Count);
    }

    [Fact]
    public void ParenthesizedTermsKeepTheirParentheses()
    {
        var set = CompileClean("""
            rule T003 "x" {
              for task t
              when (count u in t.lead: not (u.isGroup or u.title == none)) > 3
            }
            """);
        var d = Single(Check(Plan, null, "2021-12-31", set).Diagnostics, "T003");
        Assert.Equal("4", d.Properties["(count u in t.lead: not (u.isGroup or u.title == none))"]);
    }

    [Fact]
    public void MessageHolesAreRenderedPerCulture()
    {
        var d = Single(Check(Plan, null, "2021-12-31", CompileClean(Gov)).Diagnostics, "T001");
        Assert.Equal("任务 1 有 4 个牵头单位（区政府办、区司法局、区财政局、区教育局），期限 2021-06-30", d.GetMessage(Zh));
        Assert.Equal("Task 1 has 4 lead units (区政府办, 区司法局, 区财政局, 区教育局), due 2021-06-30", d.GetMessage(En));
        // Another English culture picks the English template; an unknown language falls back to zh-CN.
        Assert.StartsWith("Task 1", d.GetMessage(System.Globalization.CultureInfo.GetCultureInfo("en-GB")));
        Assert.StartsWith("任务 1", d.GetMessage(System.Globalization.CultureInfo.GetCultureInfo("fr")));
    }

    [Fact]
    public void NoneRendersPerCulture()
    {
        var set = CompileClean("""
            rule T004 "x" {
              for task t where t.id == "2"
              when true
              message "任务 {t.id} 所属章节：{t.section}"
              message en "Task {t.id} section: {t.section}"
            }
            """);
        var d = Single(Check(Plan, null, "2021-12-31", set).Diagnostics, "T004");
        Assert.Equal("任务 2 所属章节：无", d.GetMessage(Zh));
        Assert.Equal("Task 2 section: none", d.GetMessage(En));
    }

    [Fact]
    public void WithoutAMessageTheTitleIsTheMessage()
    {
        var set = CompileClean("""rule T005 "牵头单位过多" { for task t when count(t.lead) > 3 }""");
        var d = Single(Check(Plan, null, "2021-12-31", set).Diagnostics, "T005");
        Assert.Equal("牵头单位过多", d.GetMessage(Zh));
        Assert.Equal("牵头单位过多", d.GetMessage(En));
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Equal("rules", d.Descriptor.Category);
    }

    [Fact]
    public void BracesInMessagesAreEscapedByDoubling()
    {
        var set = CompileClean("""rule T006 "x" { for task t where t.id == "2" when true message "{{任务}} {t.id} }}" }""");
        Assert.Equal("{任务} 2 }", Single(Check(Plan, null, "2021-12-31", set).Diagnostics, "T006").GetMessage(Zh));
    }

    [Fact]
    public void HelpTextThatIsNotALinkFollowsTheDescription()
    {
        var set = CompileClean("""rule T007 "x" { for task t when false help "补上 due。" description "说明。" }""");
        var descriptor = set.Rules[0].Descriptor;
        Assert.Null(descriptor.HelpLinkUri);
        Assert.Equal("说明。 补上 due。", descriptor.Description.ToString(Zh));
    }

    [Theory]
    [InlineData("2021-01-01", true)]
    [InlineData("2021-07-01", true)]
    [InlineData("2021-12-31", true)]
    [InlineData("2020-12-31", false)]
    [InlineData("2022-01-01", false)]
    public void EffectiveDatesApplyOnlyWhenAsOfIsInside(string asOf, bool fires)
    {
        var set = CompileClean("""
            rule T008 "x" {
              for task t
              when count(t.lead) > 3
              effective 2021-01-01 .. 2021-12-31
            }
            """);
        Assert.Equal(fires, Check(Plan, null, asOf, set).Diagnostics.Any(d => d.Id == "T008"));
        Assert.Equal(fires, set.Rules[0].IsEffective(D(asOf)));
    }

    [Fact]
    public void OpenEndedEffectiveRanges()
    {
        var set = CompileClean("""
            rule FROM "x" { for task t when count(t.lead) > 3 effective 2021-07-01 .. }
            rule UNTIL "y" { for task t when count(t.lead) > 3 effective .. 2021-06-30 }
            """);
        var ids = Check(Plan, null, "2021-12-31", set).Diagnostics.Select(d => d.Id).ToList();
        Assert.Contains("FROM", ids);
        Assert.DoesNotContain("UNTIL", ids);
        ids = Check(Plan, null, "2021-03-01", set).Diagnostics.Select(d => d.Id).ToList();
        Assert.DoesNotContain("FROM", ids);
        Assert.Contains("UNTIL", ids);
    }

    [Fact]
    public void ObligationFindingsNameTaskAndUnit()
    {
        var set = CompileClean("""
            rule T009 "逾期" {
              for obligation o where o.overdue
              when o.daysOverdue > 100
              message "{o.task.id}/{o.unit.name}: {o.daysOverdue}"
            }
            """);
        var result = Check(Plan, "2021-06-01 task 1 done by 区政府办", "2021-12-31", set);
        var findings = result.Diagnostics.Where(d => d.Id == "T009").ToList();
        Assert.Equal(new[] { "区司法局", "区财政局", "区教育局" }.Order(StringComparer.Ordinal), findings.Select(d => d.Unit).Order(StringComparer.Ordinal));
        Assert.All(findings, d => Assert.Equal("1", d.TaskId));
        Assert.All(findings, d => Assert.Equal(PositionOf(Plan, "task 1"), (d.Location.Line, d.Location.Column)));
        Assert.Contains(findings, d => d.GetMessage(Zh) == "1/区司法局: 184");
    }

    [Fact]
    public void UnitFindingsPointAtTheUnitDeclaration()
    {
        var set = CompileClean("""rule T010 "x" { for unit u where not u.isGroup when count(u.tasks) > 1 }""");
        var d = Single(Check(Plan, null, "2021-12-31", set).Diagnostics, "T010");
        Assert.Equal("区政府办", d.Unit);
        Assert.Null(d.TaskId);
        Assert.Equal(PositionOf(Plan, "区政府办"), (d.Location.Line, d.Location.Column));
    }

    [Fact]
    public void FingerprintsDependOnTheElementNotOnLines()
    {
        var set = CompileClean(Gov);
        var a = Single(Check(Plan, null, "2021-12-31", set).Diagnostics, "T001");
        var b = Single(Check("\n\n" + Plan, null, "2021-12-31", set).Diagnostics, "T001");
        Assert.NotEqual(a.Location.Line, b.Location.Line);
        Assert.Equal(a.Fingerprint, b.Fingerprint);
    }

    [Fact]
    public void ARuleSetIsReusableAcrossChecks()
    {
        var set = CompileClean(Gov);
        var results = Enumerable.Range(0, 8).AsParallel().Select(_ => Check(Plan, null, "2021-12-31", set).Diagnostics.Count(d => d.Id == "T001")).ToList();
        Assert.All(results, n => Assert.Equal(1, n));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Every_number_of_values_reads_back_in_place(int holes)
    {
        // A finding keeps up to four values in fields and more in an array: each must come back at its own hole.
        (string Expression, string Text)[] all =
        [
            ("t.id", "1"), ("t.due", "2021-06-30"), ("count(t.lead)", "4"), ("t.title", "多头牵头"),
            ("len(t.title)", "4"), ("t.status", "open"),
        ];
        var used = all.Take(holes).ToArray();
        var template = string.Concat(used.Select((h, i) => $"[{i}:{{{h.Expression}}}]"));
        var rules = $$"""
            rule T009 "值" {
              for task t where t.id == "1"
              when count(t.lead) > 3 and t.due != none
              message "甲{{template}}"
              message en "A{{template}}"
            }
            """;
        var d = Single(Check(Plan, null, "2021-03-31", CompileClean(rules)).Diagnostics, "T009");
        var expected = string.Concat(used.Select((h, i) => $"[{i}:{h.Text}]"));
        Assert.Equal("甲" + expected, d.GetMessage(Zh));
        Assert.Equal("A" + expected, d.GetMessage(En));
        Assert.Equal(used.Select(h => h.Text), d.Arguments);
        Assert.Equal("4", d.Properties["count(t.lead)"]);
        Assert.Equal("2021-06-30", d.Properties["t.due"]);
    }

    [Theory]
    [InlineData("true", "固定", 0)]
    [InlineData("t.due != none", "期限 {t.due}", 1)]
    public void A_finding_with_no_value_or_one_value_reads_back(string condition, string message, int values)
    {
        var rules = $$"""
            rule T010 "值" {
              for task t where t.id == "1"
              when {{condition}}
              message "{{message}}"
            }
            """;
        var set = CompileClean(rules);
        Assert.Equal(values, set.Rules[0].ValueCount);
        var d = Single(Check(Plan, null, "2021-03-31", set).Diagnostics, "T010");
        Assert.Equal(message.Replace("{t.due}", "2021-06-30"), d.GetMessage(Zh));
        Assert.Equal(values == 0 ? [] : ["2021-06-30"], d.Arguments.ToArray());
        Assert.Equal(values == 0 ? [] : ["t.due"], d.Properties.Keys.ToArray());
    }

    [Theory]
    [InlineData("(count(t.lead))", "count(t.lead)")]
    [InlineData("((count(t.lead)))", "count(t.lead)")]
    [InlineData("( count(t.lead) )", "count(t.lead)")]
    [InlineData("(a) + (b)", "(a) + (b)")]
    [InlineData("(a + b) * (c)", "(a + b) * (c)")]
    [InlineData("(t.title == \")(\")", "(t.title == \")(\")")]
    [InlineData("count(t.lead)", "count(t.lead)")]
    [InlineData("()", "")]
    public void A_value_is_identified_without_its_outer_parentheses(string text, string key) =>
        Assert.Equal(key, CompiledRule.WithoutOuterParentheses(text));

    [Fact]
    public void A_term_in_parentheses_and_the_same_hole_are_one_value()
    {
        var set = CompileClean("""
            rule T011 "值" {
              for task t
              when (count(t.lead)) > 3
              message "{count(t.lead)}"
            }
            """);
        Assert.Equal(1, set.Rules[0].ValueCount);
        var d = Single(Check(Plan, null, "2021-03-31", set).Diagnostics, "T011");
        Assert.Equal("4", d.GetMessage(Zh));
        Assert.Equal("4", d.Properties.Values.Single());
    }

    [Fact]
    public void A_finding_too_big_to_compile_is_interpreted_with_every_value_in_place()
    {
        // Over RuleCompiler.InterpretAbove nodes the report is interpreted, not compiled to IL; six values go to an array.
        var chain = "count(t.lead)" + string.Concat(Enumerable.Repeat(" + 0", PlanRules.Rules.Compilation.RuleCompiler.InterpretAbove));
        var rules = $$"""
            rule T012 "值" {
              for task t where t.id == "1"
              when {{chain}} > 3
              message "{t.id}|{t.due}|{t.title}|{len(t.title)}|{t.status}|{count(t.with)}"
            }
            """;
        var set = CompileClean(rules);
        Assert.Equal(7, set.Rules[0].ValueCount);
        var d = Single(Check(Plan, null, "2021-03-31", set).Diagnostics, "T012");
        Assert.Equal("1|2021-06-30|多头牵头|4|open|0", d.GetMessage(Zh));
        Assert.Equal("4", d.Properties.Values.Single());
    }
}
