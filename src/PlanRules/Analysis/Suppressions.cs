using System.Collections.Immutable;
using System.Text.Json;
using PlanRules.Binding;
using PlanRules.Diagnostics;

namespace PlanRules.Analysis;

/// <summary>A baseline: fingerprints of findings accepted earlier (an earlier JSON output of <c>check</c>).</summary>
public sealed record Baseline(string Path, ImmutableHashSet<string> Fingerprints)
{
    /// <summary>
    /// The fingerprints among <see cref="Fingerprints"/> that were stale-waiver findings (PR1012). When one no
    /// longer occurs the waiver it reported was used or removed: that is not itself a stale entry.
    /// </summary>
    public ImmutableHashSet<string> StaleWaiverFingerprints { get; init; } = ImmutableHashSet<string>.Empty;

    /// <summary>
    /// The paths of the baseline's findings, as the run that wrote it named them (relative to the folder it ran in,
    /// with <c>/</c>). A check run from another folder names the same files otherwise (<c>plan.plan</c> against
    /// <c>examples/panyu-2021/plan.plan</c>); <see cref="Match"/> tries these names too.
    /// </summary>
    public ImmutableArray<string> Paths { get; init; } = [];

    /// <summary>
    /// The baseline entry that accepts <paramref name="diagnostic"/>, or null: the entry of its fingerprint, or else
    /// the entry of its fingerprint with its file named by one of <see cref="Paths"/> that names the same file from
    /// another folder (one path ends with the other, whole segments: <c>plan.plan</c>, <c>../plan.plan</c> and
    /// <c>examples/panyu-2021/plan.plan</c>).
    /// </summary>
    public string? Match(Diagnostic diagnostic)
    {
        var fingerprint = diagnostic.Fingerprint;
        if (Fingerprints.Contains(fingerprint)) return fingerprint;
        if (diagnostic.Location.IsNone) return null;
        var path = diagnostic.Location.Path.Replace('\\', '/');
        foreach (var other in Paths)
        {
            if (!SameFileFromElsewhere(path, other)) continue;
            var moved = diagnostic.FingerprintAt(other);
            if (Fingerprints.Contains(moved)) return moved;
        }
        return null;
    }

    private static bool SameFileFromElsewhere(string path, string other) =>
        path.Length != other.Length && path.Length > 0 && other.Length > 0
        && (path.Length > other.Length ? EndsWithSegments(path, other) : EndsWithSegments(other, path));

    private static bool EndsWithSegments(string longer, string shorter) =>
        longer.EndsWith(shorter, StringComparison.Ordinal) && longer[longer.Length - shorter.Length - 1] == '/';

    /// <summary>Reads the fingerprints of a JSON report. Throws <see cref="JsonException"/> or <see cref="FormatException"/> for text that is not one.</summary>
    public static Baseline Parse(string path, string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        // Any JSON value parses; only an object with a "findings" array is a report (not [], null, or a SARIF log).
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("findings", out var findings) || findings.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("baseline has no \"findings\" array (expected the output of check --format json)");
        }
        var fingerprints = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        var staleWaivers = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var finding in findings.EnumerateArray())
        {
            if (finding.ValueKind == JsonValueKind.Object && finding.TryGetProperty("fingerprint", out var fp) && fp.ValueKind == JsonValueKind.String)
            {
                fingerprints.Add(fp.GetString()!);
                if (finding.TryGetProperty("path", out var entryPath) && entryPath.ValueKind == JsonValueKind.String) paths.Add(entryPath.GetString()!.Replace('\\', '/'));
                if (finding.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                    && string.Equals(id.GetString(), DiagnosticCatalog.StaleSuppression.Id, StringComparison.OrdinalIgnoreCase))
                {
                    staleWaivers.Add(fp.GetString()!);
                }
            }
        }
        return new Baseline(path, fingerprints.ToImmutable()) { StaleWaiverFingerprints = staleWaivers.ToImmutable(), Paths = [.. paths] };
    }
}

/// <summary>Applies <c>suppress</c> items and a baseline, and reports the waivers that matched nothing (PR1012).</summary>
internal static class Suppressions
{
    /// <summary>
    /// Marks suppressed findings and adds stale suppressions; without suppressions, the list itself. The plan's
    /// stale <c>suppress</c> items (PR1012) are findings like any other: a baseline can accept them.
    /// </summary>
    public static Diagnostic[] Apply(Diagnostic[] diagnostics, BoundPlan plan, Baseline? baseline)
    {
        // Nothing to apply: no copy (a big check has findings by the million).
        if (baseline is null && !plan.Suppressions.Any()) return diagnostics;
        var byTask = plan.Suppressions
            .GroupBy(s => (s.TaskId, Id: s.DiagnosticId.ToUpperInvariant()))
            .ToDictionary(g => g.Key, g => g.First());
        var usedSuppressions = new HashSet<Suppression>(ReferenceEqualityComparer.Instance);
        var usedFingerprints = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<Diagnostic>(diagnostics.Length);
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.TaskId is { } taskId && byTask.TryGetValue((taskId, diagnostic.Id.ToUpperInvariant()), out var suppression))
            {
                usedSuppressions.Add(suppression);
                // A baseline written from a run with plan suppressions lists this finding too: it matched.
                if (baseline?.Match(diagnostic) is { } entry) usedFingerprints.Add(entry);
                result.Add(diagnostic.WithSuppression(SuppressionKind.InSource, suppression.Reason));
                continue;
            }
            result.Add(ApplyBaseline(diagnostic, baseline, usedFingerprints));
        }
        foreach (var suppression in plan.Suppressions.Where(s => !usedSuppressions.Contains(s)))
        {
            var stale = Diagnostic.Create(DiagnosticCatalog.StaleSuppression, suppression.Location, suppression.TaskId, null, null, suppression.DiagnosticId);
            result.Add(ApplyBaseline(stale, baseline, usedFingerprints));
        }
        if (baseline is not null)
        {
            var stale = baseline.Fingerprints.Except(usedFingerprints).Except(baseline.StaleWaiverFingerprints).Order(StringComparer.Ordinal).ToList();
            var location = new Location(baseline.Path, default, new Text.LinePositionSpan(new Text.LinePosition(1, 1), new Text.LinePosition(1, 1)));
            foreach (var fingerprint in stale)
            {
                result.Add(Diagnostic.Create(DiagnosticCatalog.StaleSuppression, location, (string?)null, (string?)null, null, "baseline " + fingerprint));
            }
        }
        return [.. result];
    }

    private static Diagnostic ApplyBaseline(Diagnostic diagnostic, Baseline? baseline, HashSet<string> used)
    {
        if (baseline?.Match(diagnostic) is not { } entry) return diagnostic;
        used.Add(entry);
        return diagnostic.WithSuppression(SuppressionKind.External, "baseline: " + baseline.Path);
    }
}
