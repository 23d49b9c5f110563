using System.Text;
using System.Text.RegularExpressions;

namespace PlanRules.Configuration;

/// <summary>
/// EditorConfig section globs: <c>*</c> (any characters but '/'), <c>**</c> (any characters),
/// <c>?</c>, <c>[abc]</c>, <c>[!abc]</c>, <c>{a,b}</c>, <c>{1..3}</c>. A glob without '/' matches a file
/// name in any folder below the config file; with '/', a path relative to the config file's folder.
/// Compiled to a non-backtracking regular expression, so no glob can hang the host.
/// </summary>
public sealed class EditorConfigGlob
{
    private readonly Regex _regex;

    private EditorConfigGlob(string pattern, Regex regex)
    {
        Pattern = pattern;
        _regex = regex;
    }

    /// <summary>The glob as written.</summary>
    public string Pattern { get; }

    /// <summary>Compiles a glob; null when it is malformed (unbalanced braces or brackets).</summary>
    public static EditorConfigGlob? TryCreate(string pattern)
    {
        var glob = pattern.Trim();
        if (glob.Length == 0) return null;
        if (glob.StartsWith('/')) glob = glob[1..];
        else if (!glob.Contains('/')) glob = "**/" + glob;
        var builder = new StringBuilder("^");
        if (!Translate(glob, builder)) return null;
        builder.Append('$');
        try
        {
            return new EditorConfigGlob(pattern, new Regex(builder.ToString(), RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>True when the path (relative to the config's folder, '/' separators) matches.</summary>
    public bool IsMatch(string relativePath) => _regex.IsMatch(relativePath.Replace('\\', '/'));

    private static bool Translate(string glob, StringBuilder builder)
    {
        var braceDepth = 0;
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            switch (c)
            {
                case '\\' when i + 1 < glob.Length:
                    builder.Append(Regex.Escape(glob[++i].ToString()));
                    break;
                case '*':
                    if (i + 1 < glob.Length && glob[i + 1] == '*')
                    {
                        i++;
                        // "**/" also matches no folder at all.
                        if (i + 1 < glob.Length && glob[i + 1] == '/')
                        {
                            i++;
                            builder.Append("(?:.*/)?");
                        }
                        else
                        {
                            builder.Append(".*");
                        }
                    }
                    else
                    {
                        builder.Append("[^/]*");
                    }
                    break;
                case '?':
                    builder.Append("[^/]");
                    break;
                case '[':
                    var close = glob.IndexOf(']', i + 1);
                    if (close < 0) return false;
                    var set = glob[(i + 1)..close];
                    var negate = set.StartsWith('!');
                    if (negate) set = set[1..];
                    builder.Append(negate ? "[^/" : "[").Append(set.Replace("\\", "\\\\").Replace("[", "\\[")).Append(']');
                    i = close;
                    break;
                case '{':
                    var end = glob.IndexOf('}', i + 1);
                    if (end < 0) return false;
                    var inner = glob[(i + 1)..end];
                    var range = Regex.Match(inner, @"^(-?\d+)\.\.(-?\d+)$", RegexOptions.None, TimeSpan.FromSeconds(1));
                    if (range.Success)
                    {
                        var from = int.Parse(range.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                        var to = int.Parse(range.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
                        if (Math.Abs(to - from) > 10_000) return false;
                        var numbers = Enumerable.Range(Math.Min(from, to), Math.Abs(to - from) + 1);
                        builder.Append("(?:").Append(string.Join('|', numbers)).Append(')');
                        i = end;
                        break;
                    }
                    if (!inner.Contains(','))
                    {
                        builder.Append(Regex.Escape("{" + inner + "}"));
                        i = end;
                        break;
                    }
                    builder.Append("(?:");
                    braceDepth++;
                    break;
                case ',' when braceDepth > 0:
                    builder.Append('|');
                    break;
                case '}' when braceDepth > 0:
                    builder.Append(')');
                    braceDepth--;
                    break;
                default:
                    builder.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
        return braceDepth == 0;
    }

    /// <inheritdoc/>
    public override string ToString() => Pattern;
}
