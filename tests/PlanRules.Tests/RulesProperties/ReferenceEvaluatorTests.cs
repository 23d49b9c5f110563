using NodaTime;
using PlanRules.Rules.Runtime;

namespace PlanRules.Tests.RulesProperties;

/// <summary>
/// The reference evaluator on fixed expressions with values worked out by hand from LANGUAGE.md, so the
/// oracle of <see cref="CompilerAgreementProperties"/> is itself trustworthy.
/// </summary>
public class ReferenceEvaluatorTests
{
    internal static readonly PlanScenario Fixed = new("""
        plan "P" {
          issued 2021-01-01
          period 2021-01-01 .. 2021-12-31
        }
        unit 区司法局
        unit 区政府办
        unit 市桥街
        unit 石楼镇
        group 镇街 = 市桥街, 石楼镇
        section S1 "节" {
          task 1 "有期限" {
            lead 区司法局
            with 镇街
            due 2021-12-31
            start 2021-03-01
            tag 公开, 年报
          }
        }
        task 2 "无期限" {
          lead 区政府办
        }
        task 3 "已逾期" {
          lead 区司法局
          due 2021-05-31
          after 1
        }

        """, """
        2021-04-01 task 1 done by 区司法局 evidence "e1"
        2021-05-01 task 1 started by 市桥街
        2021-03-01 task 3 started

        """, new LocalDate(2021, 6, 30));

    private static readonly Lazy<RuleModel> Model = new(Fixed.Build);

    internal static TaskView Task(string id) => Model.Value.Tasks.Single(t => t.Id == id);

    internal static object? Evaluate(string taskId, string expression)
    {
        var (bound, variable) = RuleKit.BindExpression(expression);
        return ReferenceEvaluator.Evaluate(bound, variable, Task(taskId), Model.Value);
    }

    /// <summary>Task id, expression, and the value worked out by hand (as <see cref="RuleKit.Show"/> writes it).</summary>
    public static TheoryData<string, string, string> Cases { get; } = new()
    {
        // none: == none tests absence, < and > on none are false, arithmetic on none is none
        { "2", "t.due == none", "Boolean True" },
        { "1", "t.due == none", "Boolean False" },
        { "2", "t.due != none", "Boolean False" },
        { "2", "t.due < today", "Boolean False" },
        { "2", "t.due >= today", "Boolean False" },
        { "2", "not (t.due < today)", "Boolean True" },
        { "3", "t.due < today", "Boolean True" },
        { "1", "none == none", "Boolean True" },
        { "1", "none != none", "Boolean False" },
        { "1", "none < none", "Boolean False" },
        { "1", "none < 1", "Boolean False" },
        { "1", "none >= 1", "Boolean False" },
        { "1", "“a” < none", "Boolean False" },
        { "2", "t.section == none", "Boolean True" },
        { "1", "t.section", "\"S1\"" },
        { "1", "1 + none", "none" },
        { "1", "none - 2.5", "none" },
        { "1", "“a” + none", "none" },
        { "2", "t.due + 30d", "none" },
        { "2", "t.due - today", "none" },
        { "1", "today - none", "none" },
        { "2", "year(t.due)", "none" },
        { "2", "max([t.due])", "none" },
        // dates and periods
        { "1", "t.due - today", "Int64 184" },
        { "1", "today - t.due", "Int64 -184" },
        { "1", "today + 1m", "2021-07-30" },
        { "1", "30d + today", "2021-07-30" },
        { "1", "t.due - 1m - 1d", "2021-11-29" },
        { "1", "t.due - (1m + 1d)", "2021-11-29" },
        { "1", "days(1m) + days(1y) + days(2w) + days(3d)", "Int64 412" },
        { "1", "min([t.due, today])", "2021-06-30" },
        { "3", "t.daysOverdue", "Int64 30" },
        // numbers: int and decimal mix
        { "1", "count(t.lead) + 0.5", "Decimal 1.5" },
        { "1", "1 + 2 - 4 + 0.25", "Decimal -0.75" },
        { "1", "-(1.5)", "Decimal -1.5" },
        { "1", "-count(t.lead)", "Int64 -1" },
        { "1", "1 == 1.0", "Boolean True" },
        { "1", "1 < 1.5", "Boolean True" },
        { "1", "1.5 in [1, 2]", "Boolean False" },
        { "1", "2 in [1, 2.0]", "Boolean True" },
        { "1", "2.0 in [1, 2]", "Boolean True" },
        { "1", "none in [1, none]", "Boolean True" },
        { "1", "1 in none", "Boolean False" },
        { "1", "min([3, none, 1])", "Int64 1" },
        // min and max of text order ordinally, as < and > do; of an empty list (or only none) they are none
        { "1", "min(t.tags)", "\"公开\"" },
        { "1", "max(t.tags)", "\"年报\"" },
        { "1", "min([“b”, none, “B”, “a”])", "\"B\"" },
        { "1", "max([“b”, none, “B”, “a”])", "\"b\"" },
        { "1", "max(t.evidence)", "\"e1\"" },
        { "2", "min(t.evidence)", "none" },
        { "2", "max(t.tags)", "none" },
        { "1", "max([t.due, today, none])", "2021-12-31" },
        { "1", "max([1, 2.5])", "Decimal 2.5" },
        { "1", "[1, 2.5]", "[Decimal 1, Decimal 2.5]" },
        // text
        { "1", "“a” + “b”", "\"ab\"" },
        { "1", "“B” < “a”", "Boolean True" },
        { "1", "len(t.title)", "Int64 3" },
        { "1", "t.tags", "[\"公开\", \"年报\"]" },
        { "1", "“公开” in t.tags", "Boolean True" },
        // tasks, obligations, quantifiers
        { "1", "count(t.owners)", "Int64 3" },
        { "1", "count(t.evidence)", "Int64 1" },
        { "1", "t.status", "RuleStatus Started" },
        { "3", "t.overdue and t.status == started", "Boolean True" },
        { "1", "any o in t.obligations: o.status == done", "Boolean True" },
        { "2", "any o in t.obligations: o.status == done", "Boolean False" },
        { "1", "all o in t.obligations: o.status == done", "Boolean False" },
        { "1", "count o in t.obligations: o.completed != none", "Int64 1" },
        { "1", "count o in t.obligations: o.status == open", "Int64 1" },
        { "1", "any o in t.obligations: o.unit.name == “市桥街” and o.status == started", "Boolean True" },
        { "1", "all x in []: false", "Boolean True" },
        { "1", "any x in []: true", "Boolean False" },
        { "3", "any k in t.dependencies: k.id == “1”", "Boolean True" },
        { "1", "any t in t.dependents: t.id == “3”", "Boolean True" },
        // lists compare item by item, in order
        { "1", "[1, 2] == [1, 2]", "Boolean True" },
        { "1", "[1, 2] != [2, 1]", "Boolean True" },
        { "1", "[1, 2] == [1, 2, 3]", "Boolean False" },
        { "1", "[1, 2] == [1.0, 2.0]", "Boolean True" },
        { "1", "[“a”] == [“a”]", "Boolean True" },
        { "1", "t.lead == t.lead", "Boolean True" },
        { "1", "t.lead == t.support", "Boolean False" },
        // and/or short-circuit: the right side would fault (a pattern that does not compile)
        { "1", "true or matches(t.title, t.id + “(”)", "Boolean True" },
        { "1", "false and matches(t.title, t.id + “(”)", "Boolean False" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluate_GivesTheValueLanguageMdSays(string taskId, string expression, string expected)
    {
        Assert.Equal(expected, RuleKit.Show(Evaluate(taskId, expression)));
    }

    /// <summary>The same hand-worked cases through the compiler (its regression tests live here too).</summary>
    internal static object? Compile(string taskId, string expression)
    {
        var (bound, variable) = RuleKit.BindExpression(expression);
        return RuleKit.Compiled(bound, variable, Task(taskId), Model.Value);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compiled_GivesTheSameValue(string taskId, string expression, string expected)
    {
        Assert.Equal(expected, RuleKit.Show(Compile(taskId, expression)));
    }

    [Fact]
    public void Evaluate_FaultsWhereTheRuleWould()
    {
        var error = Assert.Throws<RuleRuntimeException>(() => Evaluate("1", "false or matches(t.title, t.id + “(”)"));
        Assert.Equal("invalid regular expression '1(': missing ')' (at offset 2)", error.Message);
    }
}
