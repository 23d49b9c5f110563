using System.Collections.Immutable;
using PlanRules.Diagnostics;
using PlanRules.Text;

namespace PlanRules.Configuration;

/// <summary>One <c>key = value</c> entry of a configuration file, with where it was written.</summary>
public sealed record ConfigEntry(string Key, string Value, Location Location);

/// <summary>A <c>[glob]</c> section and its entries.</summary>
public sealed record ConfigSection(EditorConfigGlob Glob, ImmutableArray<ConfigEntry> Entries);

/// <summary>
/// One parsed <c>.planrules</c> file (editorconfig syntax): whether it is the root, its sections, and the
/// folder its globs are relative to. Unknown keys and bad values are findings (PR0004), never silence.
/// </summary>
public sealed record PlanRulesConfig(
    string Directory,
    bool IsRoot,
    ImmutableArray<ConfigSection> Sections,
    ImmutableArray<ConfigEntry> Preamble,
    ImmutableArray<Diagnostic> Diagnostics,
    SourceText Source)
{
    /// <summary>True for a file given with <c>--config</c>: its sections match every file (globs relative to the file's folder, or to any folder for bare names).</summary>
    public bool IsExplicit { get; init; }
}
