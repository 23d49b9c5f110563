using System.Text.Json;
using PlanRules.Analysis;
using PlanRules.Configuration;
using PlanRules.Output;
using PlanRules.Tests.Support;
using PlanRules.Text;
using static PlanRules.Tests.Output.OutputKit;

namespace PlanRules.Tests.Output;

/// <summary><c>planrules check --format json</c>: the shape FINDINGS.md documents, relative paths, stable fingerprints.</summary>
public class JsonReportTests
{
    private static readonly string[] FindingFields =
    [
        "id", "severity", "category", "message", "path", "line", "column", "endLine", "endColumn",
        "taskId", "unit", "properties", "suppressed", "justification", "fingerprint",
    ];

    [Fact]
    public void Example_json_has_the_documented_shape()
    {
        using var document = JsonDocument.Parse(CheckExample("json").Out);
        var root = document.RootElement;

        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        var tool = root.GetProperty("tool");
        Assert.Equal("planrules", tool.GetProperty("name").GetString());
        Assert.Equal(JsonReport.ToolVersion, tool.GetProperty("version").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+", tool.GetProperty("version").GetString());
        Assert.Equal("2021-12-31", root.GetProperty("asOf").GetString());

        var plan = root.GetProperty("plan");
        Assert.Equal("番禺区2021年政务公开工作要点分工方案", plan.GetProperty("title").GetString());
        Assert.Equal(50, plan.GetProperty("tasks").GetInt32());
        Assert.Equal(JsonValueKind.Number, plan.GetProperty("units").ValueKind);
        Assert.True(plan.GetProperty("units").GetInt32() > 40);

        var findings = root.GetProperty("findings").EnumerateArray().ToList();
        Assert.NotEmpty(findings);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal) { ["error"] = 0, ["warning"] = 0, ["info"] = 0 };
        foreach (var f in findings)
        {
            foreach (var field in FindingFields) Assert.True(f.TryGetProperty(field, out _), $"finding without '{field}': {f}");
            Assert.Matches("^[A-Z]+[0-9]+$", f.GetProperty("id").GetString());
            var severity = f.GetProperty("severity").GetString()!;
            Assert.Contains(severity, counts.Keys);
            Assert.False(string.IsNullOrEmpty(f.GetProperty("category").GetString()));
            Assert.False(string.IsNullOrEmpty(f.GetProperty("message").GetString()));
            Assert.Equal(JsonValueKind.String, f.GetProperty("path").ValueKind);
            foreach (var field in new[] { "line", "column", "endLine", "endColumn" }) Assert.True(f.GetProperty(field).GetInt32() >= 1, field);
            Assert.True((f.GetProperty("endLine").GetInt32(), f.GetProperty("endColumn").GetInt32()).CompareTo((f.GetProperty("line").GetInt32(), f.GetProperty("column").GetInt32())) >= 0);
            Assert.Contains(f.GetProperty("taskId").ValueKind, new[] { JsonValueKind.String, JsonValueKind.Null });
            Assert.Contains(f.GetProperty("unit").ValueKind, new[] { JsonValueKind.String, JsonValueKind.Null });
            Assert.Equal(JsonValueKind.Object, f.GetProperty("properties").ValueKind);
            Assert.All(f.GetProperty("properties").EnumerateObject(), p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));
            var suppressed = f.GetProperty("suppressed").GetBoolean();
            Assert.Equal(suppressed ? JsonValueKind.String : JsonValueKind.Null, f.GetProperty("justification").ValueKind);
            Assert.Matches("^[0-9a-f]{32}$", f.GetProperty("fingerprint").GetString());
            if (!suppressed) counts[severity]++;
        }
        var overdue = findings.First(f => f.GetProperty("id").GetString() == "PR3001");
        Assert.Equal("schedule", overdue.GetProperty("category").GetString());
        Assert.Equal(JsonValueKind.String, overdue.GetProperty("taskId").ValueKind);
        Assert.Equal(JsonValueKind.String, overdue.GetProperty("unit").ValueKind);
        Assert.Matches("^[0-9]+$", overdue.GetProperty("properties").GetProperty("daysOverdue").GetString());

        var summary = root.GetProperty("summary");
        Assert.Equal(["error", "warning", "info"], summary.EnumerateObject().Select(p => p.Name));
        Assert.Equal(counts["error"], summary.GetProperty("error").GetInt32());
        Assert.Equal(counts["warning"], summary.GetProperty("warning").GetInt32());
        Assert.Equal(counts["info"], summary.GetProperty("info").GetInt32());

        var units = root.GetProperty("units").EnumerateArray().ToList();
        Assert.NotEmpty(units);
        foreach (var u in units)
        {
            Assert.False(string.IsNullOrEmpty(u.GetProperty("unit").GetString()));
            var numbers = new[] { "obligations", "done", "doneLate", "overdue", "waived", "open" }.ToDictionary(n => n, n => u.GetProperty(n).GetInt32());
            Assert.All(numbers.Values, n => Assert.True(n >= 0));
            Assert.Equal(numbers["obligations"], numbers["done"] + numbers["overdue"] + numbers["waived"] + numbers["open"]);
            Assert.True(numbers["doneLate"] <= numbers["done"]);
        }
        Assert.Contains(units, u => u.GetProperty("unit").GetString() == "市桥街");
    }

    [Fact]
    public void Findings_are_in_path_line_column_id_order()
    {
        using var document = JsonDocument.Parse(CheckExample("json").Out);
        var keys = document.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => (Path: f.GetProperty("path").GetString()!, Line: f.GetProperty("line").GetInt32(), Column: f.GetProperty("column").GetInt32(), Id: f.GetProperty("id").GetString()!))
            .ToList();

        var sorted = keys.OrderBy(k => k.Path, StringComparer.Ordinal).ThenBy(k => k.Line).ThenBy(k => k.Column).ThenBy(k => k.Id, StringComparer.Ordinal).ToList();
        Assert.Equal(sorted, keys);
    }

    [Fact]
    public void Paths_are_relative_to_the_current_folder_with_forward_slashes()
    {
        using var document = JsonDocument.Parse(CheckExample("json").Out);
        var findings = document.RootElement.GetProperty("findings").EnumerateArray().ToList();

        var paths = findings.Select(f => f.GetProperty("path").GetString()!)
            .Concat(findings.Where(f => f.TryGetProperty("relatedLocations", out _))
                .SelectMany(f => f.GetProperty("relatedLocations").EnumerateArray().Select(r => r.GetProperty("path").GetString()!)))
            .Distinct()
            .ToList();
        Assert.Contains("examples/panyu-2021/plan.plan", paths);
        Assert.Contains("examples/panyu-2021/progress.ledger", paths);
        Assert.All(paths, p =>
        {
            Assert.False(Path.IsPathRooted(p), p);
            Assert.DoesNotContain('\\', p);
            Assert.DoesNotContain("..", p);
        });

        // From inside the example folder the same findings have paths relative to it.
        var inside = RunCli(Path.Combine(TestPaths.RepoRoot, "examples", "panyu-2021"), "check", ".", "--format", "json", "--as-of", "2021-12-31");
        Assert.Equal(0, inside.Exit);
        using var insideDocument = JsonDocument.Parse(inside.Out);
        var insidePaths = insideDocument.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("path").GetString()!).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["plan.plan", "progress.ledger"], insidePaths);
    }

    [Fact]
    public void Example_json_is_byte_identical_across_runs()
    {
        var first = CheckExample("json").Out;

        Assert.Equal(first, CheckExample("json").Out);
        Assert.DoesNotContain("\r", first);
        Assert.EndsWith("}\n", first);
        Assert.Contains("番禺区", first); // Chinese is written as is, not as \u escapes
    }

    [Fact]
    public void Fingerprints_do_not_change_when_lines_move()
    {
        using var original = new TempDirectory();
        using var moved = new TempDirectory();
        CopyExample(original);
        CopyExample(moved, text => "\n\n\n// 插入的注释行\n\n" + text);

        var before = RunCli(original.Path, "check", Example, "--format", "json", "--as-of", "2021-12-31");
        var after = RunCli(moved.Path, "check", Example, "--format", "json", "--as-of", "2021-12-31");

        Assert.True(before.Exit == 0, before.Err);
        Assert.True(after.Exit == 0, after.Err);
        var beforeFindings = Findings(before.Out);
        var afterFindings = Findings(after.Out);
        Assert.Equal(beforeFindings.Count, afterFindings.Count);
        Assert.Equal(
            beforeFindings.Select(f => f.Fingerprint).Order(StringComparer.Ordinal),
            afterFindings.Select(f => f.Fingerprint).Order(StringComparer.Ordinal));

        // The lines did move: plan findings are five lines further down, ledger findings stay.
        var beforeByFingerprint = beforeFindings.ToLookup(f => f.Fingerprint);
        var planFindings = 0;
        foreach (var f in afterFindings)
        {
            var old = beforeByFingerprint[f.Fingerprint].First();
            var shift = f.Path.EndsWith(".plan", StringComparison.Ordinal) ? 5 : 0;
            if (shift > 0) planFindings++;
            Assert.Equal(old.Line + shift, f.Line);
        }
        Assert.True(planFindings > 0);
        // Fingerprints tell findings apart (a baseline needs that).
        Assert.True(beforeFindings.Select(f => f.Fingerprint).Distinct().Count() >= beforeFindings.Count * 9 / 10);
    }

    [Fact]
    public void Fingerprints_do_not_depend_on_the_culture()
    {
        var zh = Findings(CheckExample("json", "--culture", "zh-CN").Out);
        var en = Findings(CheckExample("json", "--culture", "en").Out);

        Assert.Equal(zh.Select(f => f.Fingerprint), en.Select(f => f.Fingerprint));
        Assert.NotEqual(zh.Select(f => f.Message), en.Select(f => f.Message));
    }

    [Fact]
    public void A_baseline_written_as_json_suppresses_everything_on_the_next_run()
    {
        using var folder = new TempDirectory();
        CopyExample(folder);
        var first = RunCli(folder.Path, "check", Example, "--format", "json", "--as-of", "2021-12-31", "--output", "baseline.json");
        Assert.True(first.Exit == 0, first.Err);

        // Moving lines does not break the baseline.
        CopyExample(folder, text => "\n\n" + text);
        var second = RunCli(folder.Path, "check", Example, "--format", "json", "--as-of", "2021-12-31", "--baseline", "baseline.json");

        Assert.True(second.Exit == 0, second.Err);
        using var document = JsonDocument.Parse(second.Out);
        var findings = document.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.NotEmpty(findings);
        Assert.All(findings, f =>
        {
            Assert.True(f.GetProperty("suppressed").GetBoolean(), f.ToString());
            Assert.Equal("baseline: baseline.json", f.GetProperty("justification").GetString());
        });
        var summary = document.RootElement.GetProperty("summary");
        Assert.Equal((0, 0, 0), (summary.GetProperty("error").GetInt32(), summary.GetProperty("warning").GetInt32(), summary.GetProperty("info").GetInt32()));
    }

    [Fact]
    public void Hidden_findings_are_not_printed()
    {
        var config = new ConfigSet([ConfigParser.Parse(new SourceText("root = true\n[*]\nplanrules_diagnostic.PR3001.severity = hidden\n", ".planrules"), Base)]);
        var result = new PlanChecker().Check(new CheckRequest
        {
            Plans = [new SourceText(SuppressionPlan, "plan.plan")],
            AsOf = new NodaTime.LocalDate(2021, 12, 31),
            Config = config,
            BaseDirectory = Base,
        });
        Assert.Contains(result.Diagnostics, d => d.Id == "PR3001" && d.Severity == Diagnostics.DiagnosticSeverity.Hidden);

        using var document = JsonDocument.Parse(JsonReport.Render(result, Zh));

        var findings = document.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.DoesNotContain(findings, f => f.GetProperty("id").GetString() == "PR3001");
        Assert.DoesNotContain(findings, f => f.GetProperty("severity").GetString() == "hidden");
        Assert.Equal(findings.Count(f => !f.GetProperty("suppressed").GetBoolean() && f.GetProperty("severity").GetString() == "warning"),
            document.RootElement.GetProperty("summary").GetProperty("warning").GetInt32());
    }

    private static readonly string Base = Path.Combine(Path.GetTempPath(), "planrules-json-tests-base");

    private sealed record Finding(string Id, string Path, int Line, string Message, string Fingerprint);

    private static List<Finding> Findings(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("findings").EnumerateArray().Select(f => new Finding(
            f.GetProperty("id").GetString()!,
            f.GetProperty("path").GetString()!,
            f.GetProperty("line").GetInt32(),
            f.GetProperty("message").GetString()!,
            f.GetProperty("fingerprint").GetString()!))];
    }
}
