using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PlanRules.Rules.Runtime;
using static PlanRules.Tests.Rules.RuleKit;

namespace PlanRules.Tests.Rules;

/// <summary>
/// <c>matches</c> with a pattern of literal alternatives runs on the backtracking engine (which cannot backtrack far
/// on such patterns): it must answer exactly as the non-backtracking engine does, and every other pattern must still
/// run non-backtracking.
/// </summary>
public class LiteralPatternTests
{
    private static readonly string[] Pieces = ["定期", "每年", "每", "年", "a", "ab", "b", "B", "é", "😀", "\ud83d", "-", ",", "0"];

    private static readonly Gen<string> Text =
        from parts in Gen.ArrayOf(Gen.Elements(Pieces))
        select string.Concat(parts);

    private static readonly Gen<string> Alternatives =
        from first in Gen.NonEmptyListOf(Gen.Elements(Pieces))
        from more in Gen.ArrayOf(Gen.NonEmptyListOf(Gen.Elements(Pieces)))
        select string.Join('|', new[] { string.Concat(first) }.Concat(more.Select(parts => string.Concat(parts))));

    [Property(MaxTest = 500)]
    public Property SearchAgreesWithTheRegularExpressionEngine() =>
        Prop.ForAll(Arb.From(Alternatives), Arb.From(Text), (pattern, text) =>
        {
            var engine = Regex.IsMatch(text, pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
            return (BuiltinFunctions.IsLiteralAlternation(pattern)
                    && BuiltinFunctions.Create(pattern).IsMatch(text) == engine)
                .Label($"pattern '{pattern}', text '{text}': engine {engine}");
        });

    [Property(MaxTest = 500)]
    public Property PlainSearchAgreesWithTheRegularExpressionEngine() =>
        Prop.ForAll(Arb.From(Alternatives), Arb.From(Text), (pattern, text) =>
        {
            var engine = Regex.IsMatch(text, pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
            var search = LiteralAlternatives.TryCreate(pattern);
            return (pattern.Length > LiteralAlternatives.MaxPatternLength ? search is null : search is not null && search.IsMatch(text) == engine)
                .Label($"pattern '{pattern}', text '{text}': engine {engine}");
        });

    [Theory]
    [InlineData("a.b")]
    [InlineData("每(年|月)")]
    [InlineData("定期|")]
    [InlineData("")]
    public void OnlyLiteralAlternativesAreSearchedPlainly(string pattern) => Assert.Null(LiteralAlternatives.TryCreate(pattern));

    [Fact]
    public void ALongLiteralPatternStaysWithTheEngineAndItsTimeLimit()
    {
        Assert.NotNull(LiteralAlternatives.TryCreate(new string('定', LiteralAlternatives.MaxPatternLength)));
        Assert.Null(LiteralAlternatives.TryCreate(new string('定', LiteralAlternatives.MaxPatternLength + 1)));
    }

    [Fact]
    public void TheWorstTitleForAPlainSearchEnds()
    {
        // Every position starts a candidate that fails only at its last character: the most work a search can do.
        var search = LiteralAlternatives.TryCreate(new string('定', 127) + "x|" + new string('定', 126) + "y")!;
        Assert.False(search.IsMatch(new string('定', 1_000_000)));
        Assert.True(search.IsMatch(new string('定', 1_000_000) + "y"));
        Assert.False(search.IsMatch(null));
    }

    [Theory]
    [InlineData("")]
    [InlineData("|")]
    [InlineData("定期|")]
    [InlineData("|定期")]
    [InlineData("a||b")]
    [InlineData("a.b")]
    [InlineData("^定期")]
    [InlineData("定期$")]
    [InlineData("每(年|月)")]
    [InlineData("每[年月]")]
    [InlineData("a+")]
    [InlineData("a*")]
    [InlineData("a?")]
    [InlineData("a{2}")]
    [InlineData(@"\d")]
    [InlineData("a b")]
    [InlineData("a#b")]
    [InlineData("a}|]b")]
    public void OtherPatternsRunNonBacktracking(string pattern)
    {
        Assert.False(BuiltinFunctions.IsLiteralAlternation(pattern));
        if (BuiltinFunctions.CheckPattern(pattern) is null) Assert.True(BuiltinFunctions.Create(pattern).Options.HasFlag(RegexOptions.NonBacktracking));
    }

    [Theory]
    [InlineData("定期")]
    [InlineData("定期|每年|每半年|每季|每月|每周")]
    [InlineData("年-0|a,b|😀")]
    public void LiteralPatternsRunOnTheBacktrackingEngine(string pattern)
    {
        Assert.True(BuiltinFunctions.IsLiteralAlternation(pattern));
        var regex = BuiltinFunctions.Create(pattern);
        Assert.Equal(RegexOptions.CultureInvariant, regex.Options);
        Assert.Equal(BuiltinFunctions.MatchTimeout, regex.MatchTimeout);
    }

    [Fact]
    public void ACompiledRuleWithLiteralAlternativesReportsWhatTheEngineMatches()
    {
        const string plan = Header + """
            task 1 "每年定期公开" { lead 区政府办 }
            task 2 "按月公开" { lead 区政府办 }
            task 3 "每季度公开" { lead 区政府办 }
            task 4 "每 年" { lead 区政府办 }
            """;
        var set = CompileClean("""
            rule L001 "周期" {
              for task t
              when matches(t.title, "定期|每季|每月")
              message "任务 {t.id}"
            }
            rule L002 "周期（引擎）" {
              for task t
              when matches(t.title, "(定期|每季|每月)")
              message "任务 {t.id}"
            }
            """);
        var result = Check(plan, null, "2021-12-31", set);
        Assert.Equal(new[] { "1", "3" }, result.Diagnostics.Where(d => d.Id == "L001").Select(d => d.TaskId ?? ""));
        Assert.Equal(new[] { "1", "3" }, result.Diagnostics.Where(d => d.Id == "L002").Select(d => d.TaskId ?? ""));
        // The literal pattern of L001 is a plain search, the grouped one of L002 the engine.
        Assert.NotNull(LiteralAlternatives.TryCreate("定期|每季|每月"));
        Assert.Null(LiteralAlternatives.TryCreate("(定期|每季|每月)"));
    }

    [Fact]
    public void PatternsComputedPerElementAreNotKeptWithoutBound()
    {
        for (var i = 0; i < BuiltinFunctions.MaxCachedPatterns + 500; i++)
        {
            Assert.True(BuiltinFunctions.Matches($"任务 {i} 号", $"任务 {i} 号|x{i}"));
            Assert.False(BuiltinFunctions.Matches($"任务 {i} 号", $"^x{i}$"));
        }
        // Other tests may add a pattern between the count check and the add: a little slack, never unbounded.
        Assert.InRange(BuiltinFunctions.CachedPatterns, 1, BuiltinFunctions.MaxCachedPatterns + 64);
    }
}
