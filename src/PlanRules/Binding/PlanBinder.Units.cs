using NodaTime;
using PlanRules.Diagnostics;
using PlanRules.Syntax;
using PlanRules.Text;

namespace PlanRules.Binding;

public static partial class PlanBinder
{
    /// <summary>Declares the header, units and groups; resolves names; expands groups.</summary>
    private sealed partial class BindingState
    {
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
    }
}
