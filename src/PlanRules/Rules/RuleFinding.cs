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
/// One object per finding: up to four values are fields of the finding itself (<see cref="ConstructorFor"/> picks the
/// class by the rule's number of values), more are an array. The rule's compiled report delegate makes them
/// (<see cref="CompiledRule.Report"/>).
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

    /// <summary>The value at <paramref name="index"/> (0 to the rule's <see cref="CompiledRule.ValueCount"/>, exclusive).</summary>
    internal abstract object? this[int index] { get; }

    /// <summary>The constructor of the finding class for a rule with <paramref name="values"/> values: (rule, site, values…), or (rule, site, array) above four.</summary>
    internal static System.Reflection.ConstructorInfo ConstructorFor(int values) => (values switch
    {
        0 => typeof(None),
        1 => typeof(One),
        2 => typeof(Two),
        3 => typeof(Three),
        4 => typeof(Four),
        _ => typeof(Many),
    }).GetConstructors().Single();

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
