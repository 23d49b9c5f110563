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

    public static string Get(string key, CultureInfo? culture = null)
    {
        try
        {
            return Manager.GetString(key, culture ?? CultureInfo.InvariantCulture) ?? key;
        }
        catch (MissingManifestResourceException)
        {
            return key;
        }
    }

    public static bool Has(string key) => Manager.GetString(key, CultureInfo.InvariantCulture) is not null;
}
