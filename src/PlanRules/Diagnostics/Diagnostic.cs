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
        LocalizableString message,
        PropertySet properties,
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
        Message = message;
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
    public LocalizableString Message { get; }
    /// <summary>Extra facts (e.g. <c>daysOverdue</c>), sorted by key.</summary>
    public ImmutableSortedDictionary<string, string> Properties => _properties.Value;

    private readonly PropertySet _properties;

    /// <summary>
    /// Properties as given, sorted into an immutable dictionary only when first read: building that tree is the
    /// largest cost of creating a finding, and most findings are only counted, ordered and printed as messages.
    /// Shared by the copies a finding's <c>With…</c> methods make.
    /// </summary>
    private sealed class PropertySet
    {
        public static readonly PropertySet Empty = new(ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal));
        private KeyValuePair<string, string>[]? _items;
        private ImmutableSortedDictionary<string, string>? _value;

        public PropertySet(ImmutableSortedDictionary<string, string> value) => _value = value;

        public PropertySet(KeyValuePair<string, string>[] items) => _items = items;

        public static PropertySet From(IEnumerable<KeyValuePair<string, string>>? properties) => properties switch
        {
            null => Empty,
            ImmutableSortedDictionary<string, string> sorted when sorted.KeyComparer == StringComparer.Ordinal => new(sorted),
            KeyValuePair<string, string>[] { Length: 0 } => Empty,
            KeyValuePair<string, string>[] array => new((KeyValuePair<string, string>[])array.Clone()),
            ICollection<KeyValuePair<string, string>> { Count: 0 } => Empty,
            ICollection<KeyValuePair<string, string>> collection => new(CopyOf(collection)),
            _ => new([.. properties]),
        };

        private static KeyValuePair<string, string>[] CopyOf(ICollection<KeyValuePair<string, string>> collection)
        {
            var items = new KeyValuePair<string, string>[collection.Count];
            collection.CopyTo(items, 0);
            return items;
        }

        // Racing readers build equal dictionaries; either may win.
        public ImmutableSortedDictionary<string, string> Value => _value ??= Build();

        private ImmutableSortedDictionary<string, string> Build()
        {
            var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in _items!) builder[key] = value;
            return builder.ToImmutable();
        }
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
        return Create(descriptor, location, message, rendered, taskId, unit, properties);
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
            properties.Length == 0 ? PropertySet.Empty : new PropertySet(properties), taskId, unit, SuppressionKind.None, null, fingerprintArguments);
    }

    /// <summary>
    /// The arguments as invariant text, and the message. When no argument depends on the culture (numbers and
    /// plain text render the same in every culture), the message formats from the rendered array itself, so a
    /// finding holds its arguments once, not also as boxed values.
    /// </summary>
    private static (ImmutableArray<string> Rendered, LocalizableString Message) Render(DiagnosticDescriptor descriptor, object?[] args)
    {
        var rendered = new string[args.Length];
        var invariant = true;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is LocalizableString) invariant = false;
            rendered[i] = LocalizableString.RenderArgument(args[i], null);
        }
        LocalizableString message = descriptor.MessageFormat is { } format
            ? new FormattedString(format, invariant ? rendered : args)
            : EmptyMessage;
        return (ImmutableCollectionsMarshal.AsImmutableArray(rendered), message);
    }

    private static readonly LocalizableString EmptyMessage = LocalizableString.FromText("");

    private static PropertySet SortedProperties(IEnumerable<KeyValuePair<string, string>>? properties) => PropertySet.From(properties);

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
            SortedProperties(properties),
            taskId,
            unit,
            SuppressionKind.None,
            null);

    /// <summary>The message in a culture (zh-CN fallback).</summary>
    public string GetMessage(CultureInfo? culture = null) => Message.ToString(culture);

    /// <summary>A copy with another severity.</summary>
    public Diagnostic WithSeverity(DiagnosticSeverity severity) =>
        new(Descriptor, severity, Location, AdditionalLocations, Arguments, Message, _properties, TaskId, Unit, Suppression, Justification, _fingerprintArguments);

    /// <summary>A copy marked as suppressed.</summary>
    public Diagnostic WithSuppression(SuppressionKind kind, string? justification) =>
        new(Descriptor, Severity, Location, AdditionalLocations, Arguments, Message, _properties, TaskId, Unit, kind, justification, _fingerprintArguments);

    /// <summary>A copy with more related locations.</summary>
    public Diagnostic WithAdditionalLocations(IEnumerable<Location> locations) =>
        new(Descriptor, Severity, Location, AdditionalLocations.AddRange(locations), Arguments, Message, _properties, TaskId, Unit, Suppression, Justification, _fingerprintArguments);

    /// <summary>A copy with more properties.</summary>
    public Diagnostic WithProperties(IEnumerable<KeyValuePair<string, string>> properties) =>
        new(Descriptor, Severity, Location, AdditionalLocations, Arguments, Message, new PropertySet(Properties.SetItems(properties)), TaskId, Unit, Suppression, Justification, _fingerprintArguments);

    /// <summary>
    /// A copy whose fingerprint uses these arguments instead of the message arguments: for findings whose
    /// message carries a count that changes every day (days overdue), so a baseline keeps matching.
    /// </summary>
    public Diagnostic WithFingerprintArguments(IEnumerable<string> arguments) =>
        new(Descriptor, Severity, Location, AdditionalLocations, Arguments, Message, _properties, TaskId, Unit, Suppression, Justification, [.. arguments]);

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
