using System.Globalization;
using PlanRules.Diagnostics;
using PlanRules.Syntax;

namespace PlanRules.Tests.Support;

/// <summary>Shared helpers for asserting on parse and bind results.</summary>
internal static class PlanAssert
{
    public static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");
    public static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");

    /// <summary>Parses text that must have no findings.</summary>
    public static PlanFileSyntax ParseClean(string text)
    {
        var file = PlanParser.Parse(text, "test.plan");
        Assert.True(file.Diagnostics.IsEmpty, "unexpected findings:\n" + string.Join("\n", file.Diagnostics));
        return file;
    }

    /// <summary>The single finding with this id.</summary>
    public static Diagnostic Single(IEnumerable<Diagnostic> diagnostics, string id)
    {
        var list = diagnostics.ToList();
        var matching = list.Where(d => d.Id == id).ToList();
        Assert.True(matching.Count == 1, $"expected one {id}, got:\n" + string.Join("\n", list));
        return matching[0];
    }

    /// <summary>Asserts a finding's id, 1-based start line/column and message in both cultures.</summary>
    public static void Finding(Diagnostic d, string id, int line, int column, string zh, string en)
    {
        Assert.Equal(id, d.Id);
        Assert.Equal((line, column), (d.Location.Line, d.Location.Column));
        Assert.Equal(zh, d.GetMessage(Zh));
        Assert.Equal(en, d.GetMessage(En));
    }

    public static T Only<T>(IEnumerable<SyntaxNode> nodes) => Assert.Single(nodes.OfType<T>());
}
