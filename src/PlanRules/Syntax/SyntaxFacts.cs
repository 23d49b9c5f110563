using System.Text;

namespace PlanRules.Syntax;

/// <summary>How names and strings are written, shared by every printer.</summary>
public static class SyntaxFacts
{
    /// <summary>A name as it must be written: bare when it is an identifier, else a quoted string.</summary>
    public static string FormatName(string name) => IsIdentifier(name) ? name : Quote(name);

    /// <summary>True when <paramref name="name"/> is a whole identifier.</summary>
    public static bool IsIdentifier(string name) => name.Length > 0 && Lexer.ScanIdentifier(name, 0) == name.Length;

    /// <summary>A string literal with the four escapes of the language.</summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\t': builder.Append("\\t"); break;
                case '\r': builder.Append("\\n"); break;
                default: builder.Append(c); break;
            }
        }
        return builder.Append('"').ToString();
    }
}
