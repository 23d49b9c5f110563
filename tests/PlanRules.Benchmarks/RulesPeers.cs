using System.Linq.Expressions;
using NodaTime;
using NRules;
using NRules.Extensibility;
using NRules.Fluent;
using NRules.Fluent.Dsl;
using PlanRules.Rules.Runtime;
using RulesEngine.Models;

namespace PlanRules.Benchmarks;

/// <summary>A unit or group as a plain object, for the two third-party engines.</summary>
public sealed class UnitFact
{
    /// <summary>Name.</summary>
    public string Name { get; init; } = "";
    /// <summary>A group (open or closed).</summary>
    public bool IsGroup { get; init; }
    /// <summary>A group whose members are not listed.</summary>
    public bool IsOpenGroup { get; init; }
    /// <summary>Members of a closed group.</summary>
    public List<UnitFact> Members { get; set; } = [];
}

/// <summary>
/// A task as a plain object (one per task), built once in the global setup from the same views the compiled
/// rules read; units are shared objects, so membership is by reference as in the rule language.
/// </summary>
public sealed class TaskFact
{
    /// <summary>Id.</summary>
    public string Id { get; init; } = "";
    /// <summary>Title.</summary>
    public string Title { get; init; } = "";
    /// <summary>"open", "started", "done" or "waived".</summary>
    public string Status { get; init; } = "open";
    /// <summary>Lead units.</summary>
    public List<UnitFact> Lead { get; init; } = [];
    /// <summary>Co-operating units.</summary>
    public List<UnitFact> With { get; init; } = [];
    /// <summary>Supporting units.</summary>
    public List<UnitFact> Support { get; init; } = [];
    /// <summary>One unit per obligation (closed groups expanded).</summary>
    public List<UnitFact> Owners { get; init; } = [];
    /// <summary>Start date.</summary>
    public DateTime? Start { get; init; }
    /// <summary>Due date.</summary>
    public DateTime? Due { get; init; }
    /// <summary>Tasks this one follows.</summary>
    public List<TaskFact> Dependencies { get; } = [];
    /// <summary>Tasks that follow this one.</summary>
    public List<TaskFact> Dependents { get; } = [];
    /// <summary>Tags.</summary>
    public List<string> Tags { get; init; } = [];
    /// <summary>Notes.</summary>
    public List<string> Notes { get; init; } = [];
    /// <summary>Has an <c>every</c>.</summary>
    public bool Recurring { get; init; }

    /// <summary>The plan's date of issue, as the peers compare dates (BR03).</summary>
    public static readonly DateTime Issued = TenRules.Issued.ToDateTimeUnspecified();

    /// <summary>Thirty days after <see cref="Issued"/>.</summary>
    public static readonly DateTime IssuedPlus30 = Issued.AddDays(30);

    /// <summary>Copies the tasks of a model into plain objects.</summary>
    public static List<TaskFact> From(RuleModel model)
    {
        var units = new Dictionary<UnitView, UnitFact>(ReferenceEqualityComparer.Instance);
        UnitFact Unit(UnitView view)
        {
            if (units.TryGetValue(view, out var fact)) return fact;
            units[view] = fact = new UnitFact { Name = view.Name, IsGroup = view.IsGroup, IsOpenGroup = view.IsOpenGroup };
            fact.Members = [.. view.Members.Select(Unit)];
            return fact;
        }
        static DateTime? Date(LocalDate? date) => date?.ToDateTimeUnspecified();

        var tasks = new Dictionary<TaskView, TaskFact>(ReferenceEqualityComparer.Instance);
        var facts = new List<TaskFact>(model.Tasks.Count);
        foreach (var t in model.Tasks)
        {
            var fact = new TaskFact
            {
                Id = t.Id,
                Title = t.Title,
                Status = t.Status?.ToString().ToLowerInvariant() ?? "open",
                Lead = [.. t.Lead.Select(Unit)],
                With = [.. t.With.Select(Unit)],
                Support = [.. t.Support.Select(Unit)],
                Owners = [.. t.Owners.Select(Unit)],
                Start = Date(t.Start),
                Due = Date(t.Due),
                Tags = [.. t.Tags],
                Notes = [.. t.Notes],
                Recurring = t.Recurring,
            };
            tasks[t] = fact;
            facts.Add(fact);
        }
        foreach (var t in model.Tasks)
        {
            tasks[t].Dependencies.AddRange(t.Dependencies.Select(d => tasks[d]));
            tasks[t].Dependents.AddRange(t.Dependents.Select(d => tasks[d]));
        }
        return facts;
    }
}

/// <summary>
/// The ten checks as Microsoft RulesEngine lambda-expression rules (System.Linq.Dynamic.Core syntax) over one
/// <see cref="TaskFact"/> named <c>t</c>. A rule "succeeds" when its expression is true, so a success is a hit.
/// </summary>
public static class RulesEngineRules
{
    /// <summary>The workflow's name.</summary>
    public const string WorkflowName = "TenRules";

    /// <summary>The expressions, by rule id.</summary>
    public static readonly (string Id, string Expression)[] Expressions =
    [
        ("BR01", "t.Status != \"waived\" && t.Lead.Count + t.With.Count > 5"),
        ("BR02", "t.Due == null && t.Dependents.Count > 0"),
        ("BR03", "t.Start == null && t.Due != null && t.Due >= TaskFact.Issued && t.Due < TaskFact.IssuedPlus30"),
        ("BR04", "t.Support.Count > 0 && t.Support.Count(u => t.Lead.Contains(u) || t.With.Contains(u) || t.Owners.Contains(u)) > 0"),
        ("BR05", "t.With.Count > 0 && t.With.Count(u => t.Lead.Contains(u) || t.Lead.Any(g => g.Members.Contains(u))) > 0"),
        ("BR06", "t.Lead.Count > 0 && t.Lead.All(u => u.IsOpenGroup) && t.With.All(u => u.IsOpenGroup)"),
        ("BR07", "!t.Recurring && (t.Tags.Contains(\"定期\") || RuleText.IsPeriodic(t.Title))"),
        ("BR08", "t.Title.Length > " + TenRules.MaxTitle),
        ("BR09", "t.Tags.Contains(\"重点\") && t.Notes.Count == 0"),
        ("BR10", "t.Due != null && t.Dependencies.Any(d => d.Due == null || d.Due > t.Due)"),
    ];

    /// <summary>
    /// Settings: the helper types the expressions call, and no work the rules do not need (no formatted error
    /// messages, no scoped parameters). Expressions are compiled with FastExpressionCompiler (the default).
    /// </summary>
    public static ReSettings Settings() => new()
    {
        CustomTypes = [typeof(RuleText), typeof(TaskFact)],
        EnableFormattedErrorMessage = false,
        EnableScopedParams = false,
        IsExpressionCaseSensitive = true,
    };

    /// <summary>The workflow of ten rules.</summary>
    public static Workflow Workflow() => new()
    {
        WorkflowName = WorkflowName,
        Rules = [.. Expressions.Select(e => new RulesEngine.Models.Rule { RuleName = e.Id, RuleExpressionType = RuleExpressionType.LambdaExpression, Expression = e.Expression })],
    };

    /// <summary>Creates the engine; the rules are compiled on the first execution.</summary>
    public static RulesEngine.RulesEngine Create() => new([Workflow()], Settings());

    /// <summary>
    /// The engine as RulesEngine's own documentation sets it up: default settings (formatted error messages,
    /// scoped parameters, case-insensitive expressions), with only the custom types the expressions need.
    /// </summary>
    public static RulesEngine.RulesEngine CreateWithDefaults() => new([Workflow()], new ReSettings { CustomTypes = [typeof(RuleText), typeof(TaskFact)] });

    /// <summary>
    /// Runs the workflow on every task the way a host calls it with its own objects: a new
    /// <see cref="RuleParameter"/> per call. Same hits as <see cref="Run"/>.
    /// </summary>
    public static List<Hit> RunPerCall(RulesEngine.RulesEngine engine, List<TaskFact> facts)
    {
        var hits = new List<Hit>();
        foreach (var fact in facts)
        {
            var pending = engine.ExecuteAllRulesAsync(WorkflowName, new RuleParameter("t", fact));
            var results = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
            foreach (var result in results)
            {
                if (result.IsSuccess) hits.Add(new(result.Rule.RuleName, fact.Id));
                else if (result.ExceptionMessage is { Length: > 0 } error) throw new InvalidOperationException($"RulesEngine: {result.Rule.RuleName} on task {fact.Id}: {error}");
            }
        }
        return hits;
    }

    /// <summary>The inputs: one parameter array per task, made once.</summary>
    public static RuleParameter[][] Inputs(IEnumerable<TaskFact> facts) => [.. facts.Select(f => new[] { new RuleParameter("t", f) })];

    /// <summary>Runs the workflow on every task and lists the rules that succeeded.</summary>
    public static List<Hit> Run(RulesEngine.RulesEngine engine, RuleParameter[][] inputs)
    {
        var hits = new List<Hit>();
        foreach (var input in inputs)
        {
            var pending = engine.ExecuteAllRulesAsync(WorkflowName, input);
            var results = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
            var id = ((TaskFact)input[0].Value).Id;
            foreach (var result in results)
            {
                if (result.IsSuccess) hits.Add(new(result.Rule.RuleName, id));
                else if (result.ExceptionMessage is { Length: > 0 } error) throw new InvalidOperationException($"RulesEngine: {result.Rule.RuleName} on task {id}: {error}");
            }
        }
        return hits;
    }
}

/// <summary>Where NRules actions report hits (resolved as a dependency of each rule).</summary>
public sealed class HitList
{
    /// <summary>The hits.</summary>
    public List<Hit> Hits { get; } = [];

    /// <summary>Adds a hit.</summary>
    public void Add(string rule, TaskFact task) => Hits.Add(new(rule, task.Id));
}

/// <summary>
/// The ten checks as NRules rules (fluent DSL), one rule class per check, each matching a <see cref="TaskFact"/>
/// and adding a hit to the session's <see cref="HitList"/>.
/// </summary>
public static class NRulesRules
{
    /// <summary>The rule classes.</summary>
    public static readonly Type[] Types =
        [typeof(Br01), typeof(Br02), typeof(Br03), typeof(Br04), typeof(Br05), typeof(Br06), typeof(Br07), typeof(Br08), typeof(Br09), typeof(Br10)];

    /// <summary>Loads and compiles the rules.</summary>
    public static ISessionFactory Compile()
    {
        var repository = new RuleRepository();
        repository.Load(x => x.NestedTypes(true).From(Types));
        return repository.Compile();
    }

    /// <summary>New session, insert every task, fire, return the hits.</summary>
    public static List<Hit> Run(ISessionFactory factory, List<TaskFact> facts)
    {
        var hits = new HitList();
        var session = factory.CreateSession();
        session.DependencyResolver = new Resolver(hits);
        session.InsertAll(facts);
        session.Fire();
        return hits.Hits;
    }

    private sealed class Resolver(HitList hits) : IDependencyResolver
    {
        public object Resolve(IResolutionContext context, Type serviceType) =>
            serviceType == typeof(HitList) ? hits : throw new InvalidOperationException("unknown dependency " + serviceType);
    }

    /// <summary>
    /// A check on one task: matches a <see cref="TaskFact"/> for which <paramref name="condition"/> holds and adds
    /// (<paramref name="id"/>, task) to the session's <see cref="HitList"/>.
    /// </summary>
    public abstract class TaskRule(string id, Expression<Func<TaskFact, bool>> condition) : NRules.Fluent.Dsl.Rule
    {
        /// <inheritdoc/>
        public override void Define()
        {
            TaskFact t = null!;
            HitList hits = null!;
            Dependency().Resolve(() => hits);
            When().Match(() => t, condition);
            Then().Do(_ => hits.Add(id, t));
        }
    }

    /// <summary>BR01</summary>
    public sealed class Br01() : TaskRule("BR01", x => x.Status != "waived" && x.Lead.Count + x.With.Count > 5);

    /// <summary>BR02</summary>
    public sealed class Br02() : TaskRule("BR02", x => x.Due == null && x.Dependents.Count > 0);

    /// <summary>BR03</summary>
    public sealed class Br03() : TaskRule("BR03", x => x.Start == null && x.Due != null && x.Due >= TaskFact.Issued && x.Due < TaskFact.IssuedPlus30);

    /// <summary>BR04</summary>
    public sealed class Br04() : TaskRule("BR04", x => x.Support.Count > 0 && x.Support.Count(u => x.Lead.Contains(u) || x.With.Contains(u) || x.Owners.Contains(u)) > 0);

    /// <summary>BR05</summary>
    public sealed class Br05() : TaskRule("BR05", x => x.With.Count > 0 && x.With.Count(u => x.Lead.Contains(u) || x.Lead.Any(g => g.Members.Contains(u))) > 0);

    /// <summary>BR06</summary>
    public sealed class Br06() : TaskRule("BR06", x => x.Lead.Count > 0 && x.Lead.All(u => u.IsOpenGroup) && x.With.All(u => u.IsOpenGroup));

    /// <summary>BR07</summary>
    public sealed class Br07() : TaskRule("BR07", x => !x.Recurring && (x.Tags.Contains("定期") || RuleText.IsPeriodic(x.Title)));

    /// <summary>BR08</summary>
    public sealed class Br08() : TaskRule("BR08", x => x.Title.Length > TenRules.MaxTitle);

    /// <summary>BR09</summary>
    public sealed class Br09() : TaskRule("BR09", x => x.Tags.Contains("重点") && x.Notes.Count == 0);

    /// <summary>BR10</summary>
    public sealed class Br10() : TaskRule("BR10", x => x.Due != null && x.Dependencies.Any(d => d.Due == null || d.Due > x.Due));
}
