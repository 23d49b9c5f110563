using System.Collections.Immutable;
using System.Globalization;
using PlanRules.Analysis.Compliance;
using PlanRules.Binding;
using PlanRules.Diagnostics;
using PlanRules.Rules.Runtime;
using PlanRules.Text;

namespace PlanRules.Analysis;

/// <summary>
/// Runs host analyzers; each is isolated: its exception becomes PR9001 and stops only that analyzer. So does a
/// broken contract, checked as the analyzer reports (like Roslyn's AD0001): a descriptor that is null, has an id
/// that is not an identifier or takes a reserved <c>PR</c> id; a finding with an undeclared id, a location that is
/// not a place in the files of the check, a message that cannot be rendered or a property with a null key. Such a
/// finding would otherwise crash the sort, the configuration or the host's report after the check.
/// </summary>
internal static class AnalyzerDriver
{
    /// <summary>A broken analyzer contract; <see cref="Reason"/> is PR9001's localized explanation.</summary>
    private sealed class ContractException(LocalizableString reason) : Exception(reason.ToString(CultureInfo.GetCultureInfo("en")))
    {
        public LocalizableString Reason { get; } = reason;
    }

    private static ContractException Broken(string key, params object?[] args) => new(LocalizableString.FromResource(key, args));

    /// <summary>Runs the analyzers; the places they may report at are the spans of <paramref name="sources"/> and <paramref name="hostPlaces"/>.</summary>
    public static ImmutableArray<Diagnostic> Run(IEnumerable<PlanAnalyzer> analyzers, BoundPlan plan, ComplianceResult compliance, RuleModel model, IEnumerable<SourceText> sources,
        IEnumerable<Location>? hostPlaces = null, CancellationToken cancellationToken = default)
    {
        var places = new Places(sources, hostPlaces ?? []);
        var all = new List<Diagnostic>();
        foreach (var analyzer in analyzers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var reported = new List<Diagnostic>();
            string name = "?";
            try
            {
                name = analyzer.Name;
                var supported = Supported(analyzer.SupportedDiagnostics);
                void Report(Diagnostic diagnostic)
                {
                    if (!supported.Contains(diagnostic.Id)) throw Broken("PR9001_Unsupported", diagnostic.Id, name);
                    places.Check(diagnostic.Id, diagnostic.Location);
                    foreach (var location in diagnostic.AdditionalLocations) places.Check(diagnostic.Id, location);
                    CheckMessage(diagnostic);
                    CheckProperties(diagnostic);
                    reported.Add(diagnostic);
                }
                var context = new AnalysisContext();
                analyzer.Initialize(context);
                var shared = new AnalyzerCallbackContext.Shared(plan, compliance, model.AsOf, Report, cancellationToken);
                foreach (var action in context.PlanActions) Call(action, new PlanAnalysisContext(model.Plan, shared));
                foreach (var task in model.Tasks)
                {
                    foreach (var action in context.TaskActions) Call(action, new TaskAnalysisContext(task, shared));
                }
                foreach (var obligation in model.Obligations)
                {
                    foreach (var action in context.ObligationActions) Call(action, new ObligationAnalysisContext(obligation, shared));
                }
                foreach (var unit in model.Units)
                {
                    foreach (var action in context.UnitActions) Call(action, new UnitAnalysisContext(unit, shared));
                }
                all.AddRange(reported);
            }
            // A cancelled check stops; an analyzer that gives up because of it has not failed.
            catch (Exception e) when (e is not OutOfMemoryException && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                // Like Roslyn: a failing analyzer is reported once and its partial results are dropped.
                // The sentence is in the finding's language; the exception's type and text are the host's, kept whole as properties.
                object reason = e is ContractException broken ? broken.Reason : ExceptionText.OneLine(e);
                all.Add(Diagnostic.Create(DiagnosticCatalog.HostAnalyzerFailed, Location.None, null, null,
                    e is ContractException ? null : Diagnostic.ExceptionProperties(e), name, reason));
            }
        }
        return [.. all];
    }

    private static void Call<T>(Action<T> action, T context) where T : AnalyzerCallbackContext
    {
        context.CancellationToken.ThrowIfCancellationRequested();
        action(context);
    }

    /// <summary>The declared ids; a descriptor that is null, not an identifier, reserved or of no severity breaks the contract.</summary>
    private static HashSet<string> Supported(ImmutableArray<DiagnosticDescriptor> descriptors)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (descriptors.IsDefault) return ids;
        foreach (var descriptor in descriptors)
        {
            if (descriptor is null) throw Broken("PR9001_NullDescriptor");
            var id = descriptor.Id;
            if (!IsValidId(id)) throw Broken("PR9001_BadId", id);
            if (id.StartsWith("PR", StringComparison.OrdinalIgnoreCase)) throw Broken("PR9001_ReservedId", id);
            if (!Enum.IsDefined(descriptor.DefaultSeverity)) throw Broken("PR9001_BadSeverity", id, (int)descriptor.DefaultSeverity);
            ids.Add(id);
        }
        return ids;
    }

    /// <summary>Ids as rule ids are written: a letter, then letters, digits or <c>_</c> (ASCII).</summary>
    private static bool IsValidId(string? id) =>
        !string.IsNullOrEmpty(id) && char.IsAsciiLetter(id[0]) && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>
    /// Where an analyzer may report: <see cref="Location.None"/>, a span of a file of the check (a plan, a ledger)
    /// with the line span that file gives for it, or a place a host gave one of its ledger records.
    /// </summary>
    private sealed class Places(IEnumerable<SourceText> sources, IEnumerable<Location> hostPlaces)
    {
        private readonly ILookup<string, SourceText> _files = sources.ToLookup(s => s.Path, StringComparer.Ordinal);
        private HashSet<Location>? _hostPlaces;

        public void Check(string id, Location? location)
        {
            if (location is not null && (location == Location.None || InFile(location) || (_hostPlaces ??= [.. hostPlaces]).Contains(location))) return;
            throw Broken("PR9001_BadLocation", id, location is null ? "null" : $"{location.Path}({location.Line},{location.Column})");
        }

        private bool InFile(Location location)
        {
            if (location.Path is not { } path) return false;
            var span = location.SourceSpan;
            foreach (var file in _files[path])
            {
                if (span.Start >= 0 && span.Length >= 0 && span.End <= file.Length && file.GetLinePositionSpan(span) == location.LineSpan) return true;
            }
            return false;
        }
    }

    /// <summary>Properties are sorted when first read (by the reports, after the check): a null key must fail here.</summary>
    private static void CheckProperties(Diagnostic diagnostic)
    {
        try
        {
            _ = diagnostic.Properties;
        }
        catch (ArgumentNullException)
        {
            throw Broken("PR9001_BadProperties", diagnostic.Id);
        }
    }

    /// <summary>The message must render in both cultures (a format whose placeholders the arguments do not fill does not).</summary>
    private static void CheckMessage(Diagnostic diagnostic)
    {
        try
        {
            _ = diagnostic.GetMessage(CultureInfo.GetCultureInfo("zh-CN"));
            _ = diagnostic.GetMessage(CultureInfo.GetCultureInfo("en"));
        }
        catch (FormatException e)
        {
            throw Broken("PR9001_BadMessage", diagnostic.Id, e.Message);
        }
    }
}
