using PlanRules.Diagnostics;

namespace PlanRules.Import;

/// <summary>Collects the importer's own findings (PR4001, PR4002), located in the notice.</summary>
internal sealed class ImportDiagnostics
{
    private readonly List<Diagnostic> _items = [];

    public IReadOnlyList<Diagnostic> Items => _items;

    /// <summary>PR4001: a passage kept as a note because it could not be turned into plan items.</summary>
    public void NotUnderstood(Passage at, string? taskId) =>
        _items.Add(Diagnostic.Create(DiagnosticCatalog.ImportNotUnderstood, at.Location, taskId, null, null, Excerpt(at.Original)));

    /// <summary>PR4001 with its own message (no owner found, renumbered item, impossible date).</summary>
    public void NotUnderstood(string messageKey, Passage at, string? taskId, params object?[] args) =>
        Report(DiagnosticCatalog.ImportNotUnderstood, messageKey, at, taskId, null, args);

    /// <summary>PR4002: <paramref name="variant"/> was merged with <paramref name="canonical"/>.</summary>
    public void Merged(Passage at, string variant, string canonical, string? taskId) =>
        _items.Add(Diagnostic.Create(DiagnosticCatalog.ImportUnitGuessed, at.Location, taskId, canonical, null, variant, canonical));

    /// <summary>PR4002 with its own message (open group, dual name, issuer, inherited owners).</summary>
    public void Guessed(string messageKey, Passage at, string? taskId, string? unit, params object?[] args) =>
        Report(DiagnosticCatalog.ImportUnitGuessed, messageKey, at, taskId, unit, args);

    private void Report(DiagnosticDescriptor descriptor, string messageKey, Passage at, string? taskId, string? unit, object?[] args) =>
        _items.Add(Diagnostic.Create(
            descriptor,
            at.Location,
            LocalizableString.FromResource(messageKey, args),
            args.Select(a => a?.ToString() ?? ""),
            taskId,
            unit));

    /// <summary>A passage short enough for a one-line message.</summary>
    public static string Excerpt(string text)
    {
        text = text.ReplaceLineEndings(" ").Trim();
        return text.Length <= 60 ? text : text[..57] + "…";
    }
}
