using System.Collections.Frozen;
using System.Collections.Immutable;
using PlanRules.Diagnostics;
using PlanRules.Syntax;

namespace PlanRules.Binding;

/// <summary>
/// What the binder understood from all plan files together: the plan header, units and groups,
/// sections, tasks, obligations and the dependency graph, plus every syntax and binding finding.
/// Immutable once built; safe to share between threads.
/// </summary>
public sealed class BoundPlan
{
    private readonly FrozenDictionary<string, TaskSymbol> _tasks;
    private readonly FrozenDictionary<string, UnitSymbol> _unitsByName;

    internal BoundPlan(
        ImmutableArray<PlanFileSyntax> files,
        PlanSymbol plan,
        ImmutableArray<UnitSymbol> units,
        FrozenDictionary<string, UnitSymbol> unitsByName,
        ImmutableArray<SectionSymbol> sections,
        ImmutableArray<TaskSymbol> tasks,
        ImmutableArray<Diagnostic> diagnostics)
    {
        Files = files;
        Plan = plan;
        Units = units;
        _unitsByName = unitsByName;
        Sections = sections;
        Tasks = tasks;
        var byId = new Dictionary<string, TaskSymbol>(tasks.Length, StringComparer.Ordinal);
        var obligationCount = 0;
        foreach (var task in tasks)
        {
            byId.TryAdd(task.Id, task); // the first task with an id wins
            obligationCount += task.Obligations.Length;
        }
        _tasks = byId.ToFrozenDictionary(StringComparer.Ordinal);
        var obligations = ImmutableArray.CreateBuilder<ObligationSymbol>(obligationCount);
        foreach (var task in tasks)
        {
            var owners = new UnitSymbol[task.Obligations.Length];
            for (var i = 0; i < owners.Length; i++)
            {
                var obligation = task.Obligations[i];
                obligation.Index = obligations.Count;
                obligations.Add(obligation);
                owners[i] = obligation.Unit;
            }
            task.ObligationUnits = owners;
        }
        Obligations = obligations.MoveToImmutable();
        Diagnostics = diagnostics;
    }

    /// <summary>The parsed files, in the order given.</summary>
    public ImmutableArray<PlanFileSyntax> Files { get; }
    /// <summary>The plan header.</summary>
    public PlanSymbol Plan { get; }
    /// <summary>Units and groups in declaration order.</summary>
    public ImmutableArray<UnitSymbol> Units { get; }
    /// <summary>Sections in declaration order (parents before children).</summary>
    public ImmutableArray<SectionSymbol> Sections { get; }
    /// <summary>Tasks in declaration order.</summary>
    public ImmutableArray<TaskSymbol> Tasks { get; }
    /// <summary>Every obligation of every task.</summary>
    public ImmutableArray<ObligationSymbol> Obligations { get; }
    /// <summary>Syntax and binding findings (PR0xxx, PR1xxx), sorted.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>The task with this id (ids compare as written), or null.</summary>
    public TaskSymbol? GetTask(string id) => _tasks.GetValueOrDefault(id);

    /// <summary>The unit or group with this name or alias, or null.</summary>
    public UnitSymbol? GetUnit(string nameOrAlias) => _unitsByName.GetValueOrDefault(nameOrAlias);

    /// <summary>Every name and alias that resolves to a unit.</summary>
    public IEnumerable<string> UnitNames => _unitsByName.Keys;

    /// <summary>All suppressions declared in the plan.</summary>
    public IEnumerable<Suppression> Suppressions => Tasks.SelectMany(t => t.Suppressions);
}
