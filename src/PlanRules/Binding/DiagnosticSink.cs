using PlanRules.Diagnostics;

namespace PlanRules.Binding;

/// <summary>Collects findings during binding or analysis.</summary>
internal sealed class DiagnosticSink
{
    private readonly Collections.ChunkedList<Diagnostic> _items = new();

    public IReadOnlyList<Diagnostic> Items => _items;

    /// <summary>The findings in one new array.</summary>
    public Diagnostic[] ToArray() => _items.ToArray();

    public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);

    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);

    public void Report(DiagnosticDescriptor descriptor, Location location, string? taskId, string? unit, params object?[] args) =>
        _items.Add(Diagnostic.Create(descriptor, location, taskId, unit, null, args));

    /// <summary>Reports with a message other than the descriptor's default (a variant of the same id).</summary>
    public void ReportVariant(DiagnosticDescriptor descriptor, string messageKey, Location location, string? taskId, string? unit, params object?[] args) =>
        ReportVariantWithProperties(descriptor, messageKey, location, taskId, unit, null, args);

    /// <summary>As <see cref="ReportVariant"/>, with the finding's properties.</summary>
    public void ReportVariantWithProperties(
        DiagnosticDescriptor descriptor, string messageKey, Location location, string? taskId, string? unit,
        IEnumerable<KeyValuePair<string, string>>? properties, params object?[] args) =>
        _items.Add(Diagnostic.Create(
            descriptor,
            location,
            LocalizableString.FromResource(messageKey, args),
            args.Select(a => LocalizableString.RenderArgument(a, null)),
            taskId,
            unit,
            properties));

    /// <summary>A "did you mean" suffix, or an empty text.</summary>
    public static LocalizableString DidYouMean(string? suggestion) =>
        suggestion is null ? LocalizableString.FromText("") : LocalizableString.FromResource("DidYouMean", suggestion);
}
