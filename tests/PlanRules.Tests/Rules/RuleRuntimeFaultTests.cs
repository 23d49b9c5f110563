using PlanRules.Diagnostics;
using PlanRules.Rules.Runtime;
using static PlanRules.Tests.Rules.RuleKit;

namespace PlanRules.Tests.Rules;

/// <summary>PR2005: a rule that throws on one element reports that element; the others still report.</summary>
public class RuleRuntimeFaultTests
{
    internal const string Plan = Header + """
        task 1 "一" { lead 区政府办 }
        task 2 "二" { lead 区政府办 }
        task 3 "三" { lead 区政府办 }
        """;

    internal static readonly RuleFunction Risky = RuleFunction.FromDelegate("risky",
        (Func<string, bool>)(id => id == "2" ? throw new InvalidOperationException("记录损坏 broken record") : true));

    [Fact]
    public void HostFunctionThatThrowsOnOneTask()
    {
        var set = CompileClean("""
            rule H001 "宿主函数" {
              for task t
              when risky(t.id)
              message "任务 {t.id}"
            }
            """, Risky);
        var result = Check(Plan, null, "2021-12-31", set);
        Assert.Equal(new[] { "1", "3" }, result.Diagnostics.Where(d => d.Id == "H001").Select(d => d.TaskId ?? ""));
        var fault = Single(result.Diagnostics, "PR2005");
        Assert.Equal(DiagnosticSeverity.Warning, fault.Severity);
        Assert.Equal("2", fault.TaskId);
        Assert.Equal(PositionOf(Plan, "task 2"), (fault.Location.Line, fault.Location.Column));
        Assert.Equal(PlanPath, fault.Location.Path);
        var related = Assert.Single(fault.AdditionalLocations);
        Assert.Equal((RulesPath, 1, 6), (related.Path, related.Line, related.Column));
        Assert.Equal("规则 H001 无法在 任务 2 上求值：函数 'risky' 执行出错：InvalidOperationException: 记录损坏 broken record", fault.GetMessage(Zh));
        Assert.Equal("Rule H001 could not be evaluated on task 2: function 'risky' failed: InvalidOperationException: 记录损坏 broken record", fault.GetMessage(En));
        Assert.Equal("System.InvalidOperationException", fault.Properties["exceptionType"]);
        Assert.Equal("记录损坏 broken record", fault.Properties["exceptionMessage"]);
    }

    [Fact]
    public void AFaultInAMessageHoleIsAFaultToo()
    {
        var set = CompileClean("""
            rule H002 "x" {
              for task t
              when true
              message "{risky(t.id)}"
            }
            """, Risky);
        var result = Check(Plan, null, "2021-12-31", set);
        Assert.Equal(new[] { "1", "3" }, result.Diagnostics.Where(d => d.Id == "H002").Select(d => d.TaskId ?? ""));
        Assert.Equal("2", Single(result.Diagnostics, "PR2005").TaskId);
    }

    [Fact]
    public void OtherRulesRunOnTheFaultingElement()
    {
        var set = CompileClean("""
            rule H003 "x" { for task t when risky(t.id) }
            rule H004 "y" { for task t where t.id == "2" when true }
            """, Risky);
        var result = Check(Plan, null, "2021-12-31", set);
        Assert.Equal("2", Single(result.Diagnostics, "H004").TaskId);
        Assert.Equal("2", Single(result.Diagnostics, "PR2005").TaskId);
    }

    [Fact]
    public void FaultsInALargeInterpretedRuleAreReportedTheSameWay()
    {
        // Over a few thousand nodes a rule is interpreted rather than compiled to IL; faults must read the same.
        var condition = "risky(t.id) or " + string.Join(" or ", Enumerable.Range(0, 1_000).Select(i => $"t.title == \"{i}\""));
        var set = CompileClean("rule H006 \"x\" {\n  for task t\n  when " + condition + "\n}\n", Risky);
        var result = Check(Plan, null, "2021-12-31", set);
        Assert.Equal(new[] { "1", "3" }, result.Diagnostics.Where(d => d.Id == "H006").Select(d => d.TaskId ?? ""));
        var fault = Single(result.Diagnostics, "PR2005");
        Assert.Equal("规则 H006 无法在 任务 2 上求值：函数 'risky' 执行出错：InvalidOperationException: 记录损坏 broken record", fault.GetMessage(Zh));
        Assert.Equal("Rule H006 could not be evaluated on task 2: function 'risky' failed: InvalidOperationException: 记录损坏 broken record", fault.GetMessage(En));
    }

    [Fact]
    public void AnInvalidLiteralPatternIsRefusedBeforeAnythingRuns()
    {
        var set = Compile("""
            rule M002 "x" {
              for task t
              when matches(t.title, "公开(")
            }
            """);
        var d = Single(set.Diagnostics, "PR0002");
        Assert.Equal((3, 25), (d.Location.Line, d.Location.Column));
        Assert.Empty(set.Rules);
    }

    [Fact]
    public void FaultsOnObligationsNameTheUnit()
    {
        var set = CompileClean("""rule H005 "x" { for obligation o when risky(o.unit.name) }""",
            RuleFunction.FromDelegate("risky", (Func<string, bool>)(name => name == "石楼镇" ? throw new FormatException("bad") : false)));
        var result = Check(Header + """task 1 "一" { lead 镇街 }""", null, "2021-12-31", set);
        var fault = Single(result.Diagnostics, "PR2005");
        Assert.Equal(("1", "石楼镇"), (fault.TaskId, fault.Unit));
        Assert.Equal("规则 H005 无法在 义务 1/石楼镇 上求值：函数 'risky' 执行出错：FormatException: bad", fault.GetMessage(Zh));
        Assert.Equal("Rule H005 could not be evaluated on obligation 1/石楼镇: function 'risky' failed: FormatException: bad", fault.GetMessage(En));
    }

    private static void FaultsWith(string rule, string zh, string en, string plan = Plan)
    {
        var result = Check(plan, null, "2021-12-31", CompileClean(rule));
        var faults = Findings(result, "PR2005");
        Assert.NotEmpty(faults);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "A1");
        foreach (var fault in faults)
        {
            Assert.Equal(zh.Replace("{E}", fault.TaskId is null ? "计划" : "任务 " + fault.TaskId, StringComparison.Ordinal), fault.GetMessage(Zh));
            Assert.Equal(en.Replace("{E}", fault.TaskId is null ? "plan" : "task " + fault.TaskId, StringComparison.Ordinal), fault.GetMessage(En));
        }
    }

    [Theory]
    [InlineData("9223372036854775807 + 1 < 0")]
    [InlineData("0 - 9223372036854775807 - 2 > 0")]
    [InlineData("-(0 - 9223372036854775807 - 1) > 0")]
    [InlineData("count(p.tasks) + 9223372036854775807 > 0")]
    public void IntArithmeticOverflow_IsPR2005_NotAWrap(string condition)
    {
        FaultsWith($$"""rule A1 "a" { for plan p when {{condition}} }""",
            "规则 A1 无法在 {E} 上求值：整数溢出", "Rule A1 could not be evaluated on {E}: integer overflow");
    }

    [Fact]
    public void IntOverflowInAMessageHole_IsPR2005()
    {
        FaultsWith("""rule A1 "a" { for task t when true message "{9223372036854775807 + len(t.id)}" }""",
            "规则 A1 无法在 {E} 上求值：整数溢出", "Rule A1 could not be evaluated on {E}: integer overflow");
    }

    [Fact]
    public void IntArithmeticAtTheEdges_StillWorks()
    {
        var result = Check(Plan, null, "2021-12-31", CompileClean("""
            rule A1 "a" { for plan p when 9223372036854775806 + 1 == 9223372036854775807 and 0 - 9223372036854775807 - 1 < 0 and -(0 - 9223372036854775807) > 0 }
            """));
        Single(result.Diagnostics, "A1");
        Assert.Empty(Findings(result, "PR2005"));
    }

    [Theory]
    [InlineData("t.due + 99999y > today")]
    [InlineData("t.due - 99999y < today")]
    [InlineData("99999y + t.due > today")]
    [InlineData("t.due + 2147483647d > today")]
    public void DateArithmeticOutOfRange_IsALocalizedPR2005(string condition)
    {
        FaultsWith($$"""rule A1 "a" { for task t where t.due != none when {{condition}} }""",
            "规则 A1 无法在 {E} 上求值：日期超出范围", "Rule A1 could not be evaluated on {E}: date out of range",
            Header + """task 1 "一" { lead 区政府办 due 2021-06-30 }""");
    }

    [Fact]
    public void DecimalOverflow_IsALocalizedPR2005()
    {
        FaultsWith("""rule A1 "a" { for plan p when 79228162514264337593543950335.0 + count(p.tasks) > 0 }""",
            "规则 A1 无法在 {E} 上求值：小数溢出", "Rule A1 could not be evaluated on {E}: decimal overflow");
    }

    [Fact]
    public void PeriodArithmeticOutOfRange_IsALocalizedPR2005()
    {
        FaultsWith("""rule A1 "a" { for plan p when days(2147483647y + 1y) > 0 }""",
            "规则 A1 无法在 {E} 上求值：期间超出范围", "Rule A1 could not be evaluated on {E}: period out of range");
    }
}
