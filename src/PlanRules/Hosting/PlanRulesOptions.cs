using System.Diagnostics.CodeAnalysis;
using PlanRules.Analysis;
using PlanRules.Analysis.Compliance;
using PlanRules.Rules.Runtime;
using PlanRules.Syntax;
using PlanRules.Text;

namespace PlanRules.Hosting;

/// <summary>What a host configures in <c>services.AddPlanRules(o => …)</c>.</summary>
public sealed class PlanRulesOptions
{
    /// <summary>Run the standard rule sets (the repository's <c>rules/</c>, embedded). Default true.</summary>
    public bool UseStandardRules { get; set; } = true;

    /// <summary>Extra rule files or folders (searched recursively for <c>*.rules</c>), read once when the checker is created.</summary>
    public IList<string> RulePaths { get; } = [];

    /// <summary>Extra rule texts given directly.</summary>
    public IList<SourceText> RuleTexts { get; } = [];

    /// <summary>Host functions rules may call, type-checked like built-ins.</summary>
    public IList<RuleFunction> Functions { get; } = [];

    /// <summary>
    /// Host analyzer types, created through the service provider (so they may take services). In a trimmed or
    /// Native AOT host add them with <see cref="AddAnalyzer{T}"/>, which keeps their public constructors.
    /// </summary>
    public IList<Type> AnalyzerTypes { get; } = [];

    /// <summary>Default thresholds for as-of evaluation (a request's configuration may override them).</summary>
    public ComplianceOptions Compliance { get; set; } = ComplianceOptions.Default;

    /// <summary>Parser limits.</summary>
    public ParseOptions Parse { get; set; } = ParseOptions.Default;

    /// <summary>
    /// Adds a host function, e.g. <c>o.AddFunction("isDistrict", (string name) =&gt; name.StartsWith("区"))</c>; a name
    /// rules cannot call or a type they cannot pass is an <see cref="ArgumentException"/> here.
    /// </summary>
    public PlanRulesOptions AddFunction(string name, Delegate implementation)
    {
        Functions.Add(RuleFunction.FromDelegate(name, implementation));
        return this;
    }

    /// <summary>Adds a rule file or folder (an empty path, which would search the whole current folder, is refused).</summary>
    public PlanRulesOptions AddRules(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        RulePaths.Add(path);
        return this;
    }

    /// <summary>Adds a host analyzer type (a type added more than once runs once).</summary>
    public PlanRulesOptions AddAnalyzer<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>() where T : PlanAnalyzer
    {
        AnalyzerTypes.Add(typeof(T));
        return this;
    }
}
