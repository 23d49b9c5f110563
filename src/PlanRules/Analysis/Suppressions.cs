using System.Collections.Immutable;
using System.Text.Json;
using PlanRules.Binding;
using PlanRules.Diagnostics;

namespace PlanRules.Analysis;

/// <summary>A baseline: fingerprints of findings accepted earlier (an earlier JSON output of <c>check</c>).</summary>
public sealed record Baseline(string Path, ImmutableHashSet<string> Fingerprints)
{
    /// <summary>Reads the fingerprints of a JSON report. Throws <see cref="JsonException"/> or <see cref="FormatException"/> for text that is not one.</summary>
    public static Baseline Parse(string path, string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        if (!document.RootElement.TryGetProperty("findings", out var findings) || findings.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("baseline has no \"findings\" array");
        }
        var fingerprints = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var finding in findings.EnumerateArray())
        {
            if (finding.ValueKind == JsonValueKind.Object && finding.TryGetProperty("fingerprint", out var fp) && fp.ValueKind == JsonValueKind.String)
            {
                fingerprints.Add(fp.GetString()!);
            }
        }
        return new Baseline(path, fingerprints.ToImmutable());
    }
}

/// <summary>Applies <c>suppress</c> items and a baseline, and reports the waivers that matched nothing (PR1012).</summary>
internal static class Suppressions
{
    /// <summary>Marks suppressed findings and adds stale suppressions; without suppressions, the list itself.</summary>
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
                if (baseline is not null && baseline.Fingerprints.Contains(diagnostic.Fingerprint)) usedFingerprints.Add(diagnostic.Fingerprint);
                result.Add(diagnostic.WithSuppression(SuppressionKind.InSource, suppression.Reason));
                continue;
            }
            if (baseline is not null && baseline.Fingerprints.Contains(diagnostic.Fingerprint))
            {
                usedFingerprints.Add(diagnostic.Fingerprint);
                result.Add(diagnostic.WithSuppression(SuppressionKind.External, "baseline: " + baseline.Path));
                continue;
            }
            result.Add(diagnostic);
        }
        foreach (var suppression in plan.Suppressions.Where(s => !usedSuppressions.Contains(s)))
        {
            result.Add(Diagnostic.Create(DiagnosticCatalog.StaleSuppression, suppression.Location, suppression.TaskId, null, null, suppression.DiagnosticId));
        }
        if (baseline is not null)
        {
            var stale = baseline.Fingerprints.Except(usedFingerprints).Order(StringComparer.Ordinal).ToList();
            var location = new Location(baseline.Path, default, new Text.LinePositionSpan(new Text.LinePosition(1, 1), new Text.LinePosition(1, 1)));
            foreach (var fingerprint in stale)
            {
                result.Add(Diagnostic.Create(DiagnosticCatalog.StaleSuppression, location, (string?)null, (string?)null, null, "baseline " + fingerprint));
            }
        }
        return [.. result];
    }
}
