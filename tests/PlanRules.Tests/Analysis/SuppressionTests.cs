using System.Text.Json;
using NodaTime;
using NodaTime.Testing;
using PlanRules.Analysis;
using PlanRules.Cli;
using PlanRules.Configuration;
using PlanRules.Diagnostics;
using PlanRules.Output;
using PlanRules.Text;
using static PlanRules.Tests.Analysis.ComplianceKit;

namespace PlanRules.Tests.Analysis;

/// <summary>Plan <c>suppress</c> items, stale waivers (PR1012) and baselines.</summary>
public class SuppressionTests
{
    private const string Plan = Header + """
        task 33 "IPv6" {
          lead 区政务服务数据管理局
          due 2021-12-16
          suppress PR3001 "经区政府同意延期至2022年3月"
        }
        task 48 "建立台账" {
          lead 镇街
          due 2021-09-30
        }
        """;

    [Fact]
    public void Shown_suppressed_findings_say_so_in_the_report_language_and_the_summary_counts_in_english_agree()
    {
        var result = Check(Plan, "2021-09-01 task 48 done", asOf: "2021-12-31");
        string Render(string culture)
        {
            var writer = new StringWriter();
            TextReport.Write(writer, result, System.Globalization.CultureInfo.GetCultureInfo(culture), showSuppressed: true);
            return writer.ToString();
        }
        var zh = Render("zh-CN");
        var en = Render("en");
        Assert.Contains(" [已抑制：经区政府同意延期至2022年3月]", zh);
        Assert.Contains(" [suppressed: 经区政府同意延期至2022年3月]", en);
        Assert.Equal("1 error, 0 warnings, 2 info", TextReport.FormatSummary(new FindingSummary(1, 0, 2), System.Globalization.CultureInfo.GetCultureInfo("en")));
        Assert.Equal("2 errors, 1 warning, 1 info", TextReport.FormatSummary(new FindingSummary(2, 1, 1), System.Globalization.CultureInfo.GetCultureInfo("en")));
        Assert.Equal("1 个错误，0 个警告，2 个提示", TextReport.FormatSummary(new FindingSummary(1, 0, 2), System.Globalization.CultureInfo.GetCultureInfo("zh-CN")));
    }

    [Fact]
    public void Suppressed_finding_is_kept_with_its_justification_and_no_longer_counts()
    {
        var result = Check(Plan, "2021-09-01 task 48 done", asOf: "2021-12-31");

        var d = result.Single("PR3001");
        Assert.Equal("33", d.TaskId);
        Assert.True(d.IsSuppressed);
        Assert.Equal(SuppressionKind.InSource, d.Suppression);
        Assert.Equal("经区政府同意延期至2022年3月", d.Justification);
        Assert.Equal(0, result.Summary.Warnings);
        Assert.Empty(result.Findings("PR1012"));

        var text = new StringWriter();
        TextReport.Write(text, result, Zh);
        Assert.DoesNotContain("PR3001", text.ToString());
        Assert.Contains("0 个错误，0 个警告", text.ToString());

        using var json = JsonDocument.Parse(JsonReport.Render(result, Zh));
        var finding = json.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "PR3001");
        Assert.True(finding.GetProperty("suppressed").GetBoolean());
        Assert.Equal("经区政府同意延期至2022年3月", finding.GetProperty("justification").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("summary").GetProperty("warning").GetInt32());
    }

    [Fact]
    public void Suppression_applies_to_its_own_task_only()
    {
        var result = Check(Plan, "", asOf: "2021-12-31");
        Assert.Equal(["33 True", "48 False", "48 False"], result.Findings("PR3001").Select(d => $"{d.TaskId} {d.IsSuppressed}"));
        Assert.Equal(2, result.Summary.Warnings);
    }

    [Fact]
    public void Suppressed_error_never_makes_the_check_fail()
    {
        var config = new ConfigSet([ConfigParser.Parse(new SourceText("[*]\nplanrules_diagnostic.PR3001.severity = error\n", ".planrules"), BaseDirectory)]);
        var suppressed = Check(Plan, "2021-09-01 task 48 done", asOf: "2021-12-31", config: config);

        Assert.Equal(DiagnosticSeverity.Error, suppressed.Single("PR3001").Severity);
        Assert.False(suppressed.HasErrors);
        Assert.True(Check(Plan, "", asOf: "2021-12-31", config: config).HasErrors);
    }

    [Fact]
    public void Suppression_that_matches_nothing_is_a_stale_waiver()
    {
        // Task 33 is done on time: nothing to suppress any more.
        var result = Check(Plan, "2021-09-01 task 48 done\n2021-12-10 task 33 done", asOf: "2021-12-31");

        var d = result.Single("PR1012");
        Assert.Equal(DiagnosticSeverity.Info, d.Severity);
        Assert.Equal("33", d.TaskId);
        Assert.Equal("对 PR3001 的豁免未匹配任何发现（过期的豁免）", d.GetMessage(Zh));
        Assert.Equal("The suppression of PR3001 matched no finding (stale waiver)", d.GetMessage(En));
        d.At("plan.plan", 15, 3);
        Assert.Empty(result.Findings("PR3001"));
    }

    [Fact]
    public void Baseline_suppresses_findings_by_fingerprint_and_reports_stale_entries()
    {
        var first = Check(Plan, "", asOf: "2021-12-31");
        var json = JsonReport.Render(first, Zh);
        var baseline = Baseline.Parse("baseline.json", json);

        var again = Check(Plan, "", asOf: "2021-12-31", baseline: baseline);
        Assert.All(again.Diagnostics, d => Assert.True(d.IsSuppressed, d.ToString()));
        Assert.Equal(new FindingSummary(0, 0, 0), again.Summary);

        // 石楼镇 catches up on task 48: its PR3001 disappears and its baseline entry is stale.
        var later = Check(Plan, "2021-12-20 task 48 done by 石楼镇", asOf: "2021-12-31", baseline: baseline);
        var stale = later.Single("PR1012");
        Assert.False(stale.IsSuppressed);
        Assert.Equal("baseline.json", stale.Location.Path);
        Assert.StartsWith("对 baseline ", stale.GetMessage(Zh));
        var news = later.Diagnostics.Where(d => !d.IsSuppressed && d.Id != "PR1012").Select(d => $"{d.Id} {d.TaskId} {d.Unit}");
        Assert.Equal(["PR3002 48 石楼镇"], news);
    }

    [Fact]
    public void Baseline_keeps_matching_a_future_dated_record_on_later_days()
    {
        // Regression: PR3009's fingerprint held the as-of date (a message argument), so a baseline taken today no
        // longer matched tomorrow (the default as-of date is today): the finding came back, its entry went stale.
        const string ledger = "2021-12-01 task 48 done by 市桥街\n2022-03-01 task 48 done by 石楼镇";
        var first = Check(Plan, ledger, asOf: "2021-12-30");
        var baseline = Baseline.Parse("baseline.json", JsonReport.Render(first, Zh));

        var tomorrow = Check(Plan, ledger, asOf: "2021-12-31", baseline: baseline);

        Assert.Equal(first.Single("PR3009").Fingerprint, tomorrow.Single("PR3009").Fingerprint);
        Assert.True(tomorrow.Single("PR3009").IsSuppressed);
        Assert.Empty(tomorrow.Findings("PR1012"));
        // The message still says the as-of date of the run.
        Assert.Equal("台账记录日期 2022-03-01 晚于评估日期 2021-12-31，已忽略", tomorrow.Single("PR3009").GetMessage(Zh));
    }

    [Fact]
    public void Baseline_taken_from_a_run_with_plan_suppressions_has_no_stale_entries()
    {
        // Regression: a finding suppressed by the plan was never marked as matching its baseline entry,
        // so every baseline written from such a run reported PR1012 for it on the next run.
        var first = Check(Plan, "", asOf: "2021-12-31");
        Assert.Contains(first.Diagnostics, d => d.Suppression == SuppressionKind.InSource);
        var baseline = Baseline.Parse("baseline.json", JsonReport.Render(first, Zh));

        var again = Check(Plan, "", asOf: "2021-12-31", baseline: baseline);

        Assert.Empty(again.Findings("PR1012"));
        Assert.Equal("经区政府同意延期至2022年3月", again.Findings("PR3001").Single(d => d.TaskId == "33").Justification);
        Assert.All(again.Diagnostics, d => Assert.True(d.IsSuppressed, d.ToString()));
    }

    [Fact]
    public void Baseline_accepts_stale_waivers_of_the_plan_and_never_reports_them_as_stale_entries()
    {
        // Regression: a plan's stale suppress items (PR1012) were made after the baseline was applied, so a
        // baseline could not accept them, and its own PR1012 entries were then reported as stale entries.
        const string plan = Plan + """

            task 49 "b" { lead 区政务服务数据管理局 due 2021-04-01 suppress PR1007 "无用的豁免" }
            """;
        var first = Check(plan, "2021-09-01 task 48 done\n2021-03-01 task 49 done", asOf: "2021-12-31");
        Assert.False(first.Single("PR1012").IsSuppressed);
        var baseline = Baseline.Parse("baseline.json", JsonReport.Render(first, Zh));

        var again = Check(plan, "2021-09-01 task 48 done\n2021-03-01 task 49 done", asOf: "2021-12-31", baseline: baseline);

        var waiver = again.Single("PR1012");
        Assert.Equal("49", waiver.TaskId);
        Assert.Equal(SuppressionKind.External, waiver.Suppression);
        Assert.All(again.Diagnostics, d => Assert.True(d.IsSuppressed, d.ToString()));

        // The suppress item goes: its PR1012 no longer occurs, which is no stale baseline entry either.
        var removed = Check(plan.Replace(" suppress PR1007 \"无用的豁免\"", ""), "2021-09-01 task 48 done\n2021-03-01 task 49 done", asOf: "2021-12-31", baseline: baseline);
        Assert.Empty(removed.Findings("PR1012"));
    }

    [Fact]
    public void Baseline_round_trip_through_the_command_line_suppresses_every_finding_and_exits_0()
    {
        using var folder = new ScratchFolder();
        folder.Write(".planrules", "root = true\n");
        folder.Write("plan/plan.plan", Plan);
        folder.Write("plan/progress.ledger", "2021-09-01 task 48 done by 市桥街\n2021-06-18 task 4.8 done by 石楼镇\n2022-01-05 task 48 done by 石楼镇\n");
        var clock = new FakeClock(Instant.FromUtc(2022, 3, 1, 0, 0));

        var firstOut = new StringWriter();
        var firstErr = new StringWriter();
        var first = CliApp.Run(["check", "plan", "--as-of", "2021-12-31", "--format", "json", "--output", "out/baseline.json"], firstOut, firstErr, folder.Root, clock);

        Assert.Equal("", firstErr.ToString());
        Assert.Equal(1, first); // PR3007 is an error
        var baselineText = File.ReadAllText(folder.PathOf("out/baseline.json"));
        using (var firstJson = JsonDocument.Parse(baselineText))
        {
            var ids = firstJson.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("id").GetString()).ToHashSet();
            Assert.Superset(new HashSet<string?> { "PR3001", "PR3007", "PR3009" }, ids);
        }

        var secondOut = new StringWriter();
        var second = CliApp.Run(["check", "plan", "--as-of", "2021-12-31", "--format", "json", "--baseline", "out/baseline.json"], secondOut, new StringWriter(), folder.Root, clock);

        Assert.Equal(0, second);
        using var json = JsonDocument.Parse(secondOut.ToString());
        var findings = json.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.True(f.GetProperty("suppressed").GetBoolean(), f.ToString()));
        Assert.All(findings.Where(f => f.GetProperty("id").GetString() != "PR3001" || f.GetProperty("taskId").GetString() != "33"),
            f => Assert.Equal("baseline: out/baseline.json", f.GetProperty("justification").GetString()));
        var summary = json.RootElement.GetProperty("summary");
        Assert.Equal((0, 0, 0), (summary.GetProperty("error").GetInt32(), summary.GetProperty("warning").GetInt32(), summary.GetProperty("info").GetInt32()));
    }
    [Theory]
    [InlineData("", "plan", "plan", ".", "../out/baseline.json")]
    [InlineData("plan", ".", "", "plan", "out/baseline.json")]
    [InlineData("", "plan", "out", "../plan", "baseline.json")]
    public void Baseline_written_from_one_folder_still_matches_a_check_run_from_another(string writeIn, string writeTarget, string checkIn, string checkTarget, string baselinePath)
    {
        // Regression: fingerprints hold each file's path as the run named it (relative to the folder it ran in), so a
        // baseline written at the repository root matched nothing when CI checked from the plan's folder: every
        // finding came back and every entry was reported stale.
        using var folder = new ScratchFolder();
        folder.Write(".planrules", "root = true\n");
        folder.Write("plan/plan.plan", Plan);
        folder.Write("plan/progress.ledger", "2021-09-01 task 48 done by 市桥街\n2021-06-18 task 4.8 done by 石楼镇\n2022-01-05 task 48 done by 石楼镇\n");
        Directory.CreateDirectory(folder.PathOf("out"));
        var clock = new FakeClock(Instant.FromUtc(2022, 3, 1, 0, 0));
        var output = Path.GetRelativePath(folder.PathOf(writeIn), folder.PathOf("out/baseline.json"));

        var first = CliApp.Run(["check", writeTarget, "--as-of", "2021-12-31", "--format", "json", "--output", output], new StringWriter(), new StringWriter(), folder.PathOf(writeIn), clock);
        Assert.Equal(1, first);

        var secondOut = new StringWriter();
        var second = CliApp.Run(["check", checkTarget, "--as-of", "2021-12-31", "--format", "json", "--baseline", baselinePath], secondOut, new StringWriter(), folder.PathOf(checkIn), clock);

        Assert.Equal(0, second);
        using var json = JsonDocument.Parse(secondOut.ToString());
        var findings = json.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Contains(findings, f => f.GetProperty("id").GetString() == "PR3007");
        Assert.All(findings, f => Assert.True(f.GetProperty("suppressed").GetBoolean(), f.ToString()));
        Assert.DoesNotContain(findings, f => f.GetProperty("id").GetString() == "PR1012");
    }

    [Fact]
    public void Baseline_does_not_match_a_file_whose_name_only_ends_like_one_of_its_paths()
    {
        var first = Check(Plan, "", asOf: "2021-12-31");
        var finding = first.Diagnostics.First(d => !d.Location.IsNone);
        var baseline = Baseline.Parse("baseline.json", JsonReport.Render(first, Zh));
        Assert.Equal(finding.Fingerprint, baseline.Match(finding));
        Assert.Contains(finding.Location.Path.Replace('\\', '/'), baseline.Paths);

        static Baseline At(Diagnostic d, string path) => Baseline.Parse("b.json", JsonSerializer.Serialize(new { findings = new[] { new { fingerprint = d.FingerprintAt(path), path } } }));
        var path = finding.Location.Path.Replace('\\', '/');
        Assert.Equal(finding.FingerprintAt("sub/" + path), At(finding, "sub/" + path).Match(finding));
        Assert.Null(At(finding, "sub" + path).Match(finding));
        Assert.Null(At(finding, "sub/other.plan").Match(finding));
    }
}
