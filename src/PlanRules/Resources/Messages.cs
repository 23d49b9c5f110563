using System.Globalization;
using System.Resources;

namespace PlanRules.Resources;

/// <summary>
/// The one catalogue of user-facing texts (resx: neutral = zh-CN, satellite = en).
/// A key that is missing in a culture falls back to zh-CN; a key missing everywhere is returned as is,
/// so a typo shows up in output instead of crashing the host.
/// </summary>
internal static class Messages
{
    private static readonly ResourceManager Manager =
        new("PlanRules.Resources.Messages", typeof(Messages).Assembly);

    // ResourceManager walks the culture chain under a lock on every call; findings are rendered by the
    // thousand, so each (key, culture) is looked up once. Bounded by keys x cultures.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Key, string Culture), string> Cache = new();

    public static string Get(string key, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.InvariantCulture;
        if (Cache.TryGetValue((key, culture.Name), out var cached)) return cached;
        string text;
        try
        {
            text = Manager.GetString(key, culture) ?? key;
        }
        catch (MissingManifestResourceException)
        {
            return key;
        }
        if (Cache.Count < 100_000) Cache.TryAdd((key, culture.Name), text);
        return text;
    }

    /// <summary>
    /// A text for developers (exception messages of the public API): the zh-CN text, then the English one, as
    /// <c>中文 / English</c>, so it reads the same whatever culture the host runs in.
    /// </summary>
    public static string Bilingual(string key, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, Get(key, CultureInfo.GetCultureInfo("zh-CN")), args) + " / " +
        string.Format(CultureInfo.InvariantCulture, Get(key, CultureInfo.GetCultureInfo("en")), args);

    public static bool Has(string key) => Manager.GetString(key, CultureInfo.InvariantCulture) is not null;
}
