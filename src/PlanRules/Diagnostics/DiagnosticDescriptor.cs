namespace PlanRules.Diagnostics;

/// <summary>
/// What a kind of finding is: id, title, message format, category, default severity, help link.
/// Occurrences are <see cref="Diagnostic"/>s. Library descriptors live in <see cref="DiagnosticCatalog"/>.
/// </summary>
public sealed class DiagnosticDescriptor
{
    /// <summary>
    /// Creates a descriptor. A null id, title, message format or category is an <see cref="ArgumentNullException"/>
    /// (configuration, SARIF and the text report all read them).
    /// </summary>
    public DiagnosticDescriptor(
        string id,
        LocalizableString title,
        LocalizableString messageFormat,
        string category,
        DiagnosticSeverity defaultSeverity,
        bool isEnabledByDefault = true,
        string? helpLinkUri = null,
        LocalizableString? description = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(messageFormat);
        ArgumentNullException.ThrowIfNull(category);
        Id = id;
        Title = title;
        MessageFormat = messageFormat;
        Category = category;
        DefaultSeverity = defaultSeverity;
        IsEnabledByDefault = isEnabledByDefault;
        HelpLinkUri = helpLinkUri;
        Description = description ?? title;
    }

    /// <summary>Stable id, e.g. <c>PR1001</c> or <c>GOV001</c>.</summary>
    public string Id { get; }
    /// <summary>Short title.</summary>
    public LocalizableString Title { get; }
    /// <summary>Message format with <c>{0}</c>-style placeholders (library ids) or a fixed text.</summary>
    public LocalizableString MessageFormat { get; }
    /// <summary>Longer description, for <c>explain</c> and SARIF <c>fullDescription</c>.</summary>
    public LocalizableString Description { get; }
    /// <summary>Category, e.g. <c>syntax</c>, <c>plan</c>, <c>schedule</c>.</summary>
    public string Category { get; }
    /// <summary>Severity before configuration.</summary>
    public DiagnosticSeverity DefaultSeverity { get; }
    /// <summary>
    /// Whether the finding is reported unless configured. When false, its findings are dropped unless configuration
    /// sets a severity for its id or category (<c>planrules_diagnostic.ID.severity = warning</c>), as in Roslyn.
    /// </summary>
    public bool IsEnabledByDefault { get; }
    /// <summary>Where to read more.</summary>
    public string? HelpLinkUri { get; }

    /// <inheritdoc/>
    public override string ToString() => Id;
}
