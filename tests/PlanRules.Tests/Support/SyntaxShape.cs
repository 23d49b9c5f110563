using System.Globalization;
using System.Text;
using PlanRules.Syntax;

namespace PlanRules.Tests.Support;

/// <summary>
/// A span-free structural rendering of a syntax tree: two trees have the same shape when they say the same
/// thing, whatever their positions, quoting of names or spelling of dates (ISO or 年月日).
/// </summary>
internal static class SyntaxShape
{
    public static string Of(SyntaxNode node)
    {
        var builder = new StringBuilder();
        Write(builder, node, 0);
        return builder.ToString();
    }

    private static void Write(StringBuilder b, SyntaxNode node, int indent)
    {
        b.Append(' ', indent * 2).Append(Head(node)).Append('\n');
        foreach (var child in node.Children) Write(b, child, indent + 1);
    }

    private static string Q(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\t", "\\t") + "\"";

    private static string Head(SyntaxNode node) => node switch
    {
        PlanFileSyntax => "file",
        PlanHeaderSyntax => "plan",
        PlanRefSyntax => "ref",
        PlanIssuedSyntax => "issued",
        PlanPeriodSyntax => "period",
        PlanIssuerSyntax => "issuer",
        PlanTimeZoneSyntax => "timezone",
        UnitDeclarationSyntax u => "unit" + (u.Title is null ? "" : " titled") + $" items={u.Items.Length}",
        UnitAliasSyntax => "alias",
        UnitParentSyntax => "parent",
        GroupDeclarationSyntax g => "group" + (g.Title is null ? "" : " titled") + (g.IsClosed ? $" closed={g.Members!.Value.Length}" : " open"),
        SectionSyntax => "section",
        TaskSyntax => "task",
        OwnersItemSyntax o => o.Role.ToString().ToLowerInvariant(),
        DateItemSyntax d => d.Kind.ToString().ToLowerInvariant(),
        AfterItemSyntax => "after",
        EveryItemSyntax e => "every " + e.Period + (e.AtLeast is null ? "" : " at-least"),
        TagItemSyntax => "tag",
        TextItemSyntax t => t.Kind.ToString().ToLowerInvariant(),
        SuppressItemSyntax => "suppress",
        NameSyntax n => "name " + Q(n.Value),
        IdSyntax i => "id " + i.Value,
        StringSyntax s => "string " + Q(s.Value),
        DateSyntax d => "date " + (d.Value is { } v ? v.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture) : "invalid " + d.Text),
        IntegerSyntax n => "int " + (n.Value?.ToString(CultureInfo.InvariantCulture) ?? "overflow " + n.Text),
        CommentSyntax c => "comment " + Q(c.Text),
        _ => node.GetType().Name,
    };
}
