using System.Text.RegularExpressions;
using PlanRules.Diagnostics;
using PlanRules.Resources;

namespace PlanRules.Rules.Runtime;

/// <summary>
/// Why a <c>matches</c> pattern does not build, in the finding's language. .NET says it in English only, so the
/// common syntax errors (<see cref="RegexParseError"/>) and the constructs the non-backtracking engine refuses
/// have texts of their own; a rarer one keeps .NET's detail, inside a sentence in the finding's language.
/// </summary>
internal static class PatternProblems
{
    /// <summary>The problem with <paramref name="pattern"/> that <paramref name="error"/> reports.</summary>
    public static LocalizableString Describe(string pattern, Exception error) => error switch
    {
        RegexParseException parse => LocalizableString.FromResource("Regex_AtOffset", SyntaxError(pattern, parse), parse.Offset),
        NotSupportedException unsupported => LocalizableString.FromResource("Regex_NotSupported", Construct(unsupported.Message)),
        _ => LocalizableString.FromResource("Regex_Other", error.Message),
    };

    private static LocalizableString SyntaxError(string pattern, RegexParseException parse)
    {
        var key = "Regex_" + parse.Error;
        if (Messages.Has(key)) return LocalizableString.FromResource(key);
        // .NET: "Invalid pattern 'p' at offset n. What is wrong." The offset is said by Regex_AtOffset.
        var prefix = $"Invalid pattern '{pattern}' at offset {parse.Offset}. ";
        var detail = parse.Message.StartsWith(prefix, StringComparison.Ordinal) ? parse.Message[prefix.Length..].TrimEnd('.') : parse.Message;
        return LocalizableString.FromResource("Regex_Other", detail);
    }

    private static readonly (string Word, string Key)[] Constructs =
    [
        ("backreference", "Regex_Backreference"),
        ("lookahead", "Regex_Lookaround"),
        ("lookbehind", "Regex_Lookaround"),
        ("atomic", "Regex_AtomicGroup"),
        ("conditional", "Regex_Conditional"),
        ("balancing group", "Regex_BalancingGroup"),
        ("contiguous matches", "Regex_Contiguous"),
    ];

    /// <summary>
    /// The construct named in .NET's "RegexOptions.NonBacktracking is not supported in conjunction with expressions
    /// containing: 'backreference (\ number)'."; a construct without a text of its own is quoted as .NET names it.
    /// </summary>
    private static LocalizableString Construct(string message)
    {
        foreach (var (word, key) in Constructs)
        {
            if (message.Contains(word, StringComparison.OrdinalIgnoreCase)) return LocalizableString.FromResource(key);
        }
        var start = message.IndexOf(": '", StringComparison.Ordinal);
        var named = start >= 0 && message.EndsWith("'.", StringComparison.Ordinal) ? message[(start + 3)..^2] : message;
        return LocalizableString.FromResource("Regex_Construct", named);
    }
}
