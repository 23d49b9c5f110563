using System.Collections.Immutable;
using PlanRules.Diagnostics;
using PlanRules.Rules.Runtime;
using PlanRules.Rules.Syntax;

namespace PlanRules.Rules;

/// <summary>
/// Evaluates compiled rules over a <see cref="RuleModel"/>. A rule that throws on one element becomes
/// PR2005 for that element; the other elements and rules go on.
/// </summary>
public static class RuleRunner
{
    /// <summary>Runs every effective rule; findings point at the element's declaration in the plan, with the rule as related location.</summary>
    public static ImmutableArray<Diagnostic> Run(RuleSet rules, RuleModel model)
    {
        var diagnostics = new List<Diagnostic>();
        foreach (var rule in rules.Rules)
        {
            if (!rule.IsEffective(model.AsOf)) continue;
            IEnumerable<object> elements = rule.Target switch
            {
                RuleTarget.Task => model.Tasks,
                RuleTarget.Obligation => model.Obligations,
                RuleTarget.Unit => model.Units,
                _ => [model.Plan],
            };
            foreach (var element in elements)
            {
                try
                {
                    if (!rule.Fires(element, model)) continue;
                    diagnostics.Add(Report(rule, element, model));
                }
                catch (Exception e) when (e is not (OutOfMemoryException or InsufficientExecutionStackException))
                {
                    var (location, taskId, unit) = Describe(element, rule);
                    diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.RulesRuntimeFault, location, taskId, unit, null,
                        rule.Descriptor.Id, ElementName(element), (e is RuleRuntimeException ? e.Message : e.GetType().Name + ": " + e.Message).ReplaceLineEndings(" "))
                        .WithAdditionalLocations([rule.Location]));
                }
            }
        }
        return [.. diagnostics];
    }

    private static Diagnostic Report(CompiledRule rule, object element, RuleModel model)
    {
        var (location, taskId, unit) = Describe(element, rule);
        var (message, arguments) = rule.RenderMessage(element, model);
        var properties = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in rule.Terms)
        {
            string text;
            try
            {
                text = RuleValueFormatter.Format(value(element, model));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                text = "error: " + e.Message;
            }
            properties.Add(new(name, text));
        }
        return Diagnostic.Create(rule.Descriptor, location, message, arguments, taskId, unit, properties, [rule.Location]);
    }

    private static (Location Location, string? TaskId, string? Unit) Describe(object element, CompiledRule rule) => element switch
    {
        TaskView task => (task.Symbol.Location, task.Id, null),
        ObligationView obligation => (obligation.Task.Symbol.Location, obligation.Task.Id, obligation.Unit.Name),
        UnitView unit => (unit.Symbol.NameLocation, null, unit.Name),
        PlanView plan => (plan.Symbol.Location.IsNone ? rule.Location : plan.Symbol.Location, null, null),
        _ => (rule.Location, null, null),
    };

    private static LocalizableString ElementName(object element) => element switch
    {
        TaskView task => LocalizableString.FromTexts(new Dictionary<string, string> { ["zh-CN"] = "任务 " + task.Id, ["en"] = "task " + task.Id }),
        ObligationView o => LocalizableString.FromTexts(new Dictionary<string, string> { ["zh-CN"] = $"义务 {o}", ["en"] = $"obligation {o}" }),
        UnitView unit => LocalizableString.FromTexts(new Dictionary<string, string> { ["zh-CN"] = "单位 " + unit.Name, ["en"] = "unit " + unit.Name }),
        _ => LocalizableString.FromResource("Kind_Plan"),
    };
}
