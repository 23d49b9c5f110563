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
        Filter = RuleCompiler.CompileFilter(bound.Variable, bound.Where, bound.Condition, bound.IsRequire);
        var values = new List<Func<object, RuleModel, object?>>();
        var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        int ValueOf(BoundExpression expression)
        {
            var text = textOf(expression);
            if (!indexes.TryGetValue(text, out var index))
            {
                indexes[text] = index = values.Count;
                values.Add(RuleCompiler.CompileValue(bound.Variable, expression));
            }
            return index;
        }
        // Holes first, in the order the runner has always evaluated them, so the first failing hole is the same.
        Messages = [.. bound.Messages.Select(m => (m.Culture, Parts: m.Parts.Select(p => p.Hole is null ? (p.Text, -1) : ((string?)null, ValueOf(p.Hole))).ToImmutableArray()))];
        HoleValues = values.Count;
        Arguments = Messages[0].Parts.Count(p => p.Value >= 0);
        Terms = [.. bound.Terms.Select(term => (textOf(term), ValueOf(term)))];
        Values = [.. values];
        RelatedLocations = [bound.Location];
        SourcePath = sourcePath;
    }

    internal BoundRule Bound { get; }
    /// <summary>True when the rule reports the element: the <c>where</c> filter and the condition, in one delegate.</summary>
    internal Func<object, RuleModel, bool> Filter { get; }
    /// <summary>The distinct expressions of holes and terms; the first <see cref="HoleValues"/> are holes.</summary>
    internal ImmutableArray<Func<object, RuleModel, object?>> Values { get; }
    internal int HoleValues { get; }
    /// <summary>The number of holes in the first message: the finding's arguments.</summary>
    internal int Arguments { get; }
    /// <summary>Per culture: literal text, or a hole (an index into <see cref="Values"/>; -1 for text).</summary>
    internal ImmutableArray<(string Culture, ImmutableArray<(string? Text, int Value)> Parts)> Messages { get; }
    /// <summary>Explanation terms: name (source text) and index into <see cref="Values"/>.</summary>
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

    /// <summary>True when the rule applies as of <paramref name="asOf"/> (its <c>effective</c> range).</summary>
    public bool IsEffective(LocalDate asOf) =>
        (Bound.EffectiveFrom is not { } from || asOf >= from) && (Bound.EffectiveTo is not { } to || asOf <= to);

    /// <summary>True when the rule reports the element.</summary>
    internal bool Fires(object element, RuleModel model) => Filter(element, model);

    /// <summary>
    /// Evaluates the message holes (each distinct one once; a failing hole faults the element) and returns the
    /// message, formatted per culture on demand, its invariant arguments, and the values for <see cref="Explain"/>.
    /// </summary>
    internal (LocalizableString Message, ImmutableArray<string> Arguments, object?[] Values) RenderMessage(object element, RuleModel model)
    {
        var values = new object?[Values.Length];
        for (var i = 0; i < HoleValues; i++) values[i] = CultureFree(Values[i](element, model));
        var parts = Messages[0].Parts;
        var arguments = new string[Arguments];
        var next = 0;
        foreach (var part in parts)
        {
            if (part.Value >= 0) arguments[next++] = RuleValueFormatter.Format(values[part.Value]);
        }
        return (new TemplateString(Messages, values), ImmutableCollectionsMarshal.AsImmutableArray(arguments), values);
    }

    /// <summary>
    /// A value that reads the same in every culture (anything but none and lists) is kept as its text: formatted
    /// once for the arguments, the properties and every culture's message, and no box is kept alive.
    /// </summary>
    private static object? CultureFree(object? value) =>
        value is null or string or System.Collections.IEnumerable ? value : RuleValueFormatter.Format(value);

    /// <summary>The explanation terms as properties; a term that fails reads "error: …" (the finding stands).</summary>
    internal KeyValuePair<string, string>[] Explain(object element, RuleModel model, object?[] values)
    {
        var properties = new KeyValuePair<string, string>[Terms.Length];
        for (var i = 0; i < Terms.Length; i++)
        {
            var (name, index) = Terms[i];
            string text;
            try
            {
                text = RuleValueFormatter.Format(index < HoleValues ? values[index] : Values[index](element, model));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                text = "error: " + e.Message;
            }
            properties[i] = new(name, text);
        }
        return properties;
    }

    private sealed class TemplateString(ImmutableArray<(string Culture, ImmutableArray<(string? Text, int Value)> Parts)> messages, object?[] values) : LocalizableString
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
