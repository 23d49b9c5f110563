using PlanRules.Configuration;

namespace PlanRules.Workspace;

/// <summary>Finds <c>.planrules</c> files the editorconfig way: from each input file's folder upward, stopping at <c>root = true</c>.</summary>
public static class ConfigDiscovery
{
    /// <summary>The configuration for files at <paramref name="fullPaths"/>, plus an explicit file if given.</summary>
    public static ConfigSet Load(IEnumerable<string> fullPaths, string baseDirectory, string? explicitConfig = null)
    {
        var configs = new Dictionary<string, PlanRulesConfig>(StringComparer.Ordinal);
        foreach (var path in fullPaths)
        {
            for (var directory = Path.GetDirectoryName(path); !string.IsNullOrEmpty(directory); directory = Path.GetDirectoryName(directory))
            {
                var file = Path.Combine(directory, ".planrules");
                if (!configs.TryGetValue(file, out var config))
                {
                    if (!File.Exists(file)) continue;
                    var source = InputFiles.Read(file, InputFiles.DisplayPath(file, baseDirectory));
                    configs[file] = config = ConfigParser.Parse(source, directory);
                }
                if (config.IsRoot) break;
            }
        }
        var all = configs.Values.ToList();
        if (explicitConfig is not null)
        {
            var full = Path.GetFullPath(explicitConfig, baseDirectory);
            if (!File.Exists(full)) throw new InputFileException($"找不到配置文件 / configuration file not found: {explicitConfig}");
            var source = InputFiles.Read(full, InputFiles.DisplayPath(full, baseDirectory));
            all.Add(ConfigParser.Parse(source, Path.GetDirectoryName(full) ?? baseDirectory) with { IsExplicit = true });
        }
        return new ConfigSet(all);
    }
}
