using System.Collections.Immutable;
using PlanRules.Diagnostics;
using PlanRules.Rules.Binding;
using PlanRules.Rules.Parsing;
using PlanRules.Rules.Runtime;
using PlanRules.Syntax;
using PlanRules.Text;

namespace PlanRules.Rules;

/// <summary>
/// A compiled set of analyst rules. Compile once, evaluate many times (thread-safe: compiled rules hold
/// no per-check state). Rules with errors are reported in <see cref="Diagnostics"/> and left out.
/// </summary>
public sealed class RuleSet
{
    private RuleSet(ImmutableArray<CompiledRule> rules, ImmutableArray<Diagnostic> diagnostics)
    {
        Rules = rules;
        Diagnostics = diagnostics;
    }

    /// <summary>An empty set.</summary>
    public static RuleSet Empty { get; } = new([], []);

    /// <summary>The rules that compiled.</summary>
    public ImmutableArray<CompiledRule> Rules { get; }

    /// <summary>Syntax and type errors of the rule files (PR0xxx, PR2001..PR2004).</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>Parses, type-checks and compiles rule files, with host functions beside the built-ins.</summary>
    public static RuleSet Compile(IEnumerable<SourceText> sources, IEnumerable<RuleFunction>? hostFunctions = null, ParseOptions? options = null)
    {
        var functions = RuleFunction.Builtins.ToDictionary(StringComparer.Ordinal);
        foreach (var function in hostFunctions ?? []) functions[function.Name] = function;
        var diagnostics = new List<Diagnostic>();
        var rules = ImmutableArray.CreateBuilder<CompiledRule>();
        var seen = new Dictionary<string, Location>(StringComparer.OrdinalIgnoreCase);
        foreach (var source in sources)
        {
            var file = RulesParser.Parse(source, options);
            diagnostics.AddRange(file.Diagnostics);
            foreach (var rule in file.Rules)
            {
                if (seen.TryGetValue(rule.Id.Value, out var first))
                {
                    diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.RulesDuplicateId, Location.Create(source, rule.Id.Span), rule.Id.Value)
                        .WithAdditionalLocations([first]));
                    continue;
                }
                seen[rule.Id.Value] = Location.Create(source, rule.Id.Span);
                var bound = RuleBinder.Bind(rule, source, functions, diagnostics);
                if (bound is null) continue;
                try
                {
                    rules.Add(new CompiledRule(bound, source.Path, expression => source.ToString(expression.Span)));
                }
                catch (Exception e) when (e is InvalidOperationException or ArgumentException or InsufficientExecutionStackException)
                {
                    diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.RulesRuntimeFault, bound.Location, null, null, null,
                        rule.Id.Value, LocalizableString.FromResource("Kind_Rule"), e.Message));
                }
            }
        }
        return new RuleSet(rules.ToImmutable(), DiagnosticOrder.Sort(diagnostics));
    }
}
