using System.Collections.Immutable;
using PlanRules.Text;

namespace PlanRules.Rules;

/// <summary>The standard rule sets of the repository's <c>rules/</c> folder, embedded in the library and on by default.</summary>
public static class StandardRules
{
    private const string Prefix = "PlanRules.StandardRules.";
    private static readonly Lazy<ImmutableArray<SourceText>> LazySources = new(Load);
    private static readonly Lazy<RuleSet> LazyCompiled = new(() => RuleSet.Compile(Sources));

    /// <summary>The standard rule files, with paths <c>rules/NAME.rules</c>.</summary>
    public static ImmutableArray<SourceText> Sources => LazySources.Value;

    /// <summary>The standard rules compiled once (built-in functions only).</summary>
    public static RuleSet Compiled => LazyCompiled.Value;

    /// <summary>
    /// True when <paramref name="source"/> is one of <see cref="Sources"/> (the same object: a copy of a standard file
    /// on disk is a user file). Rule sets compiled from these own their ids when checks combine rule sets.
    /// </summary>
    internal static bool IsStandardSource(SourceText source)
    {
        if (!source.Path.StartsWith("rules/", StringComparison.Ordinal)) return false;
        foreach (var standard in Sources)
        {
            if (ReferenceEquals(standard, source)) return true;
        }
        return false;
    }

    private static ImmutableArray<SourceText> Load()
    {
        var assembly = typeof(StandardRules).Assembly;
        var builder = ImmutableArray.CreateBuilder<SourceText>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            builder.Add(SourceText.FromUtf8(memory.ToArray(), "rules/" + name[Prefix.Length..]));
        }
        return builder.ToImmutable();
    }
}
