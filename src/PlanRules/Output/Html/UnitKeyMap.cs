using System.Collections.Immutable;
using System.Globalization;
using PlanRules.Binding;
using PlanRules.Diagnostics;

namespace PlanRules.Output.Html;

/// <summary>
/// Short keys (<c>u0</c>, <c>u1</c>, …) for units, used by links and the filter so that no unit name has to be
/// parsed back out of an attribute: units of the table first (worst first), then other names findings mention, by name.
/// </summary>
internal sealed class UnitKeyMap
{
    private readonly BoundPlan _plan;
    private readonly Dictionary<string, string> _keyByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _rank = new(StringComparer.Ordinal);
    private readonly List<KeyValuePair<string, string>> _ordered = [];

    public UnitKeyMap(BoundPlan plan, ImmutableArray<ReportUnit> units, IEnumerable<Diagnostic> findings)
    {
        _plan = plan;
        foreach (var unit in units) Add(unit.Name, unit.Key);
        var others = findings.Where(d => d.Unit is not null).Select(d => Canonical(d.Unit!))
            .Where(n => !_keyByName.ContainsKey(n)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var name in others) Add(name, "u" + _ordered.Count.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>(key, unit name) pairs in filter order.</summary>
    public ImmutableArray<KeyValuePair<string, string>> Ordered => [.. _ordered];

    private void Add(string name, string key)
    {
        _keyByName[name] = key;
        _rank[key] = _ordered.Count;
        _ordered.Add(new(key, name));
    }

    /// <summary>An alias resolves to the declared name; an unknown name stays as written.</summary>
    private string Canonical(string name) => _plan.GetUnit(name)?.Name ?? name;

    public string KeyOf(string unitName) => _keyByName[Canonical(unitName)];

    public int Rank(string key) => _rank[key];

    public string NameOf(string key) => _ordered[_rank[key]].Value;

    /// <summary>
    /// The units a finding concerns: its unit (and, for a closed group, the members); without a unit, every unit that
    /// owes its task.
    /// </summary>
    public ImmutableArray<string> KeysFor(string? unitName, TaskSymbol? task)
    {
        var keys = new List<string>();
        if (unitName is not null)
        {
            keys.Add(KeyOf(unitName));
            if (_plan.GetUnit(unitName) is { IsClosedGroup: true } group)
            {
                foreach (var member in group.ExpandedMembers)
                {
                    if (_keyByName.TryGetValue(member.Name, out var key)) keys.Add(key);
                }
            }
        }
        else if (task is not null)
        {
            foreach (var obligation in task.Obligations)
            {
                if (_keyByName.TryGetValue(obligation.Unit.Name, out var key)) keys.Add(key);
            }
        }
        return [.. keys.Distinct(StringComparer.Ordinal).OrderBy(k => _rank[k])];
    }
}
