using System.Collections.Immutable;
using System.Globalization;
using PlanRules.Analysis.Compliance;
using PlanRules.Diagnostics;

namespace PlanRules.Configuration;

/// <summary>What configuration says for one file: severities by id and by category, and options.</summary>
public sealed record EffectiveConfig(
    ImmutableDictionary<string, (bool Remove, DiagnosticSeverity Severity)> ById,
    ImmutableDictionary<string, (bool Remove, DiagnosticSeverity Severity)> ByCategory,
    ImmutableDictionary<string, string> Options)
{
    /// <summary>No configuration.</summary>
    public static EffectiveConfig Empty { get; } = new(
        ImmutableDictionary.Create<string, (bool, DiagnosticSeverity)>(StringComparer.OrdinalIgnoreCase),
        ImmutableDictionary.Create<string, (bool, DiagnosticSeverity)>(StringComparer.OrdinalIgnoreCase),
        ImmutableDictionary.Create<string, string>(StringComparer.OrdinalIgnoreCase));

    /// <summary>
    /// The finding with its configured severity (id beats category beats default), or null when configured <c>none</c>
    /// or, without a configured severity, when its descriptor is not enabled by default
    /// (<see cref="DiagnosticDescriptor.IsEnabledByDefault"/>: configuring a severity turns it on).
    /// </summary>
    public Diagnostic? Apply(Diagnostic diagnostic)
    {
        if (ById.TryGetValue(diagnostic.Id, out var byId) || ByCategory.TryGetValue(diagnostic.Descriptor.Category, out byId))
        {
            return byId.Remove ? null : diagnostic.WithSeverity(byId.Severity);
        }
        return diagnostic.Descriptor.IsEnabledByDefault ? diagnostic : null;
    }

    /// <summary>The compliance thresholds this configuration sets.</summary>
    public ComplianceOptions Compliance(ComplianceOptions defaults)
    {
        var result = defaults;
        if (Options.TryGetValue("planrules.due_soon_days", out var soon)) result = result with { DueSoonDays = int.Parse(soon, CultureInfo.InvariantCulture) };
        if (Options.TryGetValue("planrules.at_risk_days", out var risk)) result = result with { AtRiskDays = int.Parse(risk, CultureInfo.InvariantCulture) };
        return result;
    }
}

/// <summary>
/// All configuration files of a run. For a file, files from its folder upward apply (stopping at
/// <c>root = true</c>), farthest first so the nearest wins; within a file later sections win; an explicit
/// <c>--config</c> file applies last.
/// </summary>
public sealed class ConfigSet
{
    private readonly ImmutableArray<PlanRulesConfig> _configs;

    /// <summary>Creates a set from parsed files.</summary>
    public ConfigSet(IEnumerable<PlanRulesConfig> configs) => _configs = [.. configs];

    /// <summary>No configuration.</summary>
    public static ConfigSet Empty { get; } = new([]);

    /// <summary>Findings about the configuration files themselves (PR0004, PR0001).</summary>
    public IEnumerable<Diagnostic> Diagnostics => _configs.SelectMany(c => c.Diagnostics);

    /// <summary>The configuration in force for a file, given its full path.</summary>
    public EffectiveConfig Resolve(string fullPath)
    {
        var directory = Normalize(Path.GetDirectoryName(fullPath) ?? "");
        var chain = new List<PlanRulesConfig>();
        foreach (var config in _configs.Where(c => !c.IsExplicit).OrderByDescending(c => Normalize(c.Directory).Length))
        {
            var configDirectory = Normalize(config.Directory);
            if (!IsSameOrBelow(directory, configDirectory)) continue;
            chain.Add(config);
            if (config.IsRoot) break;
        }
        chain.Reverse();
        chain.AddRange(_configs.Where(c => c.IsExplicit));

        var byId = EffectiveConfig.Empty.ById.ToBuilder();
        var byCategory = EffectiveConfig.Empty.ByCategory.ToBuilder();
        var options = EffectiveConfig.Empty.Options.ToBuilder();
        foreach (var config in chain)
        {
            foreach (var entry in config.Preamble) Set(entry);
            foreach (var section in config.Sections)
            {
                var relative = Path.GetRelativePath(config.Directory, fullPath).Replace('\\', '/');
                if (!section.Glob.IsMatch(relative)) continue;
                foreach (var entry in section.Entries) Set(entry);
            }
        }
        return new EffectiveConfig(byId.ToImmutable(), byCategory.ToImmutable(), options.ToImmutable());

        void Set(ConfigEntry entry)
        {
            const string prefix = "planrules_diagnostic.";
            if (entry.Key.StartsWith(prefix, StringComparison.Ordinal))
            {
                var target = entry.Key[prefix.Length..^".severity".Length];
                if (ConfigParser.SeverityValue(entry.Value) is not { } value) return;
                if (target.StartsWith("category-", StringComparison.Ordinal)) byCategory[target["category-".Length..]] = value;
                else byId[target] = value;
            }
            else
            {
                options[entry.Key] = entry.Value;
            }
        }
    }

    private static string Normalize(string path) => path.Replace('\\', '/').TrimEnd('/');

    private static bool IsSameOrBelow(string directory, string ancestor) =>
        ancestor.Length == 0 || directory == ancestor || directory.StartsWith(ancestor + "/", StringComparison.Ordinal);
}
