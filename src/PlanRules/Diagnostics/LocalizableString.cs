using System.Collections.Immutable;
using System.Globalization;
using PlanRules.Resources;

namespace PlanRules.Diagnostics;

/// <summary>A text that can be rendered in several cultures (zh-CN is the fallback).</summary>
public abstract class LocalizableString
{
    /// <summary>Renders the text in the given culture, falling back to zh-CN.</summary>
    public abstract string ToString(CultureInfo? culture);

    /// <summary>Renders the text in zh-CN, the neutral culture.</summary>
    public override string ToString() => ToString(null);

    /// <summary>A text from the library's message catalogue, formatted with arguments.</summary>
    public static LocalizableString FromResource(string key, params object?[] args) => new ResourceString(key, args);

    /// <summary>A fixed text per culture; the entry for "" (or "zh-CN") is the fallback.</summary>
    public static LocalizableString FromTexts(IReadOnlyDictionary<string, string> byCulture) => new CultureTexts(byCulture);

    /// <summary>One text for every culture.</summary>
    public static LocalizableString FromText(string text) => new CultureTexts(new Dictionary<string, string> { [""] = text });

    /// <summary>Renders an argument: nested localizable strings in the same culture, numbers invariantly.</summary>
    internal static string RenderArgument(object? arg, CultureInfo? culture) => arg switch
    {
        null => "",
        string text => text,
        int number => Number(number),
        LocalizableString ls => ls.ToString(culture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => arg.ToString() ?? "",
    };

    private static readonly string[] SmallNumbers = [.. Enumerable.Range(0, 1024).Select(i => i.ToString(CultureInfo.InvariantCulture))];

    /// <summary>An integer as invariant text; small ones (days, counts) from a table, since findings repeat them.</summary>
    internal static string Number(int value) =>
        (uint)value < (uint)SmallNumbers.Length ? SmallNumbers[value] : value.ToString(CultureInfo.InvariantCulture);

    private sealed class ResourceString(string key, object?[] args) : LocalizableString
    {
        public override string ToString(CultureInfo? culture)
        {
            var format = Messages.Get(key, culture);
            if (args.Length == 0) return format;
            var rendered = new object[args.Length];
            for (var i = 0; i < args.Length; i++) rendered[i] = RenderArgument(args[i], culture);
            return string.Format(CultureInfo.InvariantCulture, format, rendered);
        }
    }

    private sealed class CultureTexts(IReadOnlyDictionary<string, string> texts) : LocalizableString
    {
        private readonly ImmutableDictionary<string, string> _texts =
            texts.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase);

        public override string ToString(CultureInfo? culture)
        {
            for (var c = culture; c is not null && c.Name.Length > 0; c = c.Parent)
            {
                if (_texts.TryGetValue(c.Name, out var text)) return text;
            }
            if (_texts.TryGetValue("zh-CN", out var zh)) return zh;
            if (_texts.TryGetValue("zh", out var zh2)) return zh2;
            if (_texts.TryGetValue("", out var neutral)) return neutral;
            return _texts.Values.FirstOrDefault() ?? "";
        }
    }
}
