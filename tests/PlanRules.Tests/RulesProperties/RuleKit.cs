using System.Collections;
using System.Globalization;
using NodaTime;
using PlanRules.Diagnostics;
using PlanRules.Rules.Binding;
using PlanRules.Rules.Compilation;
using PlanRules.Rules.Parsing;
using PlanRules.Rules.Runtime;
using PlanRules.Rules.Syntax;
using PlanRules.Text;

namespace PlanRules.Tests.RulesProperties;

/// <summary>Binding, compiling and comparing single expressions for the evaluator and compiler tests.</summary>
internal static class RuleKit
{
    /// <summary>Binds one expression of any type over a task variable <c>t</c> (strings written “…” or "…").</summary>
    public static (BoundExpression Expression, RuleVariable Variable) BindExpression(string text)
    {
        var source = new SourceText("rule X \"\" {\n  when " + text + "\n}\n", "expression.rules");
        var file = RulesParser.Parse(source);
        Assert.True(file.Diagnostics.IsEmpty, text + "\n" + string.Join("\n", file.Diagnostics));
        var syntax = ((ConditionItemSyntax)file.Rules[0].Items[0]).Condition;
        var diagnostics = new List<Diagnostic>();
        var binder = new ExpressionBinder(source, RuleFunction.Builtins, diagnostics);
        var variable = new RuleVariable("t", RuleType.Task);
        binder.Push(variable);
        var bound = binder.Bind(syntax);
        Assert.False(binder.HasErrors, text + "\n" + string.Join("\n", diagnostics));
        return (bound, variable);
    }

    /// <summary>Binds a whole rule file's first rule with the real rule binder.</summary>
    public static BoundRule BindRule(string text)
    {
        var source = new SourceText(text, "generated.rules");
        var file = RulesParser.Parse(source);
        Assert.True(file.Diagnostics.IsEmpty, "does not parse cleanly:\n" + text + "\n" + string.Join("\n", file.Diagnostics));
        var diagnostics = new List<Diagnostic>();
        var bound = RuleBinder.Bind(file.Rules[0], source, RuleFunction.Builtins, diagnostics);
        Assert.True(bound is not null && diagnostics.Count == 0, "does not type-check:\n" + text + "\n" + string.Join("\n", diagnostics));
        return bound!;
    }

    /// <summary>The compiled value, normalised as the reference evaluator's.</summary>
    public static object? Compiled(BoundExpression expression, RuleVariable variable, object element, RuleModel model) =>
        expression.Type.Kind == TypeKind.Bool
            ? RuleCompiler.Compile<bool>(variable, expression)(element, model)
            : ReferenceEvaluator.Normalize(RuleCompiler.Compile<object?>(variable, expression)(element, model));

    /// <summary>Deep equality of normalised values: same kind, same value (decimals with the same scale), views by identity.</summary>
    public static bool SameValue(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (IList x, IList y) => x.Count == y.Count && Enumerable.Range(0, x.Count).All(i => SameValue(x[i], y[i])),
        (decimal x, decimal y) => x == y && x.ToString(CultureInfo.InvariantCulture) == y.ToString(CultureInfo.InvariantCulture),
        (TaskView or UnitView or ObligationView or PlanView, _) => ReferenceEquals(a, b),
        _ => a.GetType() == b.GetType() && a.Equals(b),
    };

    /// <summary>A value for failure messages: type and value, lists expanded.</summary>
    public static string Show(object? value) => value switch
    {
        null => "none",
        IList list => "[" + string.Join(", ", list.Cast<object?>().Select(Show)) + "]",
        LocalDate date => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture),
        string text => "\"" + text + "\"",
        _ => value.GetType().Name + " " + Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>Runs a function and returns its value or the exception it threw (so outcomes can be compared).</summary>
    public static object? Outcome(Func<object?> run)
    {
        try
        {
            return run();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new Failure(e.GetType().Name + ": " + e.Message);
        }
    }

    /// <summary>An evaluation that threw.</summary>
    public sealed record Failure(string Message);
}
