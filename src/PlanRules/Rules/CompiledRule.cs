using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using PlanRules.Diagnostics;
using PlanRules.Rules.Binding;
using PlanRules.Rules.Compilation;
using PlanRules.Rules.Runtime;
using PlanRules.Rules.Syntax;

namespace PlanRules.Rules;

/// <summary>A rule compiled once to delegates: filter, condition, message holes and explanation terms.</summary>
public sealed class CompiledRule
{
    internal CompiledRule(BoundRule bound, string sourcePath, IReadOnlyList<string> termNames)
    {
        Bound = bound;
        Where = bound.Where is null ? null : RuleCompiler.Compile<bool>(bound.Variable, bound.Where);
        Condition = RuleCompiler.Compile<bool>(bound.Variable, bound.Condition);
        Messages = [.. bound.Messages.Select(m => (m.Culture, Parts: m.Parts.Select(p =>
            p.Hole is null ? (p.Text, (Func<object, RuleModel, object?>?)null) : (null, RuleCompiler.Compile<object?>(bound.Variable, p.Hole))).ToImmutableArray()))];
        Terms = [.. bound.Terms.Zip(termNames, (term, name) => (name, RuleCompiler.Compile<object?>(bound.Variable, term)))];
        SourcePath = sourcePath;
    }

    internal BoundRule Bound { get; }
    internal Func<object, RuleModel, bool>? Where { get; }
    internal Func<object, RuleModel, bool> Condition { get; }
    internal ImmutableArray<(string Culture, ImmutableArray<(string? Text, Func<object, RuleModel, object?>? Hole)> Parts)> Messages { get; }
    internal ImmutableArray<(string Name, Func<object, RuleModel, object?> Value)> Terms { get; }

    /// <summary>The rules file the rule came from.</summary>
    public string SourcePath { get; }
    /// <summary>The rule's descriptor (id, title, severity, category, help).</summary>
    public DiagnosticDescriptor Descriptor => Bound.Descriptor;
    /// <summary>What the rule ranges over.</summary>
    public RuleTarget Target => Bound.Target;
    /// <summary>Where the rule is written.</summary>
    public Location Location => Bound.Location;

    /// <summary>True when the rule applies as of <paramref name="asOf"/> (its <c>effective</c> range).</summary>
    public bool IsEffective(LocalDate asOf) =>
        (Bound.EffectiveFrom is not { } from || asOf >= from) && (Bound.EffectiveTo is not { } to || asOf <= to);

    /// <summary>True when the rule reports the element.</summary>
    internal bool Fires(object element, RuleModel model)
    {
        if (Where is not null && !Where(element, model)) return false;
        return Condition(element, model) != Bound.IsRequire;
    }

    /// <summary>Renders the message for the element: holes are evaluated once, formatted per culture on demand.</summary>
    internal (LocalizableString Message, ImmutableArray<string> Arguments) RenderMessage(object element, RuleModel model)
    {
        var rendered = Messages.Select(m => (m.Culture, Parts: m.Parts.Select(p => p.Hole is null ? (p.Text, Value: (object?)null, IsHole: false) : (null, p.Hole(element, model), true)).ToList())).ToList();
        var arguments = rendered[0].Parts.Where(p => p.IsHole).Select(p => RuleValueFormatter.Format(p.Value)).ToImmutableArray();
        return (new TemplateString(rendered), arguments);
    }

    private sealed class TemplateString(List<(string Culture, List<(string? Text, object? Value, bool IsHole)> Parts)> messages) : LocalizableString
    {
        public override string ToString(CultureInfo? culture)
        {
            var message = Pick(culture);
            return string.Concat(message.Parts.Select(p => p.IsHole ? RuleValueFormatter.Format(p.Value, culture ?? CultureInfo.GetCultureInfo("zh-CN")) : p.Text));
        }

        private (string Culture, List<(string? Text, object? Value, bool IsHole)> Parts) Pick(CultureInfo? culture)
        {
            var name = culture?.Name ?? "zh-CN";
            foreach (var m in messages) if (string.Equals(m.Culture, name, StringComparison.OrdinalIgnoreCase)) return m;
            var language = culture?.TwoLetterISOLanguageName ?? "zh";
            foreach (var m in messages) if (m.Culture.StartsWith(language, StringComparison.OrdinalIgnoreCase)) return m;
            foreach (var m in messages) if (m.Culture.StartsWith("zh", StringComparison.OrdinalIgnoreCase)) return m;
            return messages[0];
        }
    }
}
