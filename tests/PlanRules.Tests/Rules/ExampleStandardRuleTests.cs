using System.Text.Json;
using NodaTime;
using NodaTime.Testing;
using PlanRules.Cli;
using PlanRules.Tests.Support;

namespace PlanRules.Tests.Rules;

/// <summary>The standard rules on the bundled example, through the command line.</summary>
public class ExampleStandardRuleTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var exit = CliApp.Run(args, stdout, stderr, TestPaths.RepoRoot, new FakeClock(Instant.FromUtc(2021, 10, 8, 2, 0)));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void WhatTheStandardRulesReportOnTheExampleAtYearEnd()
    {
        var (exit, output, err) = Run("check", "examples/panyu-2021", "--as-of", "2021-12-31", "--format", "json");
        Assert.Equal(0, exit);
        Assert.Equal("", err);
        using var json = JsonDocument.Parse(output);
        var findings = json.RootElement.GetProperty("findings").EnumerateArray().ToList();
        // The rule files themselves are clean.
        Assert.DoesNotContain(findings, f => f.GetProperty("path").GetString() is { } path && path.StartsWith("rules/", StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.GetProperty("id").GetString()!.StartsWith("PR2", StringComparison.Ordinal));
        var gov = findings
            .Where(f => f.GetProperty("id").GetString()!.StartsWith("GOV", StringComparison.Ordinal))
            .Select(f => $"{f.GetProperty("id").GetString()} {f.GetProperty("severity").GetString()} {f.GetProperty("taskId").GetString()}/{f.GetProperty("unit").GetString()}")
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(new[]
        {
            "GOV001 warning 1/",
            "GOV001 warning 11/",
            "GOV001 warning 41/",
            "GOV003 warning 28/区政府办",
            "GOV003 warning 28/有关单位",
            "GOV003 warning 48/有关单位",
            "GOV004 info 12/",
            "GOV004 info 28/",
            "GOV004 info 48/",
            "GOV009 info 3/",
            "GOV012 info 46/",
            "GOV012 info 8/",
            "GOV013 warning 48/石楼镇",
            "GOV014 info /番禺供电局",
        }, gov);
    }

    [Fact]
    public void TheExampleStillExitsZero()
    {
        var (exit, output, _) = Run("check", "examples/panyu-2021");
        Assert.Equal(0, exit);
        Assert.Contains("GOV001", output);
        Assert.Matches(@"\n0 个错误，\d+ 个警告，\d+ 个提示\n", output);
    }

    [Fact]
    public void ExplainShowsAStandardRule()
    {
        var (exit, output, err) = Run("explain", "GOV001");
        Assert.Equal(0, exit);
        Assert.Equal("", err);
        Assert.StartsWith("GOV001  牵头单位过多\n", output);
        Assert.Contains("类别 / category: ownership", output);
        Assert.Contains("默认级别 / default severity: warning", output);
        Assert.Contains("保留一个（至多三个）牵头单位", output);
    }

    [Fact]
    public void NoDefaultRulesTurnsThemOff()
    {
        var (exit, output, _) = Run("check", "examples/panyu-2021", "--as-of", "2021-12-31", "--no-default-rules");
        Assert.Equal(0, exit);
        Assert.DoesNotContain("GOV0", output);
    }

    [Fact]
    public void ExplainPrintsTermValuesUnderStandardFindings()
    {
        var (_, output, _) = Run("check", "examples/panyu-2021", "--as-of", "2021-12-31", "--explain");
        Assert.Contains("warning GOV001: 任务 11 有 9 个牵头单位，职责可能不清\n    count(t.lead) = 9\n", output);
        Assert.Contains("warning GOV013: 任务 48 的责任单位 石楼镇 已逾期 92 天，台账中没有任何进展记录\n    o.daysOverdue = 92\n    o.status = open\n", output);
    }
}
