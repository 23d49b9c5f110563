using PlanRules.Syntax;

namespace PlanRules.Import;

/// <summary>A unit or group the draft declares.</summary>
internal sealed class UnitEntry(string name, bool isGroup, int order)
{
    public string Name { get; } = name;
    public bool IsGroup { get; } = isGroup;
    public int Order { get; } = order;
    public string? Title { get; set; }
    public List<string> Aliases { get; } = [];
    public bool IsPlaceholder { get; init; }
    public bool IsOpenGroupReported { get; set; }
}

/// <summary>
/// Declares every owner once. Names are normalised (half-width brackets, no spaces); groups get plan names
/// (<c>各镇(街)</c> → <c>镇街</c>, <c>各有关单位</c> → <c>有关单位</c>) and are open, since a notice does not list
/// their members; spelling variants of one unit (<c>区府办</c>, <c>番禺区人民政府办公室</c> for <c>区政府办</c>) are
/// merged with an alias, and a unit with two names (<c>区委编办(区绩效办)</c>) gets both as aliases. Each merge
/// or guess is a PR4002 finding.
/// </summary>
internal sealed class UnitRegistry(IReadOnlyList<string> places, ImportDiagnostics diagnostics)
{
    /// <summary>The name of the stand-in lead for tasks whose owners the importer could not find.</summary>
    public const string PlaceholderName = "待定";

    private readonly Dictionary<string, UnitEntry> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UnitEntry> _byKey = new(StringComparer.Ordinal);
    private readonly List<UnitEntry> _entries = [];

    public IReadOnlyList<UnitEntry> Entries => _entries;

    /// <summary>The declared name a mention resolves to (declaring it, or merging it with a variant, as needed).</summary>
    public string Resolve(UnitMention mention, string? taskId)
    {
        var name = UnitNames.Clean(mention.Name);
        if (name.Length == 0) name = mention.Name.Length > 0 ? mention.Name : "?";
        if (UnitNames.IsGroup(name)) return ResolveGroup(name, mention, taskId);
        if (_byName.TryGetValue(name, out var known)) return known.Name;
        var key = UnitNames.VariantKey(name, places);
        if (_byKey.TryGetValue(key, out var variant))
        {
            AddAlias(variant, name);
            diagnostics.Merged(mention.Span, name, variant.Name, taskId);
            return variant.Name;
        }
        var entry = Add(name, isGroup: false);
        _byKey[key] = entry;
        if (UnitNames.DualName(name) is var (first, second))
        {
            AddAlias(entry, first);
            AddAlias(entry, second);
            _byKey.TryAdd(UnitNames.VariantKey(first, places), entry);
            _byKey.TryAdd(UnitNames.VariantKey(second, places), entry);
            diagnostics.Guessed("PR4002_DualName", mention.Span, taskId, name, name, first, second);
        }
        return entry.Name;
    }

    private string ResolveGroup(string written, UnitMention mention, string? taskId)
    {
        var name = UnitNames.GroupName(written);
        var title = UnitNames.GroupTitle(written);
        if (_byName.TryGetValue(name, out var known))
        {
            if (known.IsGroup && known.Title is null && title is not null) known.Title = title;
            else if (known.IsGroup && title is not null && known.Title != title && title != "各" + name)
            {
                diagnostics.Merged(mention.Span, written, known.Name, taskId);
            }
            return known.Name;
        }
        var entry = Add(name, isGroup: true);
        entry.Title = title;
        _byKey.TryAdd("group:" + name, entry);
        if (name is not ("有关单位" or "有关部门"))
        {
            entry.IsOpenGroupReported = true;
            diagnostics.Guessed("PR4002_OpenGroup", mention.Span, taskId, name, written, name);
        }
        return entry.Name;
    }

    /// <summary>The unit the issuing office is, matched against the owners by variant key; declared when new.</summary>
    public string ResolveIssuer(string fullName, Passage at)
    {
        var name = UnitNames.Clean(fullName);
        if (_byName.TryGetValue(name, out var known)) return known.Name;
        if (_byKey.TryGetValue(UnitNames.VariantKey(name, places), out var variant))
        {
            if (variant.Title is null) variant.Title = name;
            diagnostics.Guessed("PR4002_Issuer", at, null, variant.Name, name, variant.Name);
            return variant.Name;
        }
        var entry = Add(name, isGroup: false);
        _byKey[UnitNames.VariantKey(name, places)] = entry;
        return entry.Name;
    }

    /// <summary>The stand-in lead for tasks without owners (declared on first use).</summary>
    public string Placeholder()
    {
        var existing = _entries.FirstOrDefault(e => e.IsPlaceholder);
        if (existing is not null) return existing.Name;
        var name = PlaceholderName;
        for (var i = 2; _byName.ContainsKey(name); i++) name = PlaceholderName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var entry = new UnitEntry(name, isGroup: false, _entries.Count) { IsPlaceholder = true, Title = "责任单位待定（导入时未识别）" };
        _entries.Add(entry);
        _byName[name] = entry;
        return name;
    }

    private UnitEntry Add(string name, bool isGroup)
    {
        var entry = new UnitEntry(name, isGroup, _entries.Count);
        _entries.Add(entry);
        _byName[name] = entry;
        return entry;
    }

    private void AddAlias(UnitEntry entry, string alias)
    {
        if (alias == entry.Name || _byName.ContainsKey(alias)) return;
        entry.Aliases.Add(alias);
        _byName[alias] = entry;
    }

    /// <summary>True when the name is the stand-in lead (<see cref="Placeholder"/>).</summary>
    public bool IsPlaceholder(string name) => _byName.TryGetValue(name, out var entry) && entry.IsPlaceholder;

    /// <summary>True when the name is declared (as a unit, group or alias).</summary>
    public bool IsDeclared(string name) => _byName.ContainsKey(name);

    /// <summary>Roles merged for one task: a unit keeps its strongest role (lead, then with, then support).</summary>
    public static OwnerRole Strongest(OwnerRole a, OwnerRole b) => (OwnerRole)Math.Min((int)a, (int)b);
}
