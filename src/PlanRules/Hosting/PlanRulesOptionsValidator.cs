using Microsoft.Extensions.Options;
using PlanRules.Analysis;
using PlanRules.Resources;

namespace PlanRules.Hosting;

/// <summary>
/// Checks <see cref="PlanRulesOptions"/> when the checker is created: every mistake is named at once (an
/// <see cref="OptionsValidationException"/>), instead of a NullReferenceException while compiling, a function
/// silently replaced by another of its name, or an empty rule path that searches the whole current folder.
/// </summary>
internal sealed class PlanRulesOptionsValidator : IValidateOptions<PlanRulesOptions>
{
    public ValidateOptionsResult Validate(string? name, PlanRulesOptions options)
    {
        var failures = new List<string>();
        if (options.Compliance is null) failures.Add(Messages.Bilingual("Options_Null", nameof(options.Compliance)));
        if (options.Parse is null) failures.Add(Messages.Bilingual("Options_Null", nameof(options.Parse)));
        NoNulls(options.RuleTexts, nameof(options.RuleTexts), failures);
        NoNulls(options.Functions, nameof(options.Functions), failures);
        NoNulls(options.AnalyzerTypes, nameof(options.AnalyzerTypes), failures);
        for (var i = 0; i < options.RulePaths.Count; i++)
        {
            if (options.RulePaths[i] is null) failures.Add(Messages.Bilingual("Options_NullItem", nameof(options.RulePaths), i));
            else if (string.IsNullOrWhiteSpace(options.RulePaths[i])) failures.Add(Messages.Bilingual("Options_EmptyRulePath", i));
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var function in options.Functions)
        {
            if (function is not null && !names.Add(function.Name)) failures.Add(Messages.Bilingual("Function_Duplicate", function.Name));
        }
        foreach (var type in options.AnalyzerTypes)
        {
            if (type is not null && (!typeof(PlanAnalyzer).IsAssignableFrom(type) || type.IsAbstract || type.ContainsGenericParameters))
            {
                failures.Add(Messages.Bilingual("Options_NotAnalyzer", type.FullName ?? type.Name));
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void NoNulls<T>(IList<T> items, string list, List<string> failures)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null) failures.Add(Messages.Bilingual("Options_NullItem", list, i));
        }
    }
}
