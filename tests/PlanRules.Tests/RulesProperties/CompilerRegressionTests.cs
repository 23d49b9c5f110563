using System.Text.RegularExpressions;
using FsCheck.Fluent;
using NodaTime;
using PlanRules.Analysis.Compliance;
using PlanRules.Binding;
using PlanRules.Formatting;
using PlanRules.Ledger;
using PlanRules.Rules;
using PlanRules.Rules.Runtime;
using PlanRules.Text;

namespace PlanRules.Tests.RulesProperties;

/// <summary>
/// Disagreements the reference evaluator found in the compiler, pinned down; and checks that the generators
/// behind the properties reach the cases that matter (none values, both outcomes).
/// </summary>
public class CompilerRegressionTests
{
    /// <summary>
    /// <c>decimal in list of int</c> used to convert the decimal to the list's int type, truncating it, so
    /// <c>1.5 in [1, 2]</c> was true. Int and decimal unify to decimal (as in <c>1.5 == 1</c>, which is false).
    /// </summary>
    [Theory]
    [InlineData("1.5 in [1, 2]", false)]
    [InlineData("0.42 in [0, count(t.with)]", false)]
    [InlineData("2.0 in [1, 2]", true)]
    [InlineData("-1.9 in [-1, 3]", false)]
    [InlineData("2.5 - 0.5 in [1, 2, none]", true)]
    [InlineData("(none + 1.5) in [1, none]", true)]
    [InlineData("1.5 in [none]", false)]
    [InlineData("count(t.lead) + 0.5 in [1, 2]", false)]
    [InlineData("1 in [1.0, 2.5]", true)]
    public void DecimalInListOfInts_ComparesByValue(string expression, bool expected)
    {
        Assert.Equal(expected, ReferenceEvaluatorTests.Compile("1", expression));
        Assert.Equal(expected, ReferenceEvaluatorTests.Evaluate("1", expression));
    }

    /// <summary>
    /// Int arithmetic wrapped silently (<c>9223372036854775807 + 1 &lt; 0</c> was true), and date arithmetic out of the
    /// calendar faulted with .NET's untranslated text. Both the compiler and the reference fault with the language's reason.
    /// </summary>
    [Theory]
    [InlineData("9223372036854775807 + 1 < 0", "integer overflow")]
    [InlineData("0 - 9223372036854775807 - 2", "integer overflow")]
    [InlineData("-(0 - 9223372036854775807 - 1)", "integer overflow")]
    [InlineData("count(t.lead) + 9223372036854775807", "integer overflow")]
    [InlineData("79228162514264337593543950335.0 + count(t.lead)", "decimal overflow")]
    [InlineData("0 - 79228162514264337593543950335.0 - 1", "decimal overflow")]
    [InlineData("t.due + 99999y", "date out of range")]
    [InlineData("t.due - 99999y", "date out of range")]
    [InlineData("99999y + today", "date out of range")]
    [InlineData("today + 2147483647d", "date out of range")]
    [InlineData("days(2147483647y + 1y)", "period out of range")]
    // Found by CompiledRules_AgreeWithTheReferenceEvaluator: a lifted operator compiled by System.Linq.Expressions
    // skipped its right operand when the left was none, so a fault on the right was hidden (compiled: false).
    [InlineData("1 + none + (4 - 321 - 9223372036854775806) > none", "integer overflow")]
    [InlineData("none - t.start + (4 - 321 - 9223372036854775806) > none", "integer overflow")]
    [InlineData("1 - (today - none) + (4 - 321 - 9223372036854775806) > 0", "integer overflow")]
    [InlineData("count(t.lead) < none + 0 - (0 - 9223372036854775807 - 2)", "integer overflow")]
    // min of a list of none drops the list's value, not its evaluation.
    [InlineData("min([none + (9223372036854775807 + count(t.lead))]) == none", "integer overflow")]
    public void ArithmeticOutOfRange_FaultsInBoth(string expression, string reason)
    {
        var expected = new RuleKit.Failure("RuleRuntimeException: " + reason);
        Assert.Equal(expected, RuleKit.Outcome(() => ReferenceEvaluatorTests.Evaluate("1", expression)));
        Assert.Equal(expected, RuleKit.Outcome(() => ReferenceEvaluatorTests.Compile("1", expression)));
    }

    [Theory]
    [InlineData("9223372036854775806 + 1", "Int64 9223372036854775807")]
    [InlineData("0 - 9223372036854775807 - 1", "Int64 -9223372036854775808")]
    [InlineData("-(0 - 9223372036854775807)", "Int64 9223372036854775807")]
    [InlineData("9999-12-01 + 30d", "9999-12-31")]
    public void ArithmeticAtTheEdgesOfTheRange_AgreesInBoth(string expression, string expected)
    {
        Assert.Equal(expected, RuleKit.Show(ReferenceEvaluatorTests.Evaluate("1", expression)));
        Assert.Equal(expected, RuleKit.Show(ReferenceEvaluatorTests.Compile("1", expression)));
    }

    /// <summary>
    /// Lists of lists compared their inner lists by reference, so <c>[[1]] == [[1]]</c> was false and
    /// <c>[1] in [[1]]</c> never held. Lists are values: equal items in order, at any depth, as in the reference.
    /// </summary>
    [Theory]
    [InlineData("[[1]] == [[1]]", true)]
    [InlineData("[[1, 2], [3]] == [[1, 2], [3]]", true)]
    [InlineData("[[1, 2], [3]] != [[1, 2], [4]]", true)]
    [InlineData("[[1]] == [[1.0]]", true)]
    [InlineData("[[[\"a\"]]] == [[[\"a\"]]]", true)]
    [InlineData("[1] in [[2], [1]]", true)]
    [InlineData("[1, 2] in [[2, 1]]", false)]
    [InlineData("[count(t.lead)] in [[0], [1], [2], [3], [4]]", true)]
    [InlineData("[t.due] in [[t.due]]", true)]
    [InlineData("t.lead in [t.lead]", true)]
    public void NestedLists_CompareByValue(string expression, bool expected)
    {
        Assert.Equal(expected, ReferenceEvaluatorTests.Compile("1", expression));
        Assert.Equal(expected, ReferenceEvaluatorTests.Evaluate("1", expression));
    }

    /// <summary>
    /// <c>in</c> over every element type (the rule compiler emits lifted <c>==</c>, ordinal text, identity for plan
    /// elements and value equality for periods and lists, with no generic instantiation made at run time).
    /// </summary>
    [Theory]
    [InlineData("true in [false, true]", true)]
    [InlineData("none in [1, none]", true)]
    [InlineData("none in [1, 2]", false)]
    [InlineData("2021-12-31 in [2021-12-31]", true)]
    [InlineData("none in [2021-12-31]", false)]
    [InlineData("30d in [1m, 30d]", true)]
    [InlineData("1m in [30d]", false)]
    [InlineData("done in [open, done]", true)]
    [InlineData("t.status in [waived]", false)]
    [InlineData("\"甲\" in [\"乙\", \"甲\"]", true)]
    [InlineData("t in [t]", true)]
    [InlineData("2.5 in [1.5, 2.5]", true)]
    public void In_OverEveryElementType(string expression, bool expected)
    {
        Assert.Equal(expected, ReferenceEvaluatorTests.Compile("1", expression));
        Assert.Equal(expected, ReferenceEvaluatorTests.Evaluate("1", expression));
    }

    /// <summary>
    /// <c>min([none, none])</c>, <c>max([none])</c>, <c>min([])</c> and <c>min(none)</c> were PR2002 (a list of none is
    /// not a list of numbers, dates or text), though the language gives none for a list with no value to order. They
    /// type-check as none and are none; <c>count</c> and the quantifiers over such lists (and over none) agree.
    /// </summary>
    [Theory]
    [InlineData("min([none, none])", "none")]
    [InlineData("max([none])", "none")]
    [InlineData("min([])", "none")]
    [InlineData("max(none)", "none")]
    [InlineData("min([max([]), none])", "none")]
    [InlineData("min([none]) == none", "Boolean True")]
    [InlineData("max([none]) < 1", "Boolean False")]
    [InlineData("max([none]) >= none", "Boolean False")]
    [InlineData("min([none]) + 1", "none")]
    [InlineData("t.due - max([])", "none")]
    [InlineData("[min([none]), 1]", "[none, Int64 1]")]
    [InlineData("max([none]) in [1, none]", "Boolean True")]
    [InlineData("1 in [max([])]", "Boolean False")]
    [InlineData("count([none, none])", "Int64 2")]
    [InlineData("count([])", "Int64 0")]
    [InlineData("any x in [none]: x == none", "Boolean True")]
    [InlineData("all x in [none, none]: x < 3", "Boolean False")]
    [InlineData("count x in [none, none]: x == none", "Int64 2")]
    [InlineData("count x in [none]: min([x]) == none", "Int64 1")]
    [InlineData("any x in none: true", "Boolean False")]
    [InlineData("all x in none: false", "Boolean True")]
    [InlineData("count x in max([none]): true", "Int64 0")]
    public void ListsOfNone_AreNoneForMinAndMax_InBoth(string expression, string expected)
    {
        Assert.Equal(expected, RuleKit.Show(ReferenceEvaluatorTests.Evaluate("1", expression)));
        Assert.Equal(expected, RuleKit.Show(ReferenceEvaluatorTests.Compile("1", expression)));
    }

    [Fact]
    public void DecimalInListOfInts_DoesNotFireARuleThroughThePublicApi()
    {
        var rules = RuleSet.Compile([new SourceText("""
            rule R001 "decimal in ints" {
              for task t
              when count(t.lead) + 0.5 in [1, 2, 3]
            }
            """, "r.rules")]);
        Assert.Empty(rules.Diagnostics);
        var plan = PlanBinder.Bind(new SourceText(ReferenceEvaluatorTests.Fixed.Plan, "p.plan"));
        var records = LedgerParser.Parse(ReferenceEvaluatorTests.Fixed.Ledger).Records;
        var (compliance, _) = ComplianceEvaluator.Evaluate(plan, records, ReferenceEvaluatorTests.Fixed.AsOf);
        var model = RuleModel.Build(plan, compliance, ReferenceEvaluatorTests.Fixed.AsOf);
        Assert.Empty(RuleRunner.Run(rules, model));
    }

    [Fact]
    public void ScenarioGenerator_ReachesNoneValues()
    {
        var models = RuleModelGenerators.Scenarios.Sample(200, 10).Select(s => s.Build()).ToList();
        var tasks = models.SelectMany(m => m.Tasks).ToList();
        var obligations = models.SelectMany(m => m.Obligations).ToList();
        Assert.True(tasks.Count(t => t.Due is null) > tasks.Count / 5, "too few tasks without due");
        Assert.True(tasks.Count(t => t.Section is null) > tasks.Count / 5, "too few tasks outside sections");
        Assert.True(tasks.Count(t => t.Completed is null) > tasks.Count / 5, "too few tasks not completed");
        Assert.True(obligations.Count(o => o.Completed is null) > obligations.Count / 5, "too few obligations not done");
        Assert.True(obligations.Count(o => o.Status == RuleStatus.Done) > obligations.Count / 25, "too few obligations done");
        Assert.True(tasks.Count(t => t.Overdue) > tasks.Count / 20, "too few overdue tasks");
        Assert.Contains(obligations, o => o.Status == RuleStatus.Waived);
        Assert.Contains(obligations, o => o.Status == RuleStatus.Started);
        Assert.Contains(obligations, o => o.Occurrences.Count > 0);
    }

    [Fact]
    public void TypedGenerator_GivesBothOutcomesAndNoneValues()
    {
        var model = ReferenceEvaluatorTests.Fixed.Build();
        var conditions = TypedExpressionGenerators.Of(Ty.Bool, Scope.Rule, 3).Sample(150, 10);
        var outcomes = new List<bool>();
        var faults = 0;
        foreach (var condition in conditions)
        {
            var (bound, variable) = RuleKit.BindExpression(RulesPrinter.PrintExpression(condition));
            foreach (var task in model.Tasks)
            {
                // Literals at the edge of the int range make some sums overflow: a fault, the third outcome.
                if (RuleKit.Outcome(() => ReferenceEvaluator.Evaluate(bound, variable, task, model)) is bool outcome) outcomes.Add(outcome);
                else faults++;
            }
        }
        Assert.True(faults < (outcomes.Count + faults) / 10, "conditions fault too often");
        Assert.True(outcomes.Count(o => o) > outcomes.Count / 10, "conditions are almost always false");
        Assert.True(outcomes.Count(o => !o) > outcomes.Count / 10, "conditions are almost always true");

        var values = new[] { Ty.Int, Ty.Dec, Ty.Text, Ty.Date }
            .SelectMany(type => TypedExpressionGenerators.Of(type, Scope.Rule, 2).Sample(60, 10))
            .SelectMany(expression =>
            {
                var (bound, variable) = RuleKit.BindExpression(RulesPrinter.PrintExpression(expression));
                return model.Tasks.Select(t => RuleKit.Outcome(() => ReferenceEvaluator.Evaluate(bound, variable, t, model)));
            })
            .Where(v => v is not RuleKit.Failure)
            .ToList();
        Assert.True(values.Count(v => v is null) > values.Count / 20, "too few none values");
    }

    [Fact]
    public void TypedGenerator_ReachesListsOfNone()
    {
        var printed = new[] { Ty.Bool, Ty.Int }
            .SelectMany(type => TypedExpressionGenerators.Of(type, Scope.Rule, 3).Sample(300, 10))
            .Select(RulesPrinter.PrintExpression)
            .ToList();
        const string noneList = @"\[((none|max\(\[\]\))(, (none|max\(\[\]\)))*)?\]";
        Assert.Contains(printed, p => Regex.IsMatch(p, @"(min|max)\(" + noneList + @"\)"));
        Assert.Contains(printed, p => Regex.IsMatch(p, @"count\(" + noneList + @"\)"));
        Assert.Contains(printed, p => Regex.IsMatch(p, @"(any|all|count) \w+ in " + noneList + ":"));
        Assert.Contains(printed, p => Regex.IsMatch(p, @"(any|all|count) \w+ in none:"));
    }
}
