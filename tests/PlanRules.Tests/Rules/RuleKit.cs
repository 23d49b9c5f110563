using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using NodaTime.Testing;
using PlanRules.Analysis;
using PlanRules.Diagnostics;
using PlanRules.Rules;
using PlanRules.Rules.Runtime;
using PlanRules.Syntax;
using PlanRules.Text;

namespace PlanRules.Tests.Rules;

/// <summary>Small plans, ledgers and rule files for the rule-language tests.</summary>
internal static class RuleKit
{
    public static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");
    public static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");

    public const string RulesPath = "test.rules";
    public const string PlanPath = "plan.plan";

    /// <summary>A folder that does not exist: no configuration is read, display paths are relative to it.</summary>
    public static readonly string BaseDirectory = Path.Combine(Path.GetTempPath(), "planrules-rules-tests-base");

    /// <summary>A 2021 plan header with units and groups; tasks are appended by each test.</summary>
    public const string Header = """
        plan "测试计划" {
          ref "测试〔2021〕1号"
          issued 2021-01-01
          period 2021-01-01 .. 2021-12-31
        }
        unit 区政府办 "番禺区人民政府办公室"
        unit 区司法局 "番禺区司法局"
        unit 区财政局 "番禺区财政局"
        unit 区教育局 "番禺区教育局"
        unit 市桥街 "市桥街道办事处"
        unit 石楼镇 "石楼镇人民政府"
        group 镇街 "各镇(街)" = 市桥街, 石楼镇
        group 有关单位 "各有关单位"

        """;

    public static LocalDate D(string iso) => DateText.TryParse(iso, out var date) ? date : throw new ArgumentException(iso);

    /// <summary>Compiles one rules file (plus host functions).</summary>
    public static RuleSet Compile(string rules, params RuleFunction[] functions) =>
        RuleSet.Compile([new SourceText(rules, RulesPath)], functions);

    /// <summary>Compiles one rules file that must have no findings.</summary>
    public static RuleSet CompileClean(string rules, params RuleFunction[] functions)
    {
        var set = Compile(rules, functions);
        Assert.True(set.Diagnostics.IsEmpty, "unexpected findings:\n" + string.Join("\n", set.Diagnostics.Select(d => d.ToString())));
        return set;
    }

    /// <summary>Checks a plan (and ledger) as of a date with the given rule sets; only rule findings are of interest.</summary>
    public static CheckResult Check(string plan, string? ledger, string asOf, params RuleSet[] ruleSets) =>
        new PlanChecker(new FakeClock(Instant.FromUtc(2000, 1, 1, 0, 0))).Check(new CheckRequest
        {
            Plans = [new SourceText(plan, PlanPath)],
            Ledgers = ledger is null ? [] : [new SourceText(ledger, "progress.ledger")],
            AsOf = D(asOf),
            BaseDirectory = BaseDirectory,
            RuleSets = [.. ruleSets],
        });

    /// <summary>Checks with the standard rules only.</summary>
    public static CheckResult CheckStandard(string plan, string? ledger = null, string asOf = "2021-12-31") =>
        Check(plan, ledger, asOf, StandardRules.Compiled);

    /// <summary>The findings with an id.</summary>
    public static ImmutableArray<Diagnostic> Findings(CheckResult result, string id) => [.. result.Diagnostics.Where(d => d.Id == id)];

    /// <summary>The single finding with this id.</summary>
    public static Diagnostic Single(IEnumerable<Diagnostic> diagnostics, string id)
    {
        var list = diagnostics.ToList();
        var matching = list.Where(d => d.Id == id).ToList();
        Assert.True(matching.Count == 1, $"expected one {id}, got:\n" + string.Join("\n", list.Select(d => d.ToString())));
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

    /// <summary>1-based line and column of the first occurrence of <paramref name="marker"/> in <paramref name="text"/>.</summary>
    public static (int Line, int Column) PositionOf(string text, string marker, int occurrence = 1)
    {
        var index = -1;
        for (var i = 0; i < occurrence; i++)
        {
            index = text.IndexOf(marker, index + 1, StringComparison.Ordinal);
            Assert.True(index >= 0, $"marker '{marker}' not found");
        }
        var position = new SourceText(text).GetLinePosition(index);
        return (position.Line, position.Column);
    }

    /// <summary>A minimal one-rule file for a task.</summary>
    public static string TaskRule(string id, string condition, string extra = "") => $$"""
        rule {{id}} "测试规则" {
          for task t
          when {{condition}}
          {{extra}}
        }

        """;
}
