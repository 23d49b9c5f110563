using PlanRules.Rules.Runtime;
using static PlanRules.Tests.Rules.RuleKit;

namespace PlanRules.Tests.Rules;

/// <summary>Host functions are type-checked and called like built-ins.</summary>
public class HostFunctionTests
{
    private static readonly RuleFunction IsDistrict = RuleFunction.FromDelegate("isDistrict", (Func<string, bool>)(name => name.StartsWith('区')));

    private const string Plan = Header + """
        task 1 "区级" { lead 区政府办, 区司法局 }
        task 2 "镇街" { lead 市桥街 with 区政府办 }
        """;

    [Fact]
    public void HostFunctionRunsInRules()
    {
        var set = CompileClean("""
            rule D001 "全部为区属单位" {
              for task t
              when all u in t.lead: isDistrict(u.name)
              message "任务 {t.id}：{isDistrict(t.id)}"
            }
            """, IsDistrict);
        var d = Single(Check(Plan, null, "2021-12-31", set).Diagnostics, "D001");
        Assert.Equal("1", d.TaskId);
        Assert.Equal("任务 1：false", d.GetMessage(Zh));
    }

    [Fact]
    public void WrongArgumentTypeIsPR2002LikeABuiltin()
    {
        var set = Compile("""
            rule D002 "x" {
              for task t
              when isDistrict(t.lead)
            }
            """, IsDistrict);
        var d = Single(set.Diagnostics, "PR2002");
        Finding(d, "PR2002", 3, 8,
            "类型不匹配：应为 isDistrict(text)，实际为 isDistrict(list of unit)",
            "Type mismatch: expected isDistrict(text), found isDistrict(list of unit)");
        Assert.Empty(set.Rules);
    }

    [Fact]
    public void WrongArgumentCountAndMisspelledNameAreReported()
    {
        var set = Compile("""
            rule D003 "x" { for task t when isDistrict(t.id, t.title) }
            rule D004 "y" { for task t when isDistrikt(t.id) }
            """, IsDistrict);
        Finding(Single(set.Diagnostics, "PR2002"), "PR2002", 1, 33, "函数 isDistrict(text) 需要 1 个参数，实际为 2 个", "Function isDistrict(text) takes 1 argument(s), found 2");
        Finding(Single(set.Diagnostics, "PR2001"), "PR2001", 2, 33, "未知的函数 'isDistrikt'，是否指 'isDistrict'？", "Unknown function 'isDistrikt'; did you mean 'isDistrict'?");
    }

    [Fact]
    public void ResultTypeIsChecked()
    {
        var set = Compile("""rule D005 "x" { for task t when isDistrict(t.id) > 1 }""", IsDistrict);
        Finding(Single(set.Diagnostics, "PR2002"), "PR2002", 1, 50, "运算符 '>' 不能用于 bool 和 int", "Operator '>' cannot be applied to bool and int");
    }

    [Fact]
    public void WithoutTheHostFunctionTheNameIsUnknown()
    {
        var set = Compile("""rule D006 "x" { for task t when isDistrict(t.id) }""");
        Assert.Equal("PR2001", Assert.Single(set.Diagnostics).Id);
    }

    [Fact]
    public void HostFunctionsWithOtherTypes()
    {
        var weeks = RuleFunction.FromDelegate("weeksLeft", (Func<NodaTime.LocalDate?, NodaTime.LocalDate?, long?>)((due, today) =>
            due is { } d && today is { } t ? NodaTime.Period.Between(t, d, NodaTime.PeriodUnits.Weeks).Weeks : null));
        var set = CompileClean("""rule D007 "x" { for task t when weeksLeft(t.due, today) > 4 message "{weeksLeft(t.due, today)}" }""", weeks);
        var plan = Header + """
            task 1 "a" { lead 区政府办 due 2021-12-31 }
            task 2 "b" { lead 区政府办 }
            """;
        var d = Single(Check(plan, null, "2021-10-01", set).Diagnostics, "D007");
        Assert.Equal(("1", "13"), (d.TaskId, d.GetMessage(En)));
    }

    [Fact]
    public void UnsupportedDelegateTypesAreRefusedByTheHostApi()
    {
        Assert.Throws<ArgumentException>(() => RuleFunction.FromDelegate("bad", (Func<object, bool>)(_ => true)));
        Assert.Throws<ArgumentException>(() => RuleFunction.FromDelegate("bad", (Func<string, Guid>)(_ => Guid.Empty)));
    }

    [Fact]
    public void AHostFunctionMayReplaceABuiltin()
    {
        var len = RuleFunction.FromDelegate("len", (Func<string?, long?>)(text => text is null ? null : System.Globalization.StringInfo.ParseCombiningCharacters(text).Length));
        var set = CompileClean("""rule D008 "x" { for task t where t.id == "1" when len("𠀋") == 1 }""", len);
        Assert.Single(Check(Plan, null, "2021-12-31", set).Diagnostics, d => d.Id == "D008");
    }
}
