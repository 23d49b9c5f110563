using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace PlanRules.Diagnostics;

/// <summary>How a finding was suppressed.</summary>
public enum SuppressionKind
{
    /// <summary>Not suppressed.</summary>
    None,
    /// <summary>By a <c>suppress</c> item in the plan (SARIF <c>inSource</c>).</summary>
    InSource,
    /// <summary>By a baseline file (SARIF <c>external</c>).</summary>
    External,
}

/// <summary>One finding: a descriptor occurrence with its severity, message, location and properties. Immutable.</summary>
public sealed class Diagnostic
{
    private Diagnostic(
        DiagnosticDescriptor descriptor,
        DiagnosticSeverity severity,
        Location location,
        ImmutableArray<Location> additionalLocations,
        ImmutableArray<string> arguments,
        LocalizableString? message,
        object properties,
        string? taskId,
        string? unit,
        SuppressionKind suppression,
        string? justification,
        ImmutableArray<string>? fingerprintArguments = null)
    {
        _fingerprintArguments = fingerprintArguments;
        Descriptor = descriptor;
        Severity = severity;
        Location = location;
        AdditionalLocations = additionalLocations;
        Arguments = arguments;
        _message = message;
        _properties = properties;
        TaskId = taskId;
        Unit = unit;
        Suppression = suppression;
        Justification = justification;
    }

    private readonly ImmutableArray<string>? _fingerprintArguments;

    /// <summary>What kind of finding this is.</summary>
    public DiagnosticDescriptor Descriptor { get; }
    /// <summary>The id, e.g. <c>PR3001</c>.</summary>
    public string Id => Descriptor.Id;
    /// <summary>Severity after configuration.</summary>
    public DiagnosticSeverity Severity { get; }
    /// <summary>The primary location.</summary>
    public Location Location { get; }
    /// <summary>Related locations (a rule in a rules file, the other end of a cycle, ...).</summary>
    public ImmutableArray<Location> AdditionalLocations { get; }
    /// <summary>Message arguments as invariant text; part of the fingerprint.</summary>
    public ImmutableArray<string> Arguments { get; }
    /// <summary>The message, renderable in zh-CN and en.</summary>
    public LocalizableString Message =>
        _message ?? new FormattedString(Descriptor.MessageFormat ?? EmptyMessage, ImmutableCollectionsMarshal.AsArray(Arguments)!);

    // Null when the message is the descriptor's format applied to the (culture-independent) arguments: made on
    // demand, so a finding does not hold it. Findings are made by the million for big plans and thin ledgers.
    private readonly LocalizableString? _message;

    /// <summary>Extra facts (e.g. <c>daysOverdue</c>), sorted by key.</summary>
    public ImmutableSortedDictionary<string, string> Properties
    {
        get
        {
            // Racing readers build equal dictionaries; either may win.
            if (_properties is ImmutableSortedDictionary<string, string> sorted) return sorted;
            var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in (KeyValuePair<string, string>[])_properties) builder[key] = value;
            var built = builder.ToImmutable();
            _properties = built;
            return built;
        }
    }

    // The properties as given (an array this finding owns), sorted into an immutable dictionary only when first
    // read: building that tree is the largest cost of creating a finding, and most findings are only counted,
    // ordered and printed as messages. Then the dictionary, which the With… copies share.
    private object _properties;

    private static readonly ImmutableSortedDictionary<string, string> EmptyProperties =
        ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    private static object PropertiesFrom(IEnumerable<KeyValuePair<string, string>>? properties) => properties switch
    {
        null => EmptyProperties,
        ImmutableSortedDictionary<string, string> sorted when sorted.KeyComparer == StringComparer.Ordinal => sorted,
        KeyValuePair<string, string>[] { Length: 0 } => EmptyProperties,
        KeyValuePair<string, string>[] array => array.Clone(),
        ICollection<KeyValuePair<string, string>> { Count: 0 } => EmptyProperties,
        ICollection<KeyValuePair<string, string>> collection => CopyOf(collection),
        _ => properties.ToArray() is { Length: > 0 } items ? items : EmptyProperties,
    };

    private static KeyValuePair<string, string>[] CopyOf(ICollection<KeyValuePair<string, string>> collection)
    {
        var items = new KeyValuePair<string, string>[collection.Count];
        collection.CopyTo(items, 0);
        return items;
    }

    /// <summary>The task the finding is about, if any.</summary>
    public string? TaskId { get; }
    /// <summary>The unit the finding is about, if any.</summary>
    public string? Unit { get; }
    /// <summary>Whether and how the finding is suppressed.</summary>
    public SuppressionKind Suppression { get; }
    /// <summary>True when suppressed; suppressed findings never change the exit code.</summary>
    public bool IsSuppressed => Suppression != SuppressionKind.None;
    /// <summary>Why it was suppressed.</summary>
    public string? Justification { get; }

    /// <summary>Creates a finding whose message is the descriptor's format applied to <paramref name="args"/>.</summary>
    public static Diagnostic Create(DiagnosticDescriptor descriptor, Location location, params object?[] args) =>
        Create(descriptor, location, null, null, null, args);

    /// <summary>Creates a finding about a task and unit, with properties.</summary>
    public static Diagnostic Create(
        DiagnosticDescriptor descriptor,
        Location location,
        string? taskId,
        string? unit,
        IEnumerable<KeyValuePair<string, string>>? properties,
        params object?[] args)
    {
        var (rendered, message) = Render(descriptor, args);
        return new(descriptor, descriptor.DefaultSeverity, location, [], rendered, message, PropertiesFrom(properties),
            taskId, unit, SuppressionKind.None, null);
    }

    /// <summary>
    /// For the library's own hot paths (compliance findings by the hundred thousand): takes ownership of
    /// <paramref name="properties"/> (not copied; the caller must not change it) and optionally the arguments the
    /// fingerprint uses instead of the message's.
    /// </summary>
    internal static Diagnostic CreateOwned(
        DiagnosticDescriptor descriptor,
        Location location,
        string? taskId,
        string? unit,
        KeyValuePair<string, string>[] properties,
        ImmutableArray<string>? fingerprintArguments,
        params object?[] args)
    {
        var (rendered, message) = Render(descriptor, args);
        return new(descriptor, descriptor.DefaultSeverity, location, [], rendered, message,
            properties.Length == 0 ? EmptyProperties : properties, taskId, unit, SuppressionKind.None, null, fingerprintArguments);
    }

    /// <summary>
    /// The arguments as invariant text, and the message. When no argument depends on the culture (numbers and
    /// plain text render the same in every culture), the message formats from the rendered array itself, so a
    /// finding holds its arguments once, not also as boxed values.
    /// </summary>
    private static (ImmutableArray<string> Rendered, LocalizableString? Message) Render(DiagnosticDescriptor descriptor, object?[] args)
    {
        var rendered = new string[args.Length];
        object?[]? localized = null;
        for (var i = 0; i < args.Length; i++)
        {
            rendered[i] = LocalizableString.RenderArgument(args[i], null);
            if (args[i] is LocalizableString) (localized ??= new object?[args.Length])[i] = args[i];
        }
        if (localized is null || descriptor.MessageFormat is not { } format) return (ImmutableCollectionsMarshal.AsImmutableArray(rendered), null);
        // Culture-dependent arguments stay as they are; the others as their text (no boxed numbers kept).
        for (var i = 0; i < args.Length; i++) localized[i] ??= rendered[i];
        return (ImmutableCollectionsMarshal.AsImmutableArray(rendered), new FormattedString(format, localized));
    }

    private static readonly LocalizableString EmptyMessage = LocalizableString.FromText("");

    /// <summary>Creates a finding with an explicit message (rules bring their own templates).</summary>
    public static Diagnostic Create(
        DiagnosticDescriptor descriptor,
        Location location,
        LocalizableString message,
        IEnumerable<string> arguments,
        string? taskId = null,
        string? unit = null,
        IEnumerable<KeyValuePair<string, string>>? properties = null,
        IEnumerable<Location>? additionalLocations = null) =>
        new(descriptor,
            descriptor.DefaultSeverity,
            location,
            additionalLocations?.ToImmutableArray() ?? [],
            arguments.ToImmutableArray(),
            message,
            PropertiesFrom(properties),
            taskId,
            unit,
            SuppressionKind.None,
            null);

    /// <summary>The message in a culture (zh-CN fallback).</summary>
    public string GetMessage(CultureInfo? culture = null) => Message.ToString(culture);

    /// <summary>A copy with another severity.</summary>
    public Diagnostic WithSeverity(DiagnosticSeverity severity) =>
        new(Descriptor, severity, Location, AdditionalLocations, Arguments, _message, _properties, TaskId, Unit, Suppression, Justification, _fingerprintArguments);

    /// <summary>A copy marked as suppressed.</summary>
    public Diagnostic WithSuppression(SuppressionKind kind, string? justification) =>
        new(Descriptor, Severity, Location, AdditionalLocations, Arguments, _message, _properties, TaskId, Unit, kind, justification, _fingerprintArguments);

    /// <summary>A copy with more related locations.</summary>
    public Diagnostic WithAdditionalLocations(IEnumerable<Location> locations) =>
        new(Descriptor, Severity, Location, AdditionalLocations.AddRange(locations), Arguments, _message, _properties, TaskId, Unit, Suppression, Justification, _fingerprintArguments);

    /// <summary>A copy with more properties.</summary>
    public Diagnostic WithProperties(IEnumerable<KeyValuePair<string, string>> properties) =>
        new(Descriptor, Severity, Location, AdditionalLocations, Arguments, _message, Properties.SetItems(properties), TaskId, Unit, Suppression, Justification, _fingerprintArguments);

    /// <summary>
    /// A copy whose fingerprint uses these arguments instead of the message arguments: for findings whose
    /// message carries a count that changes every day (days overdue), so a baseline keeps matching.
    /// </summary>
    public Diagnostic WithFingerprintArguments(IEnumerable<string> arguments) =>
        new(Descriptor, Severity, Location, AdditionalLocations, Arguments, _message, _properties, TaskId, Unit, Suppression, Justification, [.. arguments]);

    /// <summary>
    /// A stable identity for baselines: depends on id, path, task, unit and message arguments, never on
    /// line numbers, so moving text around does not break a baseline.
    /// </summary>
    public string Fingerprint
    {
        get
        {
            var text = new StringBuilder();
            text.Append(Id).Append('\u001f').Append(Location.Path.Replace('\\', '/')).Append('\u001f')
                .Append(TaskId).Append('\u001f').Append(Unit);
            foreach (var arg in _fingerprintArguments ?? Arguments) text.Append('\u001f').Append(arg);
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
            return Convert.ToHexStringLower(hash.AsSpan(0, 16));
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Location}: {Severity.ToText()} {Id}: {GetMessage(CultureInfo.InvariantCulture)}";

    private sealed class FormattedString(LocalizableString format, object?[] args) : LocalizableString
    {
        public override string ToString(CultureInfo? culture)
        {
            var text = format.ToString(culture);
            if (args.Length == 0) return text;
            var rendered = new object[args.Length];
            for (var i = 0; i < args.Length; i++) rendered[i] = RenderArgument(args[i], culture);
            return string.Format(CultureInfo.InvariantCulture, text, rendered);
        }
    }
}
