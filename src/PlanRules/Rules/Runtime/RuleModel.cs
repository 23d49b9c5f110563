using System.Collections.Immutable;
using NodaTime;
using PlanRules.Analysis.Compliance;
using PlanRules.Binding;

namespace PlanRules.Rules.Runtime;

/// <summary>Everything a rule evaluation reads: the views of one checked plan and the as-of date.</summary>
public sealed class RuleModel
{
    private RuleModel(PlanView plan, IReadOnlyList<TaskView> tasks, IReadOnlyList<ObligationView> obligations, IReadOnlyList<UnitView> units, LocalDate asOf)
    {
        Plan = plan;
        Tasks = tasks;
        Obligations = obligations;
        Units = units;
        AsOf = asOf;
    }

    /// <summary>The plan.</summary>
    public PlanView Plan { get; }
    /// <summary>Every task.</summary>
    public IReadOnlyList<TaskView> Tasks { get; }
    /// <summary>Every obligation.</summary>
    public IReadOnlyList<ObligationView> Obligations { get; }
    /// <summary>Every unit and group.</summary>
    public IReadOnlyList<UnitView> Units { get; }
    /// <summary>The as-of date (<c>today</c>).</summary>
    public LocalDate AsOf { get; }
    /// <summary><c>today</c> as the run-time type of dates.</summary>
    public LocalDate? Today => AsOf;

    /// <summary>Builds the views once; linear in tasks and obligations.</summary>
    /// <remarks>
    /// Lists are plain arrays (an empty list is the shared empty array), and what rules seldom read (an
    /// obligation's occurrences) is made when read: a model of a big plan is built for every check and should cost
    /// little beside the plan itself.
    /// </remarks>
    public static RuleModel Build(BoundPlan bound, ComplianceResult compliance, LocalDate asOf)
    {
        var units = new Dictionary<UnitSymbol, UnitView>(bound.Units.Length, ReferenceEqualityComparer.Instance);
        foreach (var unit in bound.Units) units[unit] = new UnitView(unit);
        UnitView ViewOf(UnitSymbol unit) => units.TryGetValue(unit, out var view) ? view : units[unit] = new UnitView(unit);
        foreach (var (symbol, view) in units.ToList()) view.Members = Map(symbol.Members, ViewOf);

        var tasks = new TaskView[bound.Tasks.Length];
        var taskViews = new Dictionary<TaskSymbol, TaskView>(tasks.Length, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < tasks.Length; i++) taskViews[bound.Tasks[i]] = tasks[i] = new TaskView(bound.Tasks[i]);
        var unitTasks = new Dictionary<UnitView, List<TaskView>>();
        var unitObligations = new Dictionary<UnitView, List<ObligationView>>();
        var obligations = new List<ObligationView>(bound.Obligations.Length);
        var hasStates = compliance.States.Length == bound.Obligations.Length;
        // The lists rules read on every task first, all tasks' one after another; the obligations after them. Rules run
        // task by task, so what they read of consecutive tasks lies close together in memory, not among obligation views.
        foreach (var task in tasks)
        {
            var symbol = task.Symbol;
            task.Lead = Map(symbol.Lead, ViewOf);
            task.With = Map(symbol.With, ViewOf);
            task.Support = Map(symbol.Support, ViewOf);
            task.Owners = Map(symbol.Obligations, o => ViewOf(o.Unit));
            task.Dependencies = Map(symbol.Dependencies, d => taskViews[d]);
            task.Dependents = Map(symbol.Dependents, d => taskViews[d]);
        }
        foreach (var task in tasks)
        {
            var symbol = task.Symbol;
            var own = symbol.Obligations.IsEmpty ? [] : new ObligationView[symbol.Obligations.Length];
            var owners = task.Owners;
            List<string>? evidence = null;
            var overdue = false;
            var daysOverdue = 0;
            var anyBegun = false;
            var allWaived = true;
            for (var j = 0; j < own.Length; j++)
            {
                var obligation = symbol.Obligations[j];
                var state = hasStates ? compliance.StateOf(obligation) : new ObligationState(obligation, ObligationStatus.Open);
                var unit = owners[j];
                var view = new ObligationView(state, task, unit);
                own[j] = view;
                obligations.Add(view);
                Add(unitObligations, unit, view);
                Add(unitTasks, unit, task);
                if (!state.Evidence.IsEmpty) (evidence ??= []).AddRange(state.Evidence);
                overdue |= state.IsOverdue;
                daysOverdue = Math.Max(daysOverdue, state.DaysOverdue);
                anyBegun |= state.Status != ObligationStatus.Open;
                allWaived &= state.Status == ObligationStatus.Waived;
            }
            foreach (var declared in symbol.DeclaredOwners)
            {
                if (declared.IsGroup) Add(unitTasks, ViewOf(declared), task);
            }
            task.Obligations = own;
            task.Evidence = evidence is null ? [] : evidence.ToArray();
            task.Overdue = overdue;
            task.DaysOverdue = daysOverdue;
            var settled = compliance.TaskCompletion.TryGetValue(symbol, out var completed);
            task.Completed = settled ? completed : null;
            task.Status = settled ? (allWaived ? RuleStatus.Waived : RuleStatus.Done) : anyBegun ? RuleStatus.Started : RuleStatus.Open;
        }
        foreach (var (unit, list) in unitTasks) unit.Tasks = Distinct(list);
        foreach (var (unit, list) in unitObligations)
        {
            unit.Obligations = list.ToArray();
            unit.Overdue = list.Where(o => o.Overdue).ToArray();
        }
        var plan = new PlanView(bound.Plan) { Tasks = tasks, Units = units.Values.ToArray() };
        return new RuleModel(plan, tasks, obligations.ToArray(), plan.Units, asOf);
    }

    private static T[] Map<TSource, T>(ImmutableArray<TSource> source, Func<TSource, T> map)
    {
        if (source.IsEmpty) return [];
        var items = new T[source.Length];
        for (var i = 0; i < items.Length; i++) items[i] = map(source[i]);
        return items;
    }

    // A unit's tasks in first-seen order, each once (a task is added once per obligation the unit owes on it).
    private static TaskView[] Distinct(List<TaskView> tasks)
    {
        var seen = new HashSet<TaskView>(ReferenceEqualityComparer.Instance);
        var distinct = new List<TaskView>(tasks.Count);
        foreach (var task in tasks)
        {
            if (seen.Add(task)) distinct.Add(task);
        }
        return distinct.ToArray();
    }

    private static void Add<TKey, TValue>(Dictionary<TKey, List<TValue>> map, TKey key, TValue value) where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(value);
    }
}
