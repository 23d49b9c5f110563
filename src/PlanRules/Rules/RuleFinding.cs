using System.Collections.Immutable;
using PlanRules.Diagnostics;

namespace PlanRules.Rules;

/// <summary>
/// A finding of a compiled rule: the rule, where, and the values of its holes and terms (culture-free). The
/// arguments, the message in each culture and the properties are made from them when read.
/// </summary>
internal sealed class RuleFinding(CompiledRule rule, Location location, string? taskId, string? unit, object?[] values)
    : Diagnostic(rule.Descriptor, rule.Descriptor.DefaultSeverity, rule.Extras)
{
    public override Location Location { get; } = location;
    public override string? TaskId { get; } = taskId;
    public override string? Unit { get; } = unit;
    public override ImmutableArray<string> Arguments => rule.ArgumentsOf(values);
    public override LocalizableString Message => rule.MessageOf(values);
    public override ImmutableSortedDictionary<string, string> Properties => rule.PropertiesOf(values);
}
