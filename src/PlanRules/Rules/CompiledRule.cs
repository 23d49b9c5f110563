using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using NodaTime;
using PlanRules.Diagnostics;
using PlanRules.Rules.Binding;
using PlanRules.Rules.Compilation;
using PlanRules.Rules.Runtime;
using PlanRules.Rules.Syntax;

namespace PlanRules.Rules;

/// <summary>
/// A rule compiled once to delegates: one for the filter and condition together, and one per distinct expression
/// of the message holes and explanation terms (the same text in two cultures' messages, or in a message and a
/// term, is evaluated once per finding).
/// </summary>
public sealed class CompiledRule
{
    internal CompiledRule(BoundRule bound, string sourcePath, Func<BoundExpression, string> textOf)
    {
        Bound = bound;
        var (compileFilter, nodes) = RuleCompiler.CompileFilter(bound.Variable, bound.Where, bound.Condition, bound.IsRequire);
        FilterNodes = nodes;
        // The runner runs the filter in a program (RuleProgram); alone it is compiled on its first call.
        _filter = (element, model) => (_filter = compileFilter())(element, model);
        var values = new List<BoundExpression>();
        var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        int ValueOf(BoundExpression expression)
        {
            var text = WithoutOuterParentheses(textOf(expression));
            if (!indexes.TryGetValue(text, out var index))
            {
                indexes[text] = index = values.Count;
                values.Add(expression);
            }
            return index;
        }
        // Holes first, in the order the runner has always evaluated them, so the first failing hole is the same.
        Messages = [.. bound.Messages.Select(m => (m.Culture, Parts: m.Parts.Select(p => p.Hole is null ? (p.Text, -1) : ((string?)null, ValueOf(p.Hole))).ToImmutableArray()))];
        HoleValues = values.Count;
        Arguments = Messages[0].Parts.Count(p => p.Value >= 0);
        Terms = [.. bound.Terms.Select(term => (textOf(term), ValueOf(term)))];
        ValueCount = values.Count;
        var site = System.Linq.Expressions.Expression.Parameter(typeof(FindingSite), "site");
        var compile = RuleCompiler.CompileReport<FindingSite, RuleFinding>(bound.Variable, values, HoleValues, TermErrorOf, CultureFreeOf,
            RuleFinding.ConstructorFor(values.Count), [System.Linq.Expressions.Expression.Constant(this), site], site);
        // Compiled on the first finding, then called directly (two threads racing on the first may both compile, to the same effect).
        _report = (element, model, at) => (_report = compile())(element, model, at);
        RelatedLocations = [bound.Location];
        Extras = DiagnosticExtras.Create(RelatedLocations, null);
        SourcePath = sourcePath;
    }

    /// <summary>
    /// The text that identifies a value: <c>(count(t.lead))</c> as a term and <c>{count(t.lead)}</c> as a hole are the
    /// same value, evaluated once. Text with a quote keeps its parentheses (a parenthesis inside a string would
    /// mislead the count).
    /// </summary>
    internal static string WithoutOuterParentheses(string text)
    {
        while (text.Length >= 2 && text[0] == '(' && text[^1] == ')' && !text.Contains('"'))
        {
            var depth = 0;
            for (var i = 0; i < text.Length - 1; i++)
            {
                depth += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
                if (depth == 0) return text;
            }
            text = text[1..^1].Trim();
        }
        return text;
    }

    internal BoundRule Bound { get; }
    private Func<object, RuleModel, bool> _filter;
    /// <summary>The size of the filter and condition in compiled nodes (which programs it can join: <see cref="RuleProgram"/>).</summary>
    internal int FilterNodes { get; }
    /// <summary>The number of distinct expressions of holes and terms (each evaluated once per finding); the first <see cref="HoleValues"/> are holes.</summary>
    internal int ValueCount { get; }
    internal int HoleValues { get; }
    private Func<object, RuleModel, FindingSite, RuleFinding> _report;

    /// <summary>The number of holes in the first message: the finding's arguments.</summary>
    internal int Arguments { get; }
    /// <summary>Per culture: literal text, or a hole (the index of its value in a finding; -1 for text).</summary>
    internal ImmutableArray<(string Culture, ImmutableArray<(string? Text, int Value)> Parts)> Messages { get; }
    /// <summary>Explanation terms: name (source text) and the index of its value in a finding.</summary>
    internal ImmutableArray<(string Name, int Value)> Terms { get; }

    /// <summary>The rules file the rule came from.</summary>
    public string SourcePath { get; }
    /// <summary>The rule's descriptor (id, title, severity, category, help).</summary>
    public DiagnosticDescriptor Descriptor => Bound.Descriptor;
    /// <summary>What the rule ranges over.</summary>
    public RuleTarget Target => Bound.Target;
    /// <summary>Where the rule is written.</summary>
    public Location Location => Bound.Location;
    /// <summary>The related locations of its findings: the rule.</summary>
    internal ImmutableArray<Location> RelatedLocations { get; }
    /// <summary>What every finding of the rule shares: the rule as related location.</summary>
    internal DiagnosticExtras? Extras { get; }

    /// <summary>True when the rule applies as of <paramref name="asOf"/> (its <c>effective</c> range).</summary>
    public bool IsEffective(LocalDate asOf) =>
        (Bound.EffectiveFrom is not { } from || asOf >= from) && (Bound.EffectiveTo is not { } to || asOf <= to);

    /// <summary>True when the rule reports the element.</summary>
    /// <remarks>The rule alone (the runner runs rules as programs, <see cref="RuleProgram"/>): for tests and measurements.</remarks>
    internal bool Fires(object element, RuleModel model) => _filter(element, model);

    /// <summary>
    /// The finding on <paramref name="element"/>, at <paramref name="site"/>: evaluates every distinct hole (the first
    /// failing hole faults the element), then every term that is not also a hole (a failing term reads "error: …" and
    /// the finding stands), in one compiled delegate. Values are kept culture-free (text where they read the same in
    /// every culture, lists as arrays of such), so a finding never keeps a view of the plan alive.
    /// </summary>
    internal RuleFinding Report(object element, RuleModel model, FindingSite site) => _report(element, model, site);

    private static readonly System.Reflection.MethodInfo TermErrorOf =
        typeof(TermError).GetMethod(nameof(TermError.Of), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;

    private static readonly System.Reflection.MethodInfo CultureFreeOf =
        typeof(CompiledRule).GetMethod(nameof(CultureFree), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;

    /// <summary>The finding's arguments: the first message's holes, as invariant text.</summary>
    internal ImmutableArray<string> ArgumentsOf(RuleFinding values)
    {
        var arguments = new string[Arguments];
        var next = 0;
        foreach (var part in Messages[0].Parts)
        {
            if (part.Value >= 0) arguments[next++] = RuleValueFormatter.Format(values[part.Value]);
        }
        return ImmutableCollectionsMarshal.AsImmutableArray(arguments);
    }

    /// <summary>The message, formatted per culture on demand.</summary>
    internal LocalizableString MessageOf(RuleFinding values) => new TemplateString(Messages, values);

    /// <summary>The explanation terms as properties.</summary>
    internal ImmutableSortedDictionary<string, string> PropertiesOf(RuleFinding values)
    {
        var properties = new KeyValuePair<string, string>[Terms.Length];
        for (var i = 0; i < Terms.Length; i++)
        {
            var (name, index) = Terms[i];
            properties[i] = new(name, values[index] is TermError error ? error.Text : RuleValueFormatter.Format(values[index]));
        }
        return Diagnostic.Sorted(properties);
    }

    /// <summary>
    /// A value that reads the same in every culture (anything but none and lists) is kept as its text: formatted
    /// once for the arguments, the properties and every culture's message, and no box is kept alive. A list keeps
    /// its items so (only its separator and a none item depend on the culture).
    /// </summary>
    private static object? CultureFree(object? value)
    {
        switch (value)
        {
            case null or string:
                return value;
            case System.Collections.IEnumerable list:
                var items = new List<object?>();
                foreach (var item in list) items.Add(CultureFree(item));
                return items.ToArray();
            default:
                return RuleValueFormatter.Format(value);
        }
    }

    private sealed class TermError(string text)
    {
        public string Text { get; } = text;

        /// <summary>A term that faulted: its value reads "error: " and the exception's message.</summary>
        internal static object Of(Exception e) => new TermError("error: " + e.Message);
    }

    private sealed class TemplateString(ImmutableArray<(string Culture, ImmutableArray<(string? Text, int Value)> Parts)> messages, RuleFinding values) : LocalizableString
    {
        public override string ToString(CultureInfo? culture)
        {
            var parts = Pick(culture);
            var builder = new StringBuilder();
            foreach (var (text, value) in parts)
            {
                builder.Append(value >= 0 ? RuleValueFormatter.Format(values[value], culture ?? CultureInfo.GetCultureInfo("zh-CN")) : text);
            }
            return builder.ToString();
        }

        private ImmutableArray<(string? Text, int Value)> Pick(CultureInfo? culture)
        {
            var name = culture?.Name ?? "zh-CN";
            foreach (var m in messages) if (string.Equals(m.Culture, name, StringComparison.OrdinalIgnoreCase)) return m.Parts;
            var language = culture?.TwoLetterISOLanguageName ?? "zh";
            foreach (var m in messages) if (m.Culture.StartsWith(language, StringComparison.OrdinalIgnoreCase)) return m.Parts;
            foreach (var m in messages) if (m.Culture.StartsWith("zh", StringComparison.OrdinalIgnoreCase)) return m.Parts;
            return messages[0].Parts;
        }
    }
}
