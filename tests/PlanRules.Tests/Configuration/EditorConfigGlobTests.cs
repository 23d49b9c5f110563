using PlanRules.Configuration;

namespace PlanRules.Tests.Configuration;

/// <summary>EditorConfig section globs, matched against paths relative to the configuration file's folder.</summary>
public class EditorConfigGlobTests
{
    private static EditorConfigGlob Glob(string pattern) =>
        EditorConfigGlob.TryCreate(pattern) ?? throw new InvalidOperationException("glob did not compile: " + pattern);

    [Theory]
    [InlineData("*.plan", "plan.plan", true)]
    [InlineData("*.plan", "legacy/old/plan.plan", true)]
    [InlineData("*.plan", "plan.plan.bak", false)]
    [InlineData("*.plan", "progress.ledger", false)]
    [InlineData("*.ledger", "progress.ledger.csv", false)]
    [InlineData("*.ledger.csv", "data/progress.ledger.csv", true)]
    [InlineData("*", "any/file.txt", true)]
    public void Glob_without_a_slash_matches_the_file_name_in_any_folder(string pattern, string path, bool matches) =>
        Assert.Equal(matches, Glob(pattern).IsMatch(path));

    [Theory]
    [InlineData("legacy/*.plan", "legacy/a.plan", true)]
    [InlineData("legacy/*.plan", "legacy/sub/a.plan", false)]
    [InlineData("legacy/*.plan", "other/legacy/a.plan", false)]
    [InlineData("/*.plan", "a.plan", true)]
    [InlineData("/*.plan", "sub/a.plan", false)]
    [InlineData("/legacy/a.plan", "legacy/a.plan", true)]
    public void Glob_with_a_slash_matches_the_path_from_the_configuration_folder(string pattern, string path, bool matches) =>
        Assert.Equal(matches, Glob(pattern).IsMatch(path));

    [Theory]
    [InlineData("legacy/**.plan", "legacy/a.plan", true)]
    [InlineData("legacy/**.plan", "legacy/2019/q1/a.plan", true)]
    [InlineData("legacy/**.plan", "current/a.plan", false)]
    [InlineData("**/a.plan", "a.plan", true)]
    [InlineData("**/a.plan", "x/y/a.plan", true)]
    [InlineData("legacy/**", "legacy/x/y.ledger", true)]
    [InlineData("*/a.plan", "x/y/a.plan", false)]
    public void Double_star_crosses_folders_and_single_star_does_not(string pattern, string path, bool matches) =>
        Assert.Equal(matches, Glob(pattern).IsMatch(path));

    [Theory]
    [InlineData("{plan,progress}.*", "plan.plan", true)]
    [InlineData("{plan,progress}.*", "progress.ledger", true)]
    [InlineData("{plan,progress}.*", "other.plan", false)]
    [InlineData("*.{ledger,ledger.csv}", "a.ledger.csv", true)]
    [InlineData("*.{ledger,ledger.csv}", "a.plan", false)]
    [InlineData("{single}.plan", "{single}.plan", true)]
    public void Braces_offer_alternatives(string pattern, string path, bool matches) =>
        Assert.Equal(matches, Glob(pattern).IsMatch(path));

    [Theory]
    [InlineData("v1.plan", true)]
    [InlineData("v2.plan", true)]
    [InlineData("v3.plan", true)]
    [InlineData("v0.plan", false)]
    [InlineData("v4.plan", false)]
    [InlineData("v13.plan", false)]
    public void Numeric_range_matches_each_number_in_it(string path, bool matches) =>
        Assert.Equal(matches, Glob("v{1..3}.plan").IsMatch(path));

    [Theory]
    [InlineData("[abc].plan", "a.plan", true)]
    [InlineData("[abc].plan", "c.plan", true)]
    [InlineData("[abc].plan", "d.plan", false)]
    [InlineData("[!a].plan", "b.plan", true)]
    [InlineData("[!a].plan", "a.plan", false)]
    [InlineData("x[!a]y.plan", "x/y.plan", false)]
    [InlineData("?.plan", "a.plan", true)]
    [InlineData("?.plan", "ab.plan", false)]
    [InlineData("x?y.plan", "x/y.plan", false)]
    public void Character_classes_and_question_mark_match_one_character_but_never_a_slash(string pattern, string path, bool matches) =>
        Assert.Equal(matches, Glob(pattern).IsMatch(path));

    [Fact]
    public void Backslashes_in_the_path_are_folder_separators()
    {
        Assert.True(Glob("legacy/*.plan").IsMatch("legacy\\a.plan"));
    }

    [Fact]
    public void Glob_characters_that_are_regex_characters_are_literal()
    {
        Assert.True(Glob("a+b(1).plan").IsMatch("a+b(1).plan"));
        Assert.False(Glob("a+b(1).plan").IsMatch("aab1.plan"));
    }

    [Theory]
    [InlineData("[abc")]
    [InlineData("{a,b")]
    [InlineData("")]
    [InlineData("{1..99999}")]
    public void Malformed_glob_does_not_compile(string pattern) => Assert.Null(EditorConfigGlob.TryCreate(pattern));
}
