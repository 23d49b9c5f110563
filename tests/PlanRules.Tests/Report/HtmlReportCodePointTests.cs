using System.Text.RegularExpressions;
using PlanRules.Output.Html;

namespace PlanRules.Tests.Report;

/// <summary>Plan text with code points HTML forbids (controls, noncharacters) cannot make the page invalid.</summary>
public sealed partial class HtmlReportCodePointTests
{
    [Fact]
    public void Control_characters_and_noncharacters_in_plan_text_are_replaced_in_the_page()
    {
        // A raw U+0001 in a unit name, U+000B and U+FFFE in the title, U+0085 in a task title: the page used to carry them as they were.
        var plan = ReportKit.Plan
            .Replace("plan \"测试计划\"", "plan \"测试\v计划\uFFFE\"", StringComparison.Ordinal)
            .Replace("unit A \"单位甲\"", "unit A \"单位\u0001甲\"", StringComparison.Ordinal)
            .Replace("task 2 \"实施\"", "task 2 \"实\u0085施\"", StringComparison.Ordinal);

        var html = ReportKit.Html(plan: plan);

        Assert.Empty(Forbidden().Matches(html));
        Assert.Contains("<h1>测试\\u000b计划\uFFFD</h1>", html);
        Assert.Contains("单位\\u0001甲", html);
        Assert.Contains("实\\u0085施", html);
    }

    [Theory]
    [InlineData("a\tb\nc\rd\fe", "a\tb\nc\rd\fe")]
    [InlineData("x\u007Fy", "x\\u007fy")]
    [InlineData("\uFDD0", "\uFFFD")]
    [InlineData("a\uD83F\uDFFFb", "a\uFFFDb")]
    [InlineData("a\uD83D\uDE00<", "a\uD83D\uDE00&lt;")]
    public void Escape_keeps_what_HTML_allows_and_replaces_the_rest(string text, string escaped)
    {
        Assert.Equal(escaped, Html.Escape(text));
    }

    [Fact]
    public void Escape_replaces_a_lone_surrogate()
    {
        // Not as theory data: xunit's test-case serialization would already have replaced the surrogate.
        Assert.Equal("&lt;\uFFFD&gt;", Html.Escape("<" + '\uD800' + ">"));
        Assert.Equal("\uFFFDx", Html.Escape('\uDC00' + "x"));
        Assert.Equal("a\uFFFD", Html.Escape("a" + '\uD83D'));
    }

    // Controls other than tab, LF, FF, CR; C1 controls; noncharacters of the BMP; a surrogate (lone or pair) is checked above.
    [GeneratedRegex("[\u0001-\u0008\u000B\u000E-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]")]
    private static partial Regex Forbidden();
}
