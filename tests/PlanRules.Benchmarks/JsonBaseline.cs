using System.Text.Json;

namespace PlanRules.Benchmarks;

/// <summary>
/// The baseline: read the plan as JSON with System.Text.Json (source-generated metadata) into plain records,
/// then do by hand what the binder must do at the least: resolve every owner name against a dictionary of
/// units, groups and aliases, expand closed groups to their members, index tasks by id, resolve
/// <c>after</c> ids (and record dependents), and build one obligation per accountable owner.
/// No diagnostics, no locations, no cycle search: this is the floor, not a competitor.
/// </summary>
public static class JsonBaseline
{
    /// <summary>A resolved unit or group.</summary>
    public sealed class Unit(string name, bool isGroup)
    {
        /// <summary>The declared name.</summary>
        public string Name { get; } = name;
        /// <summary>True for groups.</summary>
        public bool IsGroup { get; } = isGroup;
        /// <summary>Units one obligation each is created for (closed group: its members; else itself).</summary>
        public List<Unit> Expanded { get; set; } = [];
    }

    /// <summary>A resolved task.</summary>
    public sealed class TaskNode(TaskRecord record, string? section)
    {
        /// <summary>The record read from JSON.</summary>
        public TaskRecord Record { get; } = record;
        /// <summary>The enclosing section id.</summary>
        public string? Section { get; } = section;
        /// <summary>Accountable owners.</summary>
        public List<Unit> Lead { get; } = [];
        /// <summary>Co-operating owners.</summary>
        public List<Unit> With { get; } = [];
        /// <summary>Supporting units.</summary>
        public List<Unit> Support { get; } = [];
        /// <summary>Tasks this one follows.</summary>
        public List<TaskNode> Dependencies { get; } = [];
        /// <summary>Tasks that follow this one.</summary>
        public List<TaskNode> Dependents { get; } = [];
        /// <summary>(unit, is-lead) per accountable owner, closed groups expanded.</summary>
        public List<(Unit Unit, bool Lead)> Obligations { get; } = [];
    }

    /// <summary>What the baseline builds.</summary>
    public sealed record Result(
        PlanDocument Document,
        Dictionary<string, Unit> Units,
        List<TaskNode> Tasks,
        Dictionary<string, TaskNode> TasksById,
        int Obligations,
        int DependencyEdges,
        int Unresolved);

    /// <summary>Reads and resolves a plan from UTF-8 JSON.</summary>
    public static Result Run(byte[] json)
    {
        var document = JsonSerializer.Deserialize(json, PlanJsonContext.Default.PlanDocument)
            ?? throw new InvalidDataException("empty plan");
        var unresolved = 0;

        var units = new Dictionary<string, Unit>(StringComparer.Ordinal);
        foreach (var record in document.Units)
        {
            var unit = new Unit(record.Name, isGroup: false);
            unit.Expanded.Add(unit);
            units.TryAdd(record.Name, unit);
        }
        foreach (var record in document.Units)
        {
            if (record.Aliases is null) continue;
            var unit = units[record.Name];
            foreach (var alias in record.Aliases) units.TryAdd(alias, unit);
        }
        var groups = new List<(Unit Group, GroupRecord Record)>();
        foreach (var record in document.Groups)
        {
            var group = new Unit(record.Name, isGroup: true);
            if (units.TryAdd(record.Name, group)) groups.Add((group, record));
        }
        foreach (var (group, record) in groups)
        {
            if (record.Members is null)
            {
                group.Expanded.Add(group);
                continue;
            }
            foreach (var member in record.Members)
            {
                if (units.TryGetValue(member, out var unit)) { if (!group.Expanded.Contains(unit)) group.Expanded.Add(unit); }
                else unresolved++;
            }
        }

        // Tasks in document order, sections depth first (subsections, then the section's own tasks).
        var tasks = new List<TaskNode>();
        void Walk(SectionRecord section)
        {
            foreach (var sub in section.Sections ?? []) Walk(sub);
            foreach (var record in section.Tasks ?? []) tasks.Add(new TaskNode(record, section.Id));
        }
        foreach (var section in document.Sections) Walk(section);
        foreach (var record in document.Tasks ?? []) tasks.Add(new TaskNode(record, null));

        var byId = new Dictionary<string, TaskNode>(tasks.Count, StringComparer.Ordinal);
        foreach (var task in tasks) byId.TryAdd(task.Record.Id, task);

        var obligations = 0;
        var edges = 0;
        var owed = new HashSet<Unit>(ReferenceEqualityComparer.Instance);
        foreach (var task in tasks)
        {
            var r = task.Record;
            unresolved += Resolve(r.Lead, task.Lead, units);
            unresolved += Resolve(r.With, task.With, units);
            unresolved += Resolve(r.Support, task.Support, units);

            owed.Clear();
            foreach (var owner in task.Lead)
            {
                foreach (var member in owner.Expanded) if (owed.Add(member)) task.Obligations.Add((member, true));
            }
            foreach (var owner in task.With)
            {
                foreach (var member in owner.Expanded) if (owed.Add(member)) task.Obligations.Add((member, false));
            }
            obligations += task.Obligations.Count;

            foreach (var id in r.After ?? [])
            {
                if (!byId.TryGetValue(id, out var dependency)) { unresolved++; continue; }
                if (task.Dependencies.Contains(dependency)) continue;
                task.Dependencies.Add(dependency);
                dependency.Dependents.Add(task);
                edges++;
            }
        }
        return new Result(document, units, tasks, byId, obligations, edges, unresolved);
    }

    private static int Resolve(List<string>? names, List<Unit> into, Dictionary<string, Unit> units)
    {
        if (names is null) return 0;
        var missing = 0;
        foreach (var name in names)
        {
            if (units.TryGetValue(name, out var unit)) { if (!into.Contains(unit)) into.Add(unit); }
            else missing++;
        }
        return missing;
    }
}
