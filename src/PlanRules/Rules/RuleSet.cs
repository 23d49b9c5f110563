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
    private RuleSet(ImmutableArray<CompiledRule> rules, ImmutableArray<Diagnostic> diagnostics, ImmutableArray<DeclaredRule> declared)
    {
        var (programs, failed) = RuleProgram.Compile(rules);
        if (failed.Count > 0)
        {
            // Rules that compiled alone as filters but not as programs (not seen in practice): reported, left out.
            var left = failed.Select(f => f.Index).ToHashSet();
            diagnostics = DiagnosticOrder.Sort([.. diagnostics, .. failed.Select(f => NotCompiled(rules[f.Index].Bound, f.Why))]);
            rules = [.. rules.Where((_, i) => !left.Contains(i))];
            (programs, _) = RuleProgram.Compile(rules);
        }
        Rules = rules;
        Diagnostics = diagnostics;
        Declared = declared;
        _programs = programs;
    }

    /// <summary>PR2005 for a rule that type-checked but did not compile: why, in the user's language, never the compiler's internal text.</summary>
    private static Diagnostic NotCompiled(BoundRule bound, Exception e) =>
        Diagnostic.Create(DiagnosticCatalog.RulesRuntimeFault, bound.Location, null, null, null,
            bound.Descriptor.Id, LocalizableString.FromResource("Kind_Rule"),
            LocalizableString.FromResource(e is InsufficientExecutionStackException ? "PR2005_TooComplex" : "PR2005_NotCompiled"));

    /// <summary>An empty set.</summary>
    public static RuleSet Empty { get; } = new([], [], []);

    /// <summary>The rules that compiled.</summary>
    public ImmutableArray<CompiledRule> Rules { get; }

    // Per target (RuleTarget's value).
    private readonly RuleProgram[][] _programs;

    /// <summary>The rules over <paramref name="target"/>, as programs (<see cref="RuleProgram"/>), in rule order.</summary>
    internal RuleProgram[] ProgramsFor(Syntax.RuleTarget target) => _programs[(int)target];

    /// <summary>Syntax and type errors of the rule files (PR0xxx, PR2001..PR2004).</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>
    /// Every rule id the files declare (the first of duplicates), compiled or not, and whether it comes from the
    /// standard rules (<see cref="StandardRules.Sources"/>).
    /// </summary>
    internal ImmutableArray<DeclaredRule> Declared { get; }

    /// <summary>A declared rule id: where it is written and whether a standard rule file declares it.</summary>
    internal readonly record struct DeclaredRule(string Id, Location Location, bool IsStandard);

    /// <summary>
    /// Parses, type-checks and compiles rule files, with host functions beside the built-ins (one of a built-in's name
    /// replaces it). Throws <see cref="ArgumentException"/> for a null host function or two of one name.
    /// </summary>
    public static RuleSet Compile(IEnumerable<SourceText> sources, IEnumerable<RuleFunction>? hostFunctions = null, ParseOptions? options = null)
    {
        var functions = RuleFunction.Builtins.ToDictionary(StringComparer.Ordinal);
        var added = new HashSet<string>(StringComparer.Ordinal);
        foreach (var function in hostFunctions ?? [])
        {
            // A host function replaces a built-in of its name; two of one name would leave one silently unused.
            if (function is null) throw new ArgumentException(Resources.Messages.Bilingual("Function_Null"), nameof(hostFunctions));
            if (!added.Add(function.Name)) throw new ArgumentException(Resources.Messages.Bilingual("Function_Duplicate", function.Name), nameof(hostFunctions));
            functions[function.Name] = function;
        }
        var diagnostics = new List<Diagnostic>();
        var rules = ImmutableArray.CreateBuilder<CompiledRule>();
        var seen = new Dictionary<string, Location>(StringComparer.OrdinalIgnoreCase);
        var declared = ImmutableArray.CreateBuilder<DeclaredRule>();
        foreach (var source in sources)
        {
            var isStandard = StandardRules.IsStandardSource(source);
            var file = RulesParser.Parse(source, options);
            diagnostics.AddRange(file.Diagnostics);
            var syntaxErrors = ErrorStarts(file.Diagnostics);
            foreach (var rule in file.Rules)
            {
                if (seen.TryGetValue(rule.Id.Value, out var first))
                {
                    diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.RulesDuplicateId, Location.Create(source, rule.Id.Span), rule.Id.Value)
                        .WithAdditionalLocations([first]));
                    continue;
                }
                seen[rule.Id.Value] = Location.Create(source, rule.Id.Span);
                declared.Add(new DeclaredRule(rule.Id.Value, seen[rule.Id.Value], isStandard));
                // A rule with a syntax error inside is reported and skipped: type-checked for its other errors, never run.
                var bound = RuleBinder.Bind(rule, source, functions, diagnostics, HasErrorWithin(syntaxErrors, rule.Span, source.Text));
                if (bound is null) continue;
                try
                {
                    rules.Add(new CompiledRule(bound, source.Path, expression => source.ToString(expression.Span)));
                }
                catch (Exception e) when (e is InvalidOperationException or ArgumentException or InsufficientExecutionStackException)
                {
                    // A rule that type-checked always compiles; should one not, it is reported and left out.
                    diagnostics.Add(NotCompiled(bound, e));
                }
            }
        }
        return new RuleSet(rules.ToImmutable(), DiagnosticOrder.Sort(diagnostics), declared.ToImmutable());
    }

    /// <summary>The sorted start positions of the error findings of a file.</summary>
    private static int[] ErrorStarts(ImmutableArray<Diagnostic> diagnostics)
    {
        var starts = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Location.SourceSpan.Start).ToArray();
        Array.Sort(starts);
        return starts;
    }

    /// <summary>
    /// True when an error starts inside <paramref name="span"/> (a rule), or at its end when the rule is not closed
    /// by a brace (the error that it is unterminated). An error at the rule's first character (its <c>rule</c>
    /// keyword, which parsed) is the previous rule's missing <c>}</c>.
    /// </summary>
    private static bool HasErrorWithin(int[] errorStarts, TextSpan span, string text)
    {
        // The first error after the rule's first character.
        var index = Array.BinarySearch(errorStarts, span.Start);
        if (index < 0) index = ~index;
        while (index < errorStarts.Length && errorStarts[index] <= span.Start) index++;
        if (index >= errorStarts.Length) return false;
        var start = errorStarts[index];
        if (start < span.End) return true;
        return start == span.End && (span.End == 0 || text[span.End - 1] is not ('}' or '｝'));
    }

    /// <summary>
    /// The rule sets of one check, as they run together: the ids the standard rules declare are theirs. A rule of
    /// another set that takes one (case-insensitively, like duplicate ids) is PR2003 at its id, with the standard
    /// rule as related location, and is left out; the standard rule still runs. Without a standard rule set the
    /// sets are returned as they are (with the standard rules off, any id is free).
    /// </summary>
    internal static ImmutableArray<RuleSet> ReserveStandardIds(ImmutableArray<RuleSet> sets)
    {
        Dictionary<string, Location>? standard = null;
        foreach (var set in sets)
        {
            foreach (var rule in set.Declared)
            {
                if (rule.IsStandard) (standard ??= new(StringComparer.OrdinalIgnoreCase)).TryAdd(rule.Id, rule.Location);
            }
        }
        return standard is null ? sets : sets.Select(set => set.WithoutStandardIds(standard)).ToImmutableArray();
    }

    private RuleSet WithoutStandardIds(Dictionary<string, Location> standard)
    {
        List<Diagnostic>? reported = null;
        HashSet<string>? taken = null;
        foreach (var rule in Declared)
        {
            if (rule.IsStandard || !standard.TryGetValue(rule.Id, out var first)) continue;
            (reported ??= []).Add(Diagnostic.Create(DiagnosticCatalog.RulesDuplicateId, rule.Location,
                    LocalizableString.FromResource("PR2003_Standard", rule.Id), [rule.Id])
                .WithAdditionalLocations([first]));
            (taken ??= new(StringComparer.OrdinalIgnoreCase)).Add(rule.Id);
        }
        if (reported is null) return this;
        // Ids are unique within a set, so the compiled rule with a taken id is the one reported.
        return new RuleSet([.. Rules.Where(r => !taken!.Contains(r.Descriptor.Id))], DiagnosticOrder.Sort([.. Diagnostics, .. reported]), Declared);
    }
}
