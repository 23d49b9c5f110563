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

/// <summary>
/// One finding: a descriptor occurrence with its severity, message, location and properties. Immutable.
/// </summary>
/// <remarks>
/// Only the library makes findings (through <see cref="Create(DiagnosticDescriptor, Location, object?[])"/> and its
/// overloads). Findings come by the million for big plans with thin ledgers, so the library keeps the common
/// kinds compact: what a finding says (arguments, message, properties) may be made from a few fields when read,
/// and reads the same every time.
/// </remarks>
public abstract class Diagnostic
{
    private protected Diagnostic(DiagnosticDescriptor descriptor, DiagnosticSeverity severity, DiagnosticExtras? extras)
    {
        Descriptor = descriptor;
        Severity = severity;
        _extras = extras;
    }

    // Related locations and the justification: rare, or shared by every finding of a rule.
    private DiagnosticExtras? _extras;

    /// <summary>What kind of finding this is.</summary>
    public DiagnosticDescriptor Descriptor { get; }
    /// <summary>The id, e.g. <c>PR3001</c>.</summary>
    public string Id => Descriptor.Id;
    /// <summary>Severity after configuration.</summary>
    public DiagnosticSeverity Severity { get; private set; }
    /// <summary>The primary location.</summary>
    public abstract Location Location { get; }
    /// <summary>Related locations (a rule in a rules file, the other end of a cycle, ...).</summary>
    public ImmutableArray<Location> AdditionalLocations => _extras?.AdditionalLocations ?? [];
    /// <summary>Message arguments as invariant text; part of the fingerprint.</summary>
    public abstract ImmutableArray<string> Arguments { get; }
    /// <summary>The message, renderable in zh-CN and en.</summary>
    public abstract LocalizableString Message { get; }
    /// <summary>Extra facts (e.g. <c>daysOverdue</c>), sorted by key.</summary>
    public abstract ImmutableSortedDictionary<string, string> Properties { get; }
    /// <summary>The task the finding is about, if any.</summary>
    public abstract string? TaskId { get; }
    /// <summary>The unit the finding is about, if any.</summary>
    public abstract string? Unit { get; }
    /// <summary>Whether and how the finding is suppressed.</summary>
    public SuppressionKind Suppression { get; private set; }
    /// <summary>True when suppressed; suppressed findings never change the exit code.</summary>
    public bool IsSuppressed => Suppression != SuppressionKind.None;
    /// <summary>Why it was suppressed.</summary>
    public string? Justification => _extras?.Justification;

    /// <summary>The arguments the fingerprint uses: the message arguments unless the finding says otherwise.</summary>
    private protected virtual ImmutableArray<string> FingerprintArguments => Arguments;

    /// <summary>
    /// Orders two findings of the same id, task and unit by their <see cref="OrderArguments"/> (ordinal, element by
    /// element, then by count), as <see cref="DiagnosticOrder"/> does. Compact kinds override it to compare without making
    /// their arguments; the result must be the same.
    /// </summary>
    internal virtual int CompareArguments(Diagnostic other) => CompareTexts(OrderArguments, other.OrderArguments);

    /// <summary>
    /// The arguments findings are ordered by: the message arguments unless the finding says otherwise (a period's
    /// ISO range for its name, so months sort in calendar order). Copies keep them.
    /// </summary>
    private protected virtual ImmutableArray<string> OrderArguments => Arguments;

    internal static int CompareTexts(ImmutableArray<string> x, ImmutableArray<string> y)
    {
        for (var i = 0; i < x.Length && i < y.Length; i++)
        {
            var c = string.CompareOrdinal(x[i], y[i]);
            if (c != 0) return c;
        }
        return x.Length.CompareTo(y.Length);
    }

    internal static readonly ImmutableSortedDictionary<string, string> EmptyProperties =
        ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Properties given as pairs, sorted by key (a later duplicate key wins).</summary>
    internal static ImmutableSortedDictionary<string, string> Sorted(ReadOnlySpan<KeyValuePair<string, string>> properties)
    {
        if (properties.IsEmpty) return EmptyProperties;
        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in properties) builder[key] = value;
        return builder.ToImmutable();
    }

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

    /// <summary>
    /// A .NET exception behind a finding (a host's, a library's), as properties for developers: <c>exceptionType</c>
    /// (full type name) and <c>exceptionMessage</c> (its text as it is, in whatever language .NET or the host wrote it).
    /// </summary>
    internal static KeyValuePair<string, string>[] ExceptionProperties(Exception exception) =>
        [new("exceptionType", exception.GetType().FullName ?? exception.GetType().Name), new("exceptionMessage", ExceptionText.Message(exception))];

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
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(location);
        var (rendered, message) = Render(descriptor, args ?? [null]);
        return new General(descriptor, descriptor.DefaultSeverity, null, location, rendered, message, PropertiesFrom(properties),
            taskId, unit, null);
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

    /// <summary>The descriptor's message format applied to arguments (text, or <see cref="LocalizableString"/>s).</summary>
    private protected static LocalizableString Formatted(DiagnosticDescriptor descriptor, object?[] args) =>
        new FormattedString(descriptor.MessageFormat ?? EmptyMessage, args);

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
        new General(descriptor ?? throw new ArgumentNullException(nameof(descriptor)),
            descriptor.DefaultSeverity,
            additionalLocations is null ? null : DiagnosticExtras.Create([.. additionalLocations], null),
            location ?? throw new ArgumentNullException(nameof(location)),
            [.. arguments],
            message ?? throw new ArgumentNullException(nameof(message)),
            PropertiesFrom(properties),
            taskId,
            unit,
            null);

    /// <summary>The message in a culture (zh-CN fallback).</summary>
    public string GetMessage(CultureInfo? culture = null) => Message.ToString(culture);

    /// <summary>A copy with another severity.</summary>
    public Diagnostic WithSeverity(DiagnosticSeverity severity)
    {
        var copy = (Diagnostic)MemberwiseClone();
        copy.Severity = severity;
        return copy;
    }

    /// <summary>A copy marked as suppressed.</summary>
    public Diagnostic WithSuppression(SuppressionKind kind, string? justification)
    {
        var copy = (Diagnostic)MemberwiseClone();
        copy.Suppression = kind;
        copy._extras = DiagnosticExtras.Create(AdditionalLocations, justification);
        return copy;
    }

    /// <summary>A copy with more related locations.</summary>
    public Diagnostic WithAdditionalLocations(IEnumerable<Location> locations)
    {
        var copy = (Diagnostic)MemberwiseClone();
        copy._extras = DiagnosticExtras.Create(AdditionalLocations.AddRange(locations), Justification);
        return copy;
    }

    /// <summary>A copy with more properties.</summary>
    public Diagnostic WithProperties(IEnumerable<KeyValuePair<string, string>> properties) =>
        new General(Descriptor, Severity, _extras, Location, Arguments, Message, Properties.SetItems(properties), TaskId, Unit, FingerprintArguments, OrderArguments)
        {
            Suppression = Suppression,
        };

    /// <summary>
    /// A copy whose fingerprint uses these arguments instead of the message arguments: for findings whose
    /// message carries a count that changes every day (days overdue), so a baseline keeps matching.
    /// </summary>
    public Diagnostic WithFingerprintArguments(IEnumerable<string> arguments) =>
        new General(Descriptor, Severity, _extras, Location, Arguments, Message, Properties, TaskId, Unit, [.. arguments], OrderArguments)
        {
            Suppression = Suppression,
        };

    /// <summary>
    /// A stable identity for baselines: depends on id, path, task, unit and message arguments, never on
    /// line numbers, so moving text around does not break a baseline.
    /// </summary>
    public string Fingerprint => FingerprintAt(Location.Path);

    /// <summary>The fingerprint the finding would have with its file at <paramref name="path"/> (a baseline written from another folder).</summary>
    internal string FingerprintAt(string path)
    {
        var text = new StringBuilder();
        text.Append(Id).Append('\u001f').Append(path.Replace('\\', '/')).Append('\u001f')
            .Append(TaskId).Append('\u001f').Append(Unit);
        foreach (var arg in FingerprintArguments) text.Append('\u001f').Append(arg);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Location}: {Severity.ToText()} {Id}: {GetMessage(CultureInfo.InvariantCulture)}";

    /// <summary>Any finding: every part given and kept.</summary>
    private sealed class General(
        DiagnosticDescriptor descriptor,
        DiagnosticSeverity severity,
        DiagnosticExtras? extras,
        Location location,
        ImmutableArray<string> arguments,
        LocalizableString? message,
        object properties,
        string? taskId,
        string? unit,
        ImmutableArray<string>? fingerprintArguments,
        ImmutableArray<string>? orderArguments = null) : Diagnostic(descriptor, severity, extras)
    {
        public override Location Location { get; } = location;
        public override ImmutableArray<string> Arguments { get; } = arguments;
        public override string? TaskId { get; } = taskId;
        public override string? Unit { get; } = unit;

        // Null when the message is the descriptor's format applied to the (culture-independent) arguments: made on
        // demand, so a finding does not hold it.
        private readonly LocalizableString? _message = message;

        public override LocalizableString Message =>
            _message ?? new FormattedString(Descriptor.MessageFormat ?? EmptyMessage, ImmutableCollectionsMarshal.AsArray(Arguments)!);

        // The properties as given (an array this finding owns), sorted into an immutable dictionary only when first
        // read; then the dictionary, which copies share. Racing readers build equal dictionaries; either may win.
        private object _properties = properties;

        public override ImmutableSortedDictionary<string, string> Properties
        {
            get
            {
                if (_properties is ImmutableSortedDictionary<string, string> sorted) return sorted;
                var built = Sorted((KeyValuePair<string, string>[])_properties);
                _properties = built;
                return built;
            }
        }

        private readonly ImmutableArray<string>? _fingerprintArguments = fingerprintArguments;

        private protected override ImmutableArray<string> FingerprintArguments => _fingerprintArguments ?? Arguments;

        private readonly ImmutableArray<string>? _orderArguments = orderArguments;

        private protected override ImmutableArray<string> OrderArguments => _orderArguments ?? Arguments;
    }

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

/// <summary>The rarer parts of a finding, kept apart (and shared by the findings of one rule).</summary>
internal sealed class DiagnosticExtras
{
    private DiagnosticExtras(ImmutableArray<Location> additionalLocations, string? justification)
    {
        AdditionalLocations = additionalLocations;
        Justification = justification;
    }

    public ImmutableArray<Location> AdditionalLocations { get; }
    public string? Justification { get; }

    public static DiagnosticExtras? Create(ImmutableArray<Location> additionalLocations, string? justification) =>
        additionalLocations.IsDefaultOrEmpty && justification is null ? null : new(additionalLocations.IsDefault ? [] : additionalLocations, justification);
}
