using PlanRules.Analysis;
using PlanRules.Configuration;
using PlanRules.Diagnostics;
using PlanRules.Tests.Analysis;
using PlanRules.Text;
using PlanRules.Workspace;
using static PlanRules.Tests.Analysis.ComplianceKit;

namespace PlanRules.Tests.Configuration;

/// <summary><c>.planrules</c> files: severities (id over category over default, <c>none</c>), options, lookup and globs.</summary>
public class ConfigurationTests
{
    // As of 2021-12-31: PR3001 (33 overdue), PR3006 (28 due today), PR3007 (unknown task), PR1009 (区政府办 unused).
    private const string Plan = Header + """
        task 28 "规范性文件" {
          lead 区司法局
          due 2021-12-31
        }
        task 33 "IPv6" {
          lead 区政务服务数据管理局
          due 2021-12-16
        }
        task 43 "汇报" {
          lead 镇街, 有关单位
        }
        """;

    private const string Ledger = "2021-06-18 task 4.3 occurred by 市桥街\n";

    private static ConfigSet Config(string text, string name = ".planrules") =>
        new([ConfigParser.Parse(new SourceText(text, name), BaseDirectory)]);

    private static string Severities(CheckResult result) =>
        string.Join(" ", result.Diagnostics.Where(d => !d.IsSuppressed).Select(d => $"{d.Id}:{d.Severity.ToText()}").Distinct().Order(StringComparer.Ordinal));

    [Fact]
    public void Without_configuration_every_finding_has_its_default_severity()
    {
        Assert.Equal("PR1009:info PR3001:warning PR3006:info PR3007:error", Severities(Check(Plan, Ledger)));
    }

    [Fact]
    public void Id_beats_category_beats_default()
    {
        var config = Config("""
            [*]
            planrules_diagnostic.category-schedule.severity = error
            planrules_diagnostic.PR3006.severity = warning
            """);

        // PR3001 takes the category's error, PR3006 its own warning; PR3007 (category ledger) and PR1009 keep their defaults.
        Assert.Equal("PR1009:info PR3001:error PR3006:warning PR3007:error", Severities(Check(Plan, Ledger, config: config)));
    }

    [Fact]
    public void Id_setting_beats_a_category_setting_even_when_the_category_comes_later()
    {
        var config = Config("""
            [*.plan]
            planrules_diagnostic.PR3001.severity = info
            [*]
            planrules_diagnostic.category-schedule.severity = error
            """);
        Assert.Equal("PR1009:info PR3001:info PR3006:error PR3007:error", Severities(Check(Plan, Ledger, config: config)));
    }

    [Fact]
    public void Severity_none_removes_the_finding()
    {
        var result = Check(Plan, Ledger, config: Config("""
            [*]
            planrules_diagnostic.PR1009.severity = none
            planrules_diagnostic.category-ledger.severity = none
            """));

        Assert.Equal("PR3001:warning PR3006:info", Severities(result));
        Assert.False(result.HasErrors);
        Assert.Equal(new FindingSummary(0, 1, 1), result.Summary);
    }

    [Fact]
    public void Section_applies_by_the_finding_path_so_a_ledger_section_does_not_touch_plan_findings()
    {
        var result = Check(Plan, Ledger, config: Config("""
            [*.ledger]
            planrules_diagnostic.PR3007.severity = warning
            planrules_diagnostic.PR3001.severity = error
            """));
        Assert.Equal("PR1009:info PR3001:warning PR3006:info PR3007:warning", Severities(result));
    }

    [Fact]
    public void Later_section_in_one_file_wins()
    {
        var result = Check(Plan, Ledger, config: Config("""
            [*]
            planrules_diagnostic.PR3001.severity = error
            [*.plan]
            planrules_diagnostic.PR3001.severity = info
            """));
        Assert.Equal(DiagnosticSeverity.Info, result.Single("PR3001").Severity);
    }

    [Fact]
    public void Due_soon_days_changes_which_obligations_are_due_soon()
    {
        // As of 2021-12-01, task 28 is due in 30 days: not within the default 14.
        Assert.Empty(Check(Plan, asOf: "2021-12-01").Findings("PR3006"));
        var result = Check(Plan, asOf: "2021-12-01", config: Config("[*.plan]\nplanrules.due_soon_days = 30\n"));
        Assert.Equal(["28 30", "33 15"], result.Findings("PR3006").Select(d => $"{d.TaskId} {d.Properties["daysLeft"]}"));

        var none = Check(Plan, asOf: "2021-12-31", config: Config("[*.plan]\nplanrules.due_soon_days = 0\n"));
        Assert.Equal(["28 0"], none.Findings("PR3006").Select(d => $"{d.TaskId} {d.Properties["daysLeft"]}"));
    }

    [Fact]
    public void At_risk_days_changes_which_tasks_are_at_risk()
    {
        var plan = Header + """
            task 1 "准备" { lead 区政府办 }
            task 2 "发布" {
              lead 区司法局
              after 1
              due 2021-12-31
            }
            """;
        // Due in 61 days as of 2021-10-31: not at risk with the default 30 days, at risk with 90.
        Assert.Empty(Check(plan, asOf: "2021-10-31").Findings("PR3004"));
        var d = Check(plan, asOf: "2021-10-31", config: Config("[*.plan]\nplanrules.at_risk_days = 90\n")).Single("PR3004");
        Assert.Equal("任务 2 有风险：距截止不足 90 天，依赖任务 1 仍未完成", d.GetMessage(Zh));
    }

    [Fact]
    public void Unknown_key_bad_value_and_bad_glob_are_PR0004_warnings_at_their_line_and_are_ignored()
    {
        var result = Check(Plan, asOf: "2021-12-01", config: Config("""
            root = true
            # 注释
            [*.plan]
            planrules.due_soon = 30
              planrules.due_soon_days = soon
            planrules_diagnostic.PR3001.severity = loud
            [{a,b]
            planrules.at_risk_days = 5
            """));

        var problems = result.Findings("PR0004");
        Assert.Equal(4, problems.Length);
        Assert.All(problems, p => Assert.Equal(DiagnosticSeverity.Warning, p.Severity));
        Assert.Equal([(4, 1), (5, 3), (6, 1), (7, 1)], problems.Select(p => (p.Location.Line, p.Location.Column)));
        Assert.All(problems, p => Assert.Equal(".planrules", p.Location.Path));
        Assert.Equal("未知的配置项 'planrules.due_soon'", problems[0].GetMessage(Zh));
        Assert.Equal("Unknown configuration key 'planrules.due_soon'", problems[0].GetMessage(En));
        Assert.Equal("配置项 'planrules.due_soon_days' 的值 'soon' 无效", problems[1].GetMessage(Zh));
        Assert.Equal("Invalid value 'loud' for configuration key 'planrules_diagnostic.pr3001.severity'", problems[2].GetMessage(En));
        Assert.Equal("Invalid section glob '{a,b'", problems[3].GetMessage(En));
        // Ignored: the default 14 days still apply, and PR3001 keeps its default severity.
        Assert.Empty(result.Findings("PR3006"));
    }

    [Fact]
    public void Unclosed_section_header_and_a_bare_line_are_PR0004_warnings_and_only_they_are_ignored()
    {
        var result = Check(Plan, Ledger, asOf: "2021-12-01", config: Config("""
            root = true
            [*.plan]
            planrules.due_soon_days = 30
            [*.plan
            planrules.due_soon_days = 1
            just some text
            [*.ledger]
            planrules_diagnostic.PR3007.severity = warning
            """));

        Assert.Empty(result.Findings("PR0001"));
        var problems = result.Findings("PR0004");
        Assert.Equal([(4, 1), (6, 1)], problems.Select(p => (p.Location.Line, p.Location.Column)));
        Assert.Equal([7, 14], problems.Select(p => p.Location.SourceSpan.Length));
        Assert.All(problems, p => Assert.Equal(DiagnosticSeverity.Warning, p.Severity));
        Assert.Equal("节标题 '[*.plan' 缺少 ']'：该节被忽略，直到下一个有效的节标题", problems[0].GetMessage(Zh));
        Assert.Equal("Section header '[*.plan' has no closing ']': the section is ignored up to the next valid header", problems[0].GetMessage(En));
        Assert.Equal("无法识别的行 'just some text'（应为 'key = value' 或 [节模式]）：该行被忽略", problems[1].GetMessage(Zh));
        Assert.Equal("Unrecognised line 'just some text' (expected 'key = value' or a [glob] section): the line is ignored", problems[1].GetMessage(En));
        // The key under the bad header does not reach the section before it (30 days, not 1), and the rest applies.
        Assert.Equal(["28 30", "33 15"], result.Findings("PR3006").Select(d => $"{d.TaskId} {d.Properties["daysLeft"]}"));
        Assert.Equal(DiagnosticSeverity.Warning, result.Single("PR3007").Severity);
        Assert.False(result.HasErrors);
    }

    [Fact]
    public void Entries_under_a_bad_glob_apply_nowhere()
    {
        var result = Check(Plan, asOf: "2021-12-01", config: Config("[{a,b]\nplanrules.due_soon_days = 30\n"));

        Assert.Equal([(1, 1)], result.Findings("PR0004").Select(p => (p.Location.Line, p.Location.Column)));
        Assert.Empty(result.Findings("PR3006"));
    }

    [Fact]
    public void Root_key_is_read_only_at_the_top_of_the_file()
    {
        var parsed = ConfigParser.Parse(new SourceText("# top\nroot = TRUE\n[*]\nplanrules.due_soon_days = 3\n", ".planrules"), BaseDirectory);
        Assert.True(parsed.IsRoot);
        Assert.Empty(parsed.Diagnostics);

        var late = ConfigParser.Parse(new SourceText("[*]\nroot = true\n", ".planrules"), BaseDirectory);
        Assert.False(late.IsRoot);
        Assert.Equal("PR0004", Assert.Single(late.Diagnostics).Id);
    }

    [Fact]
    public void A_threshold_in_a_section_for_other_files_is_a_PR0004_warning_saying_it_has_no_effect()
    {
        // Thresholds come from the plan file's configuration; under [*.ledger] they were ignored without a word.
        var parsed = ConfigParser.Parse(new SourceText(
            "[*.ledger]\nplanrules.due_soon_days = 3\nplanrules_diagnostic.PR3007.severity = error\n[data/*.csv]\nplanrules.at_risk_days = 5\n"
            + "[*.plan]\nplanrules.due_soon_days = 7\n[*.{plan,ledger}]\nplanrules.at_risk_days = 2\n[*]\nplanrules.at_risk_days = 9\n", ".planrules"), BaseDirectory);

        Assert.Equal(
            [
                "(2,1) Threshold 'planrules.due_soon_days' applies to the plan file, and section [*.ledger] matches .ledger files only: the setting has no effect",
                "(5,1) Threshold 'planrules.at_risk_days' applies to the plan file, and section [data/*.csv] matches .csv files only: the setting has no effect",
            ],
            parsed.Diagnostics.Select(d => $"({d.Location.Line},{d.Location.Column}) {d.GetMessage(System.Globalization.CultureInfo.GetCultureInfo("en"))}"));
        Assert.Equal("阈值 'planrules.due_soon_days' 只对计划文件生效，而节 [*.ledger] 只匹配 .ledger 文件：此设置不起作用", parsed.Diagnostics[0].GetMessage(System.Globalization.CultureInfo.GetCultureInfo("zh-CN")));
        Assert.All(parsed.Diagnostics, d => Assert.Equal(("PR0004", DiagnosticSeverity.Warning), (d.Id, d.Severity)));
    }
}

/// <summary>Configuration files found on disk the editorconfig way.</summary>
public class ConfigDiscoveryTests
{
    private const string Plan = ComplianceKit.Header + """
        task 33 "IPv6" {
          lead 区政务服务数据管理局
          due 2021-12-16
        }
        """;

    private static DiagnosticSeverity? SeverityOf(ConfigSet config, string fullPath, string id)
    {
        var finding = Diagnostic.Create(DiagnosticCatalog.Find(id)!, Location.None);
        return config.Resolve(fullPath).Apply(finding)?.Severity;
    }

    [Fact]
    public void Nearer_file_overrides_its_parent_and_root_stops_the_lookup()
    {
        using var folder = new ScratchFolder();
        folder.Write(".planrules", "[*]\nplanrules_diagnostic.PR1009.severity = error\n");
        folder.Write("top/.planrules", "root = true\n[*.plan]\nplanrules_diagnostic.PR3001.severity = error\nplanrules_diagnostic.PR3006.severity = warning\n");
        folder.Write("top/team/.planrules", "[*.plan]\nplanrules_diagnostic.PR3001.severity = info\n");
        var plan = folder.Write("top/team/plan.plan", Plan);
        var sibling = folder.Write("top/other/plan.plan", Plan);

        var config = ConfigDiscovery.Load([plan, sibling], folder.Root);

        Assert.Equal(DiagnosticSeverity.Info, SeverityOf(config, plan, "PR3001"));      // nearest wins
        Assert.Equal(DiagnosticSeverity.Warning, SeverityOf(config, plan, "PR3006"));   // inherited from the parent
        Assert.Equal(DiagnosticSeverity.Error, SeverityOf(config, sibling, "PR3001"));  // the sibling only sees top/
        Assert.Equal(DiagnosticSeverity.Info, SeverityOf(config, plan, "PR1009"));      // above root = true: not read
        Assert.Equal(DiagnosticSeverity.Info, SeverityOf(config, sibling, "PR1009"));
    }

    [Fact]
    public void Without_root_the_lookup_goes_on_upward()
    {
        using var folder = new ScratchFolder();
        folder.Write(".planrules", "root = true\n[*]\nplanrules_diagnostic.PR1009.severity = error\n");
        folder.Write("top/.planrules", "[*.plan]\nplanrules_diagnostic.PR3001.severity = error\n");
        var plan = folder.Write("top/plan.plan", Plan);

        var config = ConfigDiscovery.Load([plan], folder.Root);

        Assert.Equal(DiagnosticSeverity.Error, SeverityOf(config, plan, "PR1009"));
        Assert.Equal(DiagnosticSeverity.Error, SeverityOf(config, plan, "PR3001"));
    }

    [Fact]
    public void Glob_section_can_apply_to_one_folder_only()
    {
        using var folder = new ScratchFolder();
        folder.Write(".planrules", "root = true\n[legacy/**.plan]\nplanrules_diagnostic.PR1005.severity = warning\n");
        var legacy = folder.Write("legacy/2019/old.plan", Plan);
        var current = folder.Write("current/new.plan", Plan);

        var config = ConfigDiscovery.Load([legacy, current], folder.Root);

        Assert.Equal(DiagnosticSeverity.Warning, SeverityOf(config, legacy, "PR1005"));
        Assert.Equal(DiagnosticSeverity.Error, SeverityOf(config, current, "PR1005"));
    }

    [Fact]
    public void Findings_in_each_plan_file_follow_the_configuration_of_that_file()
    {
        using var folder = new ScratchFolder();
        folder.Write(".planrules", "root = true\n[legacy/**.plan]\nplanrules_diagnostic.PR1005.severity = warning\n");
        var header = folder.Write("current/header.plan", ComplianceKit.Header);
        var legacy = folder.Write("legacy/old.plan", "task 1 \"无主责单位的旧任务\" { due 2021-06-30 }\n");
        var current = folder.Write("current/new.plan", "task 2 \"无主责单位的新任务\" { due 2021-06-30 }\n");

        var result = new PlanChecker().Check(new CheckRequest
        {
            Plans = [.. new[] { header, legacy, current }.Select(p => InputFiles.Read(p, InputFiles.DisplayPath(p, folder.Root)))],
            Config = ConfigDiscovery.Load([header, legacy, current], folder.Root),
            BaseDirectory = folder.Root,
            AsOf = ComplianceKit.D("2021-07-01"),
        });

        Assert.Equal(
            ["current/new.plan error", "legacy/old.plan warning"],
            result.Findings("PR1005").Select(d => $"{d.Location.Path} {d.Severity.ToText()}").Order(StringComparer.Ordinal));
        Assert.True(result.HasErrors);
    }

    [Fact]
    public void Explicit_configuration_file_applies_last()
    {
        using var folder = new ScratchFolder();
        folder.Write(".planrules", "root = true\n[*.plan]\nplanrules_diagnostic.PR3001.severity = error\n");
        folder.Write("elsewhere/ci.planrules", "[*.plan]\nplanrules_diagnostic.PR3001.severity = info\n");
        var plan = folder.Write("plan.plan", Plan);

        var config = ConfigDiscovery.Load([plan], folder.Root, "elsewhere/ci.planrules");

        Assert.Equal(DiagnosticSeverity.Info, SeverityOf(config, plan, "PR3001"));
        Assert.Throws<InputFileException>(() => ConfigDiscovery.Load([plan], folder.Root, "missing.planrules"));
    }

    [Fact]
    public void Configuration_problems_point_into_the_configuration_file()
    {
        using var folder = new ScratchFolder();
        folder.Write(".planrules", "root = true\n\n[*.plan]\nplanrules.unknown_option = 1\n");
        var plan = folder.Write("plan.plan", Plan);

        var config = ConfigDiscovery.Load([plan], folder.Root);

        var d = Assert.Single(config.Diagnostics);
        Assert.Equal(("PR0004", ".planrules", 4, 1), (d.Id, d.Location.Path, d.Location.Line, d.Location.Column));
    }
}
