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
public static partial class PlanBinder
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

    /// <summary>
    /// One binding run. Split by stage: units, groups and the header in <c>PlanBinder.Units.cs</c>; sections, tasks,
    /// obligations and dependencies in <c>PlanBinder.Tasks.cs</c>.
    /// </summary>
    private sealed partial class BindingState(ImmutableArray<PlanFileSyntax> files, int maxObligations)
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
