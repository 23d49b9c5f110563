using NodaTime;
using PlanRules.Diagnostics;
using PlanRules.Syntax;
using PlanRules.Text;

namespace PlanRules.Binding;

public static partial class PlanBinder
{
    /// <summary>Declares sections and tasks; binds each task's owners, dates and obligations; binds the dependency graph.</summary>
    private sealed partial class BindingState
    {
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
    }
}
