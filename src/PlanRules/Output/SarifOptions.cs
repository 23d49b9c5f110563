using PlanRules.Diagnostics;

namespace PlanRules.Output;

/// <summary>
/// Choices for <see cref="SarifReport"/>. Immutable; <see cref="Default"/> writes what the descriptors say and nothing more.
/// </summary>
public sealed record SarifOptions
{
    /// <summary>No help base: <c>helpUri</c> only for rules whose help is an absolute URL.</summary>
    public static SarifOptions Default { get; } = new();

    /// <summary>
    /// Where the rules' documentation is published (an intranet page, a repository's docs), as an absolute URL. A
    /// rule whose own help is not an absolute URL — the built-in PR and GOV ids, rules without <c>help "https://…"</c>
    /// — gets <c>helpUri</c> = this with <c>{id}</c> replaced by the rule id, or with the id appended when the text
    /// has no <c>{id}</c>. <see langword="null"/> for none.
    /// </summary>
    public string? HelpUriBase { get; init; }

    /// <summary>
    /// Whether <paramref name="helpUriBase"/> makes absolute http, https or file URLs (not a relative path or a
    /// malformed URL).
    /// </summary>
    public static bool IsValidHelpUriBase(string helpUriBase) =>
        Uri.TryCreate(Expand(helpUriBase, "PR0001"), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "file";

    /// <summary>The <c>helpUri</c> of <paramref name="descriptor"/>, or <see langword="null"/> for none.</summary>
    public string? HelpUri(DiagnosticDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        if (descriptor.HelpLinkUri is { } own && Uri.IsWellFormedUriString(own, UriKind.Absolute)) return own;
        if (HelpUriBase is null || !IsValidHelpUriBase(HelpUriBase)) return null;
        return Expand(HelpUriBase, descriptor.Id);
    }

    private static string Expand(string helpUriBase, string id)
    {
        var escaped = Uri.EscapeDataString(id);
        return helpUriBase.Contains("{id}", StringComparison.Ordinal) ? helpUriBase.Replace("{id}", escaped, StringComparison.Ordinal) : helpUriBase + escaped;
    }
}
