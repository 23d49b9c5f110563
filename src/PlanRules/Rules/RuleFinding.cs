using System.Collections.Immutable;
using PlanRules.Diagnostics;
using PlanRules.Rules.Runtime;

namespace PlanRules.Rules;

/// <summary>
/// Where a rule's findings on one element point, and whom they are about: made once per element (on its first
/// finding) and shared by every finding on it.
/// </summary>
internal sealed class FindingSite(Location location, string? taskId, string? unit)
{
    public Location Location { get; } = location;
    public string? TaskId { get; } = taskId;
    public string? Unit { get; } = unit;
}

/// <summary>
/// A finding of a compiled rule: the rule, the element's site, and the values of its holes and terms (culture-free).
/// The arguments, the message in each culture and the properties are made from them when read.
/// </summary>
/// <remarks>
/// One object per finding: up to four values are fields of the finding itself (<see cref="Create"/> picks the
/// class by the rule's number of values), more are an array.
/// </remarks>
internal abstract class RuleFinding(CompiledRule rule, FindingSite site)
    : Diagnostic(rule.Descriptor, rule.Descriptor.DefaultSeverity, rule.Extras)
{
    public override Location Location => site.Location;
    public override string? TaskId => site.TaskId;
    public override string? Unit => site.Unit;
    public override ImmutableArray<string> Arguments => rule.ArgumentsOf(this);
    public override LocalizableString Message => rule.MessageOf(this);
    public override ImmutableSortedDictionary<string, string> Properties => rule.PropertiesOf(this);

    /// <summary>The value at <paramref name="index"/> in the rule's <see cref="CompiledRule.Values"/>.</summary>
    internal abstract object? this[int index] { get; }

    /// <summary>Evaluates the rule's values on <paramref name="element"/>, in order, into a new finding.</summary>
    internal static RuleFinding Create(CompiledRule rule, FindingSite site, object element, RuleModel model)
    {
        switch (rule.Values.Length)
        {
            case 0:
                return new None(rule, site);
            case 1:
                return new One(rule, site, rule.ValueAt(0, element, model));
            case 2:
            {
                var a = rule.ValueAt(0, element, model);
                return new Two(rule, site, a, rule.ValueAt(1, element, model));
            }
            case 3:
            {
                var a = rule.ValueAt(0, element, model);
                var b = rule.ValueAt(1, element, model);
                return new Three(rule, site, a, b, rule.ValueAt(2, element, model));
            }
            case 4:
            {
                var a = rule.ValueAt(0, element, model);
                var b = rule.ValueAt(1, element, model);
                var c = rule.ValueAt(2, element, model);
                return new Four(rule, site, a, b, c, rule.ValueAt(3, element, model));
            }
            default:
                return new Many(rule, site, rule.Evaluate(element, model));
        }
    }

    private sealed class None(CompiledRule rule, FindingSite site) : RuleFinding(rule, site)
    {
        internal override object? this[int index] => throw new ArgumentOutOfRangeException(nameof(index));
    }

    private sealed class One(CompiledRule rule, FindingSite site, object? a) : RuleFinding(rule, site)
    {
        internal override object? this[int index] => index == 0 ? a : throw new ArgumentOutOfRangeException(nameof(index));
    }

    private sealed class Two(CompiledRule rule, FindingSite site, object? a, object? b) : RuleFinding(rule, site)
    {
        internal override object? this[int index] => index switch
        {
            0 => a,
            1 => b,
            _ => throw new ArgumentOutOfRangeException(nameof(index)),
        };
    }

    private sealed class Three(CompiledRule rule, FindingSite site, object? a, object? b, object? c) : RuleFinding(rule, site)
    {
        internal override object? this[int index] => index switch
        {
            0 => a,
            1 => b,
            2 => c,
            _ => throw new ArgumentOutOfRangeException(nameof(index)),
        };
    }

    private sealed class Four(CompiledRule rule, FindingSite site, object? a, object? b, object? c, object? d) : RuleFinding(rule, site)
    {
        internal override object? this[int index] => index switch
        {
            0 => a,
            1 => b,
            2 => c,
            3 => d,
            _ => throw new ArgumentOutOfRangeException(nameof(index)),
        };
    }

    private sealed class Many(CompiledRule rule, FindingSite site, object?[] values) : RuleFinding(rule, site)
    {
        internal override object? this[int index] => values[index];
    }
}
