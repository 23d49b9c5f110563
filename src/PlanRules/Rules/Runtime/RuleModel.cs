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
    public static RuleModel Build(BoundPlan bound, ComplianceResult compliance, LocalDate asOf)
    {
        var units = bound.Units.ToDictionary(u => u, u => new UnitView(u));
        UnitView ViewOf(UnitSymbol unit) => units.TryGetValue(unit, out var view) ? view : units[unit] = new UnitView(unit);
        foreach (var (symbol, view) in units.ToList()) view.Members = [.. symbol.Members.Select(ViewOf)];

        var tasks = bound.Tasks.Select(t => new TaskView(t)).ToList();
        var taskViews = tasks.ToDictionary(t => t.Symbol);
        var unitTasks = new Dictionary<UnitView, List<TaskView>>();
        var unitObligations = new Dictionary<UnitView, List<ObligationView>>();
        var obligations = new List<ObligationView>(bound.Obligations.Length);
        var hasStates = compliance.States.Length == bound.Obligations.Length;
        foreach (var task in tasks)
        {
            var symbol = task.Symbol;
            task.Lead = [.. symbol.Lead.Select(ViewOf)];
            task.With = [.. symbol.With.Select(ViewOf)];
            task.Support = [.. symbol.Support.Select(ViewOf)];
            task.Dependencies = [.. symbol.Dependencies.Select(d => taskViews[d])];
            task.Dependents = [.. symbol.Dependents.Select(d => taskViews[d])];
            var own = new List<ObligationView>(symbol.Obligations.Length);
            foreach (var obligation in symbol.Obligations)
            {
                var state = hasStates ? compliance.StateOf(obligation) : new ObligationState(obligation, ObligationStatus.Open);
                var view = new ObligationView(state, task, ViewOf(obligation.Unit))
                {
                    Occurrences = [.. state.Occurrences.Select(d => (LocalDate?)d)],
                };
                own.Add(view);
                obligations.Add(view);
                Add(unitObligations, view.Unit, view);
                Add(unitTasks, view.Unit, task);
            }
            foreach (var declared in symbol.DeclaredOwners.Where(u => u.IsGroup)) Add(unitTasks, ViewOf(declared), task);
            task.Obligations = own;
            task.Owners = [.. own.Select(o => o.Unit)];
            task.Evidence = [.. own.SelectMany(o => o.Evidence)];
            task.Overdue = own.Any(o => o.Overdue);
            task.DaysOverdue = own.Count == 0 ? 0 : own.Max(o => o.State.DaysOverdue);
            task.Completed = compliance.TaskCompletion.TryGetValue(symbol, out var completed) ? completed : null;
            task.Status = TaskStatus(own, compliance.TaskCompletion.ContainsKey(symbol));
        }
        foreach (var (unit, list) in unitTasks) unit.Tasks = [.. list.Distinct()];
        foreach (var (unit, list) in unitObligations)
        {
            unit.Obligations = list;
            unit.Overdue = [.. list.Where(o => o.Overdue)];
        }
        var plan = new PlanView(bound.Plan) { Tasks = tasks, Units = [.. units.Values] };
        return new RuleModel(plan, tasks, obligations, plan.Units, asOf);
    }

    private static RuleStatus TaskStatus(List<ObligationView> obligations, bool settled)
    {
        if (settled) return obligations.All(o => o.Status == RuleStatus.Waived) ? RuleStatus.Waived : RuleStatus.Done;
        return obligations.Any(o => o.Status != RuleStatus.Open) ? RuleStatus.Started : RuleStatus.Open;
    }

    private static void Add<TKey, TValue>(Dictionary<TKey, List<TValue>> map, TKey key, TValue value) where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(value);
    }
}
