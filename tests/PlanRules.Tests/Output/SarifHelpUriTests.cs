using System.Text.Json;
using PlanRules.Diagnostics;
using PlanRules.Output;
using PlanRules.Tests.Support;
using static PlanRules.Tests.Output.OutputKit;

namespace PlanRules.Tests.Output;

/// <summary>
/// SARIF <c>helpUri</c>: a rule's own help URL, or <c>--help-uri-base</c> for the rules that have none (the built-in
/// PR and GOV ids), so GitHub code scanning links every rule to its documentation.
/// </summary>
public class SarifHelpUriTests
{
    private static Dictionary<string, string?> HelpUris(string sarif)
    {
        using var document = JsonDocument.Parse(sarif);
        return document.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules")
            .EnumerateArray()
            .ToDictionary(r => r.GetProperty("id").GetString()!, r => r.TryGetProperty("helpUri", out var uri) ? uri.GetString() : null);
    }

    private static DiagnosticDescriptor Descriptor(string id, string? help) =>
        new(id, LocalizableString.FromTexts(new Dictionary<string, string> { ["zh-CN"] = "标题", ["en"] = "title" }),
            LocalizableString.FromTexts(new Dictionary<string, string> { ["zh-CN"] = "消息", ["en"] = "message" }),
            "test", DiagnosticSeverity.Warning, helpLinkUri: help);

    [Fact]
    public void Without_a_base_built_in_rules_have_no_helpUri()
    {
        var uris = HelpUris(CheckExample("sarif").Out);

        Assert.NotEmpty(uris);
        Assert.All(uris.Values, Assert.Null);
    }

    [Theory]
    [InlineData("https://intranet.example.gov.cn/planrules/rules/{id}.html", "https://intranet.example.gov.cn/planrules/rules/{0}.html")]
    [InlineData("https://intranet.example.gov.cn/planrules/rules/", "https://intranet.example.gov.cn/planrules/rules/{0}")]
    [InlineData("file:///srv/docs/findings.html#{id}", "file:///srv/docs/findings.html#{0}")]
    public void A_base_gives_every_rule_its_helpUri(string helpUriBase, string expected)
    {
        var uris = HelpUris(CheckExample("sarif", "--help-uri-base", helpUriBase).Out);

        Assert.Contains(uris.Keys, id => id.StartsWith("GOV", StringComparison.Ordinal));
        Assert.Contains(uris.Keys, id => id.StartsWith("PR", StringComparison.Ordinal));
        foreach (var (id, uri) in uris) Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, id), uri);
    }

    [Fact]
    public void A_rules_own_help_url_wins_over_the_base()
    {
        var options = new SarifOptions { HelpUriBase = "https://docs.example/{id}" };

        Assert.Equal("https://rules.example/BR01", options.HelpUri(Descriptor("BR01", "https://rules.example/BR01")));
        Assert.Equal("https://docs.example/BR02", options.HelpUri(Descriptor("BR02", "见第三条 / see article 3")));
        Assert.Equal("https://docs.example/BR03", options.HelpUri(Descriptor("BR03", null)));
        Assert.Null(SarifOptions.Default.HelpUri(Descriptor("BR04", null)));
        Assert.Equal("https://rules.example/BR05", SarifOptions.Default.HelpUri(Descriptor("BR05", "https://rules.example/BR05")));
    }

    [Theory]
    [InlineData("docs/rules/")]
    [InlineData("not a url {id}")]
    [InlineData("ftp://example.org/{id}")]
    [InlineData("")]
    public void A_base_that_makes_no_absolute_url_is_bad_usage(string helpUriBase)
    {
        var run = RunCli(TestPaths.RepoRoot, "check", Example, "--format", "sarif", "--as-of", "2021-12-31", "--help-uri-base", helpUriBase);

        Assert.Equal(2, run.Exit);
        Assert.Equal("", run.Out);
        Assert.Contains("--help-uri-base", run.Err, StringComparison.Ordinal);
        Assert.Single(run.Err.TrimEnd('\n').Split('\n'));
        Assert.False(SarifOptions.IsValidHelpUriBase(helpUriBase));
    }
}
