using System.Collections.Frozen;
using System.Collections.Immutable;
using NodaTime;
using PlanRules.Diagnostics;
using PlanRules.Syntax;
using PlanRules.Text;

namespace PlanRules.Binding;

/// <summary>
/// Binds the files of one plan (like the files of one C# compilation) into symbols: plan header,
/// units and groups, sections, tasks, obligations and the dependency graph, reporting PR1001..PR1011.
/// </summary>
public static class PlanBinder
{
    /// <summary>Binds parsed files. Never throws for any syntax the parser produces.</summary>
    public static BoundPlan Bind(IEnumerable<PlanFileSyntax> files) => Bind(files, ParseOptions.Default);

    /// <summary>Binds parsed files within the limits of <paramref name="options"/> (<see cref="ParseOptions.MaxObligations"/>).</summary>
    public static BoundPlan Bind(IEnumerable<PlanFileSyntax> files, ParseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var fileArray = files.ToImmutableArray();
        var state = new BindingState(fileArray, options.MaxObligations);
        state.Run();
        return state.Result();
    }

    /// <summary>Parses and binds plan texts.</summary>
    public static BoundPlan Bind(params SourceText[] sources) => Bind(sources.Select(s => PlanParser.Parse(s)));

    private sealed class BindingState(ImmutableArray<PlanFileSyntax> files, int maxObligations)
    {
        private int _obligationCount;
        private bool _obligationLimitReported;
        private readonly DiagnosticSink _sink = new();
        private readonly PlanSymbol _plan = new();
        private readonly List<UnitSymbol> _units = [];
        private readonly Dictionary<string, UnitSymbol> _names = new(StringComparer.Ordinal);
        private readonly Dictionary<UnitSymbol, GroupDeclarationSyntax> _groupSyntax = new(ReferenceEqualityComparer.Instance);
        private readonly List<(UnitSymbol Unit, UnitDeclarationSyntax Syntax, SourceText Source)> _unitSyntax = [];
        private readonly List<SectionSymbol> _sections = [];
        private readonly Dictionary<string, SectionSymbol> _sectionsById = new(StringComparer.Ordinal);
        private readonly List<(TaskSymbol Task, SourceText Source)> _tasks = [];
        private readonly Dictionary<string, TaskSymbol> _tasksById = new(StringComparer.Ordinal);
        private NameSuggester.Bounded? _dependencySuggestions;
        private readonly HashSet<UnitSymbol> _used = new(ReferenceEqualityComparer.Instance);

        // Scratch collections reused for every task: binding allocates only what the symbols keep.
        private readonly List<UnitSymbol> _lead = [];
        private readonly List<UnitSymbol> _with = [];
        private readonly List<UnitSymbol> _support = [];
        private readonly List<string> _tags = [];
        private readonly List<string> _notes = [];
        private readonly List<string> _sources = [];
        private readonly List<Suppression> _suppressions = [];
        private readonly List<ObligationSymbol> _obligations = [];
        private readonly HashSet<UnitSymbol> _owed = new(ReferenceEqualityComparer.Instance);
        private readonly List<TaskSymbol> _dependencies = [];

        public void Run()
        {
            foreach (var file in files) _sink.AddRange(file.Diagnostics);
            DeclareHeaderAndUnits();
            BindGroupsAndUnits();
            DeclareSectionsAndTasks();
            foreach (var (task, source) in _tasks) BindTask(task, source);
            BindDependencies();
            ReportUnusedUnits();
        }

        public BoundPlan Result() => new(
            files,
            _plan,
            [.. _units],
            _names.ToFrozenDictionary(StringComparer.Ordinal),
            [.. _sections],
            [.. _tasks.Select(t => t.Task)],
            DiagnosticOrder.SortOwned(_sink.ToArray()));

        private static Location Loc(SourceText source, TextSpan span) => Location.Create(source, span);

        private void DeclareHeaderAndUnits()
        {
            var headers = new List<(PlanHeaderSyntax Header, SourceText Source)>();
            foreach (var file in files)
            {
                foreach (var declaration in file.Declarations)
                {
                    switch (declaration)
                    {
                        case PlanHeaderSyntax header:
                            headers.Add((header, file.Source));
                            break;
                        case UnitDeclarationSyntax unit:
                            var unitSymbol = Declare(unit.Name, isGroup: false, file.Source, "Kind_Unit");
                            if (unitSymbol is not null)
                            {
                                unitSymbol.Title = unit.Title?.Value;
                                _unitSyntax.Add((unitSymbol, unit, file.Source));
                            }
                            break;
                        case GroupDeclarationSyntax group:
                            var groupSymbol = Declare(group.Name, isGroup: true, file.Source, "Kind_Group");
                            if (groupSymbol is not null)
                            {
                                groupSymbol.Title = group.Title?.Value;
                                groupSymbol.IsClosedGroup = group.IsClosed;
                                _groupSyntax[groupSymbol] = group;
                                _unitSyntax.Add((groupSymbol, new UnitDeclarationSyntax(group.Name, group.Title, [], group.Span), file.Source));
                            }
                            break;
                    }
                }
            }

            for (var i = 1; i < headers.Count; i++)
            {
                var (header, source) = headers[i];
                _sink.ReportVariant(DiagnosticCatalog.PlanHeader, "PR1008_Multiple", Loc(source, new TextSpan(header.Span.Start, Math.Min(4, header.Span.Length))), null, null);
            }
            if (headers.Count == 0)
            {
                var firstTask = files.SelectMany(f => f.Tasks.Select(t => (Task: t, f.Source))).FirstOrDefault();
                if (firstTask.Task is not null)
                {
                    _sink.ReportVariant(DiagnosticCatalog.PlanHeader, "PR1008_Missing", Loc(firstTask.Source, firstTask.Task.Id.Span), null, null);
                }
            }

            // Aliases share the unit namespace; declare them after all units so an alias that repeats a
            // unit name is reported at the alias.
            foreach (var (unit, syntax, source) in _unitSyntax)
            {
                var aliases = new List<string>();
                foreach (var alias in syntax.Items.OfType<UnitAliasSyntax>().SelectMany(a => a.Names))
                {
                    if (_names.ContainsKey(alias.Value))
                    {
                        _sink.Report(DiagnosticCatalog.DuplicateName, Loc(source, alias.Span), null, alias.Value, LocalizableString.FromResource("Kind_Alias"), alias.Value);
                        continue;
                    }
                    _names[alias.Value] = unit;
                    aliases.Add(alias.Value);
                }
                unit.Aliases = [.. aliases];
            }

            // The header is bound once every name, aliases included, is known: `issuer` may name an alias.
            if (headers.Count > 0) BindHeader(headers[0].Header, headers[0].Source);
        }

        private UnitSymbol? Declare(NameSyntax name, bool isGroup, SourceText source, string kindKey)
        {
            if (_names.ContainsKey(name.Value))
            {
                _sink.Report(DiagnosticCatalog.DuplicateName, Loc(source, name.Span), null, name.Value, LocalizableString.FromResource(kindKey), name.Value);
                return null;
            }
            var symbol = new UnitSymbol(name.Value, isGroup, Loc(source, name.Span)) { NameLocation = Loc(source, name.Span) };
            _names[name.Value] = symbol;
            _units.Add(symbol);
            return symbol;
        }

        private void BindHeader(PlanHeaderSyntax header, SourceText source)
        {
            _plan.Title = header.Title.Value;
            _plan.Location = Loc(source, header.Title.Span);
            foreach (var item in header.Items)
            {
                switch (item)
                {
                    case PlanRefSyntax r: _plan.Ref = r.Value.Value; break;
                    case PlanIssuedSyntax issued: _plan.Issued = issued.Date.Value; break;
                    case PlanIssuerSyntax issuer: _plan.Issuer = Resolve(issuer.Name, source, null); break;
                    case PlanPeriodSyntax period:
                        _plan.Start = period.Start.Value;
                        _plan.End = period.End.Value;
                        if (_plan.Start is { } s && _plan.End is { } e && e < s)
                        {
                            _sink.ReportVariant(DiagnosticCatalog.InvalidLiteral, "PR0002_Period", Loc(source, period.Span), null, null, Iso(s), Iso(e));
                        }
                        break;
                    case PlanTimeZoneSyntax zone:
                        var resolved = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone.Zone.Value);
                        if (resolved is null)
                        {
                            _sink.ReportVariant(DiagnosticCatalog.InvalidLiteral, "PR0002_TimeZone", Loc(source, zone.Zone.Span), null, null, zone.Zone.Value);
                        }
                        else
                        {
                            _plan.TimeZone = resolved;
                        }
                        break;
                }
            }
        }

        private UnitSymbol? Resolve(NameSyntax name, SourceText source, string? taskId)
        {
            if (_names.TryGetValue(name.Value, out var unit))
            {
                _used.Add(unit);
                return unit;
            }
            var suggestion = NameSuggester.Suggest(name.Value, _names.Keys);
            _sink.Report(DiagnosticCatalog.UnknownUnit, Loc(source, name.Span), taskId, name.Value, name.Value, DiagnosticSink.DidYouMean(suggestion));
            return null;
        }

        private void BindGroupsAndUnits()
        {
            foreach (var (unit, syntax, source) in _unitSyntax)
            {
                if (_groupSyntax.TryGetValue(unit, out var group) && group.Members is { } members)
                {
                    var resolved = new List<UnitSymbol>();
                    foreach (var member in members)
                    {
                        var symbol = Resolve(member, source, null);
                        if (symbol is not null && !resolved.Contains(symbol)) resolved.Add(symbol);
                    }
                    unit.Members = [.. resolved];
                }
                if (syntax.Items.OfType<UnitParentSyntax>().LastOrDefault() is { } parent)
                {
                    unit.Parent = Resolve(parent.Name, source, null);
                }
            }

            // Cycles start at the ordinally first name, so the finding (and its fingerprint) does not depend on declaration order.
            var cycles = DependencyGraph.FindCycles(_units.OrderBy(u => u.Name, StringComparer.Ordinal).ToList(), u => u.IsClosedGroup ? u.Members : [], out var cyclic);
            var inCycle = new HashSet<UnitSymbol>(cycles.SelectMany(c => c), ReferenceEqualityComparer.Instance);
            foreach (var cycle in cycles)
            {
                _sink.Report(DiagnosticCatalog.GroupCycle, cycle[0].NameLocation, null, cycle[0].Name, string.Join(" → ", cycle.Select(u => u.Name)));
            }
            // Expanded members are computed when first asked for (GroupExpansion): eagerly, a deep chain of groups
            // costs the square of its depth.
            foreach (var unit in inCycle) unit.InMembershipCycle = true;
            foreach (var unit in cyclic.SelectMany(c => c)) unit.ReachesItself = true;
        }

        private void DeclareSectionsAndTasks()
        {
            foreach (var file in files)
            {
                var work = new Stack<(DeclarationSyntax Node, SectionSymbol? Parent)>();
                foreach (var declaration in file.Declarations.Reverse()) work.Push((declaration, null));
                while (work.Count > 0)
                {
                    var (node, parent) = work.Pop();
                    if (node is SectionSyntax section)
                    {
                        var symbol = new SectionSymbol(section.Id.Value, section.Title.Value, parent, Loc(file.Source, TextSpan.FromBounds(section.Span.Start, section.Id.Span.End)));
                        if (!_sectionsById.TryAdd(symbol.Id, symbol))
                        {
                            _sink.Report(DiagnosticCatalog.DuplicateName, symbol.Location, null, null, LocalizableString.FromResource("Kind_Section"), symbol.Id);
                        }
                        else
                        {
                            _sections.Add(symbol);
                        }
                        foreach (var member in section.Members.Reverse()) work.Push((member, symbol));
                    }
                    else if (node is TaskSyntax taskSyntax)
                    {
                        var task = new TaskSymbol(taskSyntax.Id.Value, taskSyntax.Title.Value, parent, Loc(file.Source, TextSpan.FromBounds(taskSyntax.Span.Start, taskSyntax.Id.Span.End)), taskSyntax);
                        if (!_tasksById.TryAdd(task.Id, task))
                        {
                            _sink.Report(DiagnosticCatalog.DuplicateName, task.Location, task.Id, null, LocalizableString.FromResource("Kind_Task"), task.Id);
                            continue;
                        }
                        _tasks.Add((task, file.Source));
                    }
                }
            }
        }

        private void BindTask(TaskSymbol task, SourceText source)
        {
            var (lead, with, support) = (_lead, _with, _support);
            var (tags, notes, sources, suppressions) = (_tags, _notes, _sources, _suppressions);
            lead.Clear();
            with.Clear();
            support.Clear();
            tags.Clear();
            notes.Clear();
            sources.Clear();
            suppressions.Clear();
            DateItemSyntax? dueItem = null, startItem = null;
            var hasLeadItem = false;
            foreach (var item in task.Syntax.Items)
            {
                switch (item)
                {
                    case OwnersItemSyntax owners:
                        hasLeadItem |= owners.Role == OwnerRole.Lead;
                        var target = owners.Role switch { OwnerRole.Lead => lead, OwnerRole.With => with, _ => support };
                        foreach (var name in owners.Names)
                        {
                            if (Resolve(name, source, task.Id) is { } unit && !target.Contains(unit)) target.Add(unit);
                        }
                        break;
                    case DateItemSyntax { Kind: TaskDateKind.Due } due: dueItem = due; break;
                    case DateItemSyntax start: startItem = start; break;
                    case EveryItemSyntax every: task.Recurrence = new Recurrence(every.Period, every.AtLeast?.Value ?? 1); break;
                    case TagItemSyntax tag:
                        foreach (var t in tag.Tags) tags.Add(t.Value);
                        break;
                    case TextItemSyntax { Kind: TextItemKind.Note } note: notes.Add(note.Text.Value); break;
                    case TextItemSyntax text: sources.Add(text.Text.Value); break;
                    case SuppressItemSyntax suppress:
                        suppressions.Add(new Suppression(suppress.RuleId.Value, suppress.Reason.Value, task.Id, Loc(source, suppress.Span)));
                        break;
                }
            }
            task.Lead = [.. lead];
            task.With = [.. with];
            task.Support = [.. support];
            task.Tags = tags.Count == 0 ? [] : [.. tags.Distinct(StringComparer.Ordinal)];
            task.Notes = [.. notes];
            task.Sources = [.. sources];
            task.Suppressions = [.. suppressions];
            task.Due = dueItem?.Date.Value;
            task.DueLocation = dueItem is null ? null : Loc(source, dueItem.Span);
            task.Start = startItem?.Date.Value;

            if (!hasLeadItem)
            {
                _sink.Report(DiagnosticCatalog.NoAccountableOwner, task.Location, task.Id, null, task.Id);
            }
            CheckInPeriod(task, dueItem, "due", source);
            CheckInPeriod(task, startItem, "start", source);
            if (task.Start is { } s && task.Due is { } d && s > d)
            {
                _sink.Report(DiagnosticCatalog.StartAfterDue, Loc(source, startItem!.Span), task.Id, null, task.Id, Iso(s), Iso(d));
            }

            // One obligation per accountable unit: lead before with, closed groups expanded, first role wins.
            var obligations = _obligations;
            obligations.Clear();
            _owed.Clear();
            AddObligations(task, lead, OwnerRole.Lead);
            AddObligations(task, with, OwnerRole.With);
            if (_obligationCount + obligations.Count > maxObligations)
            {
                if (!_obligationLimitReported)
                {
                    _obligationLimitReported = true;
                    _sink.ReportVariant(DiagnosticCatalog.LimitExceeded, "PR0003_Obligations", task.Location, task.Id, null, maxObligations, task.Id);
                }
                obligations.Clear();
            }
            _obligationCount += obligations.Count;
            task.Obligations = [.. obligations];
        }

        private void AddObligations(TaskSymbol task, List<UnitSymbol> owners, OwnerRole role)
        {
            foreach (var owner in owners)
            {
                foreach (var member in owner.ExpandedMembers)
                {
                    if (_owed.Add(member)) _obligations.Add(new ObligationSymbol(task, member, role));
                }
            }
        }

        private void CheckInPeriod(TaskSymbol task, DateItemSyntax? item, string keyword, SourceText source)
        {
            // A period that ends before it starts is PR0002 already; no date is "outside" it.
            if (item?.Date.Value is not { } date || _plan.Start is not { } start || _plan.End is not { } end || end < start) return;
            if (date < start || date > end)
            {
                _sink.Report(DiagnosticCatalog.DateOutsidePeriod, Loc(source, item.Date.Span), task.Id, null, task.Id, keyword, Iso(date), Iso(start), Iso(end));
            }
        }

        private void BindDependencies()
        {
            var dependents = new Dictionary<TaskSymbol, List<TaskSymbol>>(ReferenceEqualityComparer.Instance);
            var dependencies = _dependencies;
            foreach (var (task, source) in _tasks)
            {
                dependencies.Clear();
                foreach (var item in task.Syntax.Items)
                {
                    if (item is not AfterItemSyntax after) continue;
                    foreach (var id in after.Tasks)
                    {
                        if (_tasksById.TryGetValue(id.Value, out var dependency))
                        {
                            if (!dependencies.Contains(dependency)) dependencies.Add(dependency);
                            continue;
                        }
                        var suggestion = (_dependencySuggestions ??= new NameSuggester.Bounded(() => _tasksById.Keys)).For(id.Value);
                        _sink.Report(DiagnosticCatalog.UnknownDependency, Loc(source, id.Span), task.Id, null, task.Id, id.Value, DiagnosticSink.DidYouMean(suggestion));
                    }
                }
                if (dependencies.Count == 0) continue;
                task.Dependencies = [.. dependencies];
                foreach (var dependency in dependencies)
                {
                    if (!dependents.TryGetValue(dependency, out var list)) dependents[dependency] = list = [];
                    list.Add(task);
                }
            }
            foreach (var (task, _) in _tasks)
            {
                task.Dependents = dependents.TryGetValue(task, out var list) ? [.. list] : [];
            }

            // Cycles start at the first id in natural order (12 before 15), whatever the declaration order.
            // Whether there is a cycle does not depend on the order, so the ids are sorted only when there is.
            var taskList = _tasks.ConvertAll(t => t.Task);
            var cycles = DependencyGraph.FindCycles(taskList, t => t.Dependencies);
            if (cycles.Count > 0)
            {
                taskList.Sort(NaturalTaskOrder);
                cycles = DependencyGraph.FindCycles(taskList, t => t.Dependencies);
            }
            Dictionary<TaskSymbol, SourceText>? sourceOf = null;
            foreach (var cycle in cycles)
            {
                var first = cycle[0];
                var after = first.Syntax.Items.OfType<AfterItemSyntax>().FirstOrDefault();
                if (sourceOf is null)
                {
                    sourceOf = new Dictionary<TaskSymbol, SourceText>(ReferenceEqualityComparer.Instance);
                    foreach (var (task, source) in _tasks) sourceOf[task] = source;
                }
                var location = after is null ? first.Location : Location.Create(sourceOf[first], after.Span);
                _sink.Report(DiagnosticCatalog.DependencyCycle, location, first.Id, null, string.Join(" → ", cycle.Select(t => t.Id)));
            }

            foreach (var (task, _) in _tasks)
            {
                if (task.Due is not { } due) continue;
                foreach (var dependency in task.Dependencies)
                {
                    if (dependency.Due is { } dependencyDue && due < dependencyDue)
                    {
                        _sink.Report(DiagnosticCatalog.DueBeforeDependency, task.DueLocation ?? task.Location, task.Id, null, task.Id, Iso(due), dependency.Id, Iso(dependencyDue));
                    }
                }
            }
        }

        private void ReportUnusedUnits()
        {
            if (_plan.Issuer is { } issuer) _used.Add(issuer);
            foreach (var unit in _units)
            {
                if (!_used.Contains(unit))
                {
                    _sink.Report(DiagnosticCatalog.UnusedUnit, unit.NameLocation, null, unit.Name, unit.Name);
                }
            }
        }

        /// <summary>Tasks by id in natural order; ids are unique here, so the order is total.</summary>
        private static int NaturalTaskOrder(TaskSymbol a, TaskSymbol b) => NaturalIdOrder.Compare(a.Id, b.Id);

        /// <summary>Ids in reading order: digit runs compare as numbers (<c>9</c> before <c>12</c>, <c>1.9</c> before <c>1.10</c>), ties ordinally.</summary>
        private static readonly IComparer<string> NaturalIdOrder = Comparer<string>.Create((a, b) =>
        {
            int i = 0, j = 0;
            while (i < a.Length && j < b.Length)
            {
                if (char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
                {
                    int si = i, sj = j;
                    while (i < a.Length && char.IsAsciiDigit(a[i])) i++;
                    while (j < b.Length && char.IsAsciiDigit(b[j])) j++;
                    var x = a.AsSpan(si, i - si).TrimStart('0');
                    var y = b.AsSpan(sj, j - sj).TrimStart('0');
                    var c = x.Length != y.Length ? x.Length.CompareTo(y.Length) : x.SequenceCompareTo(y);
                    if (c != 0) return c;
                }
                else
                {
                    if (a[i] != b[j]) return a[i].CompareTo(b[j]);
                    i++;
                    j++;
                }
            }
            var rest = (a.Length - i).CompareTo(b.Length - j);
            return rest != 0 ? rest : string.CompareOrdinal(a, b);
        });

        internal static string Iso(LocalDate date) => DateText.Iso(date);
    }
}
