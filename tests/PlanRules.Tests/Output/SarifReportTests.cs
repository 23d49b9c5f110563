using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using PlanRules.Analysis;
using PlanRules.Diagnostics;
using PlanRules.Output;
using PlanRules.Tests.Support;
using PlanRules.Text;
using static PlanRules.Tests.Output.OutputKit;

namespace PlanRules.Tests.Output;

/// <summary>
/// <c>planrules check --format sarif</c>: valid against the official SARIF 2.1.0 schema, and shaped the way
/// GitHub code scanning needs it.
/// </summary>
public class SarifReportTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Output", "sarif-schema-2.1.0.json"));
        var schema = JsonNode.Parse(text)!.AsObject();
        // The official schema is written for draft-04, which JsonSchema.Net does not implement. Its only
        // draft-04-specific parts are "$schema" and the top-level "id" (there is no boolean exclusiveMinimum
        // or exclusiveMaximum, and every $ref is local), so read as draft-07 it means the same. The id is
        // dropped rather than renamed to $id: JsonSchema.Net 8 refuses to register this schema under it.
        Assert.Equal("http://json-schema.org/draft-04/schema#", schema["$schema"]!.GetValue<string>());
        Assert.DoesNotContain("exclusiveM", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"$ref\": \"http", text, StringComparison.Ordinal);
        schema["$schema"] = "http://json-schema.org/draft-07/schema#";
        schema.Remove("id");
        return JsonSchema.FromText(schema.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    });

    private static void AssertSchemaValid(string sarif)
    {
        var errors = SchemaErrors(sarif);
        Assert.True(errors.Count == 0, "SARIF is not valid against sarif-schema-2.1.0.json:\n" + string.Join('\n', errors.Take(30)));
    }

    private static List<string> SchemaErrors(string sarif)
    {
        using var document = JsonDocument.Parse(sarif);
        var results = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (results.IsValid) return [];
        // The list holds the failures of every anyOf branch too; those outside any anyOf come first.
        var errors = (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .OrderBy(d => d.EvaluationPath.ToString().Contains("/anyOf/", StringComparison.Ordinal))
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"))
            .ToList();
        return errors.Count > 0 ? errors : ["invalid (no details)"];
    }

    [Fact]
    public void Example_sarif_is_valid_against_the_official_schema()
    {
        var run = CheckExample("sarif");

        AssertSchemaValid(run.Out);
    }

    [Fact]
    public void Sarif_with_help_uris_is_valid_against_the_official_schema()
    {
        var run = CheckExample("sarif", "--help-uri-base", "https://intranet.example.gov.cn/planrules/{id}");

        Assert.Contains("\"helpUri\": \"https://intranet.example.gov.cn/planrules/GOV", run.Out, StringComparison.Ordinal);
        AssertSchemaValid(run.Out);
    }

    [Fact]
    public void The_schema_check_catches_broken_sarif()
    {
        var sarif = JsonNode.Parse(CheckExample("sarif").Out)!;
        var result = sarif["runs"]![0]!["results"]![0]!;
        result["locations"]![0]!["physicalLocation"]!["region"]!["startLine"] = 0;
        result["level"] = "fatal";
        sarif["version"] = "2.0.0";

        var errors = SchemaErrors(sarif.ToJsonString());

        Assert.NotEmpty(errors);
        Assert.Contains(errors, e => e.Contains("/version", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("/level", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("/startLine", StringComparison.Ordinal));
    }

    [Fact]
    public void Relative_uris_name_their_base_the_source_root()
    {
        using var document = JsonDocument.Parse(CheckExample("sarif").Out);

        var results = document.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        var artifacts = results
            .SelectMany(r => r.GetProperty("locations").EnumerateArray()
                .Concat(r.TryGetProperty("relatedLocations", out var related) ? related.EnumerateArray() : []))
            .Select(l => l.GetProperty("physicalLocation").GetProperty("artifactLocation"))
            .ToList();
        Assert.Contains(artifacts, a => a.GetProperty("uri").GetString() == "examples/panyu-2021/plan.plan");
        Assert.All(artifacts, a =>
        {
            Assert.False(Uri.IsWellFormedUriString(a.GetProperty("uri").GetString(), UriKind.Absolute));
            Assert.Equal("%SRCROOT%", a.GetProperty("uriBaseId").GetString());
        });
    }

    [Fact]
    public void Example_sarif_has_what_GitHub_code_scanning_needs()
    {
        using var document = JsonDocument.Parse(CheckExample("sarif").Out);
        var root = document.RootElement;

        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        Assert.StartsWith("https://", root.GetProperty("$schema").GetString());
        var run = Assert.Single(root.GetProperty("runs").EnumerateArray());
        Assert.Equal("utf16CodeUnits", run.GetProperty("columnKind").GetString());
        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("planrules", driver.GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(driver.GetProperty("version").GetString()));

        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        Assert.NotEmpty(rules);
        var ruleIds = rules.Select(r => r.GetProperty("id").GetString()!).ToList();
        Assert.Equal(ruleIds.Count, ruleIds.Distinct(StringComparer.Ordinal).Count());
        foreach (var rule in rules)
        {
            Assert.Matches("^[A-Za-z][A-Za-z0-9_]*$", rule.GetProperty("id").GetString());
            NonEmptyText(rule, "shortDescription");
            NonEmptyText(rule, "fullDescription");
            NonEmptyText(rule, "help");
            Assert.Contains(rule.GetProperty("defaultConfiguration").GetProperty("level").GetString(), new[] { "error", "warning", "note" });
            Assert.False(string.IsNullOrEmpty(rule.GetProperty("properties").GetProperty("category").GetString()));
            if (rule.TryGetProperty("helpUri", out var helpUri)) Assert.True(Uri.IsWellFormedUriString(helpUri.GetString(), UriKind.Absolute));
        }

        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.NotEmpty(results);
        foreach (var result in results)
        {
            var ruleId = result.GetProperty("ruleId").GetString()!;
            var ruleIndex = result.GetProperty("ruleIndex").GetInt32();
            Assert.InRange(ruleIndex, 0, rules.Count - 1);
            Assert.Equal(ruleId, ruleIds[ruleIndex]);
            Assert.Contains(result.GetProperty("level").GetString(), new[] { "error", "warning", "note" });
            NonEmptyText(result, "message");
            AssertOnePhysicalLocation(result);
            var fingerprints = result.GetProperty("partialFingerprints");
            Assert.Matches("^[0-9a-f]{32}$", fingerprints.GetProperty("planrules/v1").GetString());
            if (result.TryGetProperty("relatedLocations", out var related))
            {
                foreach (var location in related.EnumerateArray()) AssertPhysicalLocation(location.GetProperty("physicalLocation"));
            }
        }
        // Every rule listed is used by some result, and results reference rules in sorted order.
        Assert.Equal(ruleIds.Order(StringComparer.Ordinal), results.Select(r => r.GetProperty("ruleId").GetString()!).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(ruleIds.Order(StringComparer.Ordinal), ruleIds);
    }

    [Fact]
    public void Regions_are_one_based_utf16_positions_that_match_the_files()
    {
        using var document = JsonDocument.Parse(CheckExample("sarif").Out);
        var results = document.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        var sources = new Dictionary<string, SourceText>(StringComparer.Ordinal);
        var checkedNonAscii = false;

        foreach (var result in results)
        {
            var physical = result.GetProperty("locations")[0].GetProperty("physicalLocation");
            var uri = physical.GetProperty("artifactLocation").GetProperty("uri").GetString()!;
            if (!uri.StartsWith(Example + "/", StringComparison.Ordinal)) continue;
            if (!sources.TryGetValue(uri, out var source))
            {
                sources[uri] = source = SourceText.FromFile(Path.Combine(TestPaths.RepoRoot, Uri.UnescapeDataString(uri)));
            }
            var region = physical.GetProperty("region");
            var offset = region.GetProperty("charOffset").GetInt32();
            var length = region.GetProperty("charLength").GetInt32();
            var start = source.GetLinePosition(offset);
            var end = source.GetLinePosition(offset + length);
            Assert.Equal((start.Line, start.Column, end.Line, end.Column),
                (region.GetProperty("startLine").GetInt32(), region.GetProperty("startColumn").GetInt32(),
                 region.GetProperty("endLine").GetInt32(), region.GetProperty("endColumn").GetInt32()));
            var lineStart = source.LineStarts[start.Line - 1];
            if (source.Text[lineStart..offset].Any(c => c > 0x7F)) checkedNonAscii = true;
        }

        Assert.NotEmpty(sources);
        Assert.True(checkedNonAscii, "no result starts after non-ASCII text on its line");
    }

    [Fact]
    public void Example_sarif_is_byte_identical_across_runs()
    {
        var first = CheckExample("sarif").Out;
        var second = CheckExample("sarif").Out;

        Assert.Equal(first, second);
        Assert.EndsWith("}\n", first);
        Assert.DoesNotContain("\r", first);
    }

    [Fact]
    public void In_English_the_texts_are_English_and_still_valid()
    {
        var run = CheckExample("sarif", "--culture", "en");

        AssertSchemaValid(run.Out);
        using var document = JsonDocument.Parse(run.Out);
        var pr3001 = document.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().First(r => r.GetProperty("ruleId").GetString() == "PR3001");
        Assert.Matches(@"^Task \d+ is \d+ days overdue", pr3001.GetProperty("message").GetProperty("text").GetString());
    }

    [Fact]
    public void Sarif_written_to_a_file_is_the_same_as_on_stdout()
    {
        using var folder = new TempDirectory();
        var output = Path.Combine(folder.Path, "out", "planrules.sarif");

        var toStdout = CheckExample("sarif").Out;
        var toFile = CheckExample("sarif", "--output", output);

        Assert.Equal("", toFile.Out);
        Assert.Equal(toStdout, File.ReadAllText(output));
        var bytes = File.ReadAllBytes(output);
        Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "no byte-order mark");
    }

    [Fact]
    public void Suppressed_findings_carry_their_kind_and_justification()
    {
        using var folder = new TempDirectory();
        folder.Write("plan/plan.plan", SuppressionPlan);
        folder.Write("plan/progress.ledger", "2021-09-01 task 48 done by 市桥街\n");

        // A baseline accepting what the first run found (task 48's PR3001 for 石楼镇, among others).
        var first = RunCli(folder.Path, "check", "plan", "--as-of", "2021-12-31", "--format", "json", "--output", "baseline.json");
        Assert.True(first.Exit == 0, first.Err);
        folder.Write("plan/progress.ledger", "2021-09-01 task 48 done by 市桥街\n2021-10-01 task 99 done\n");
        var run = RunCli(folder.Path, "check", "plan", "--as-of", "2021-12-31", "--format", "sarif", "--baseline", "baseline.json");

        Assert.True(run.Exit == 1, run.Err); // PR3007 (task 99) is new, not in the baseline: an error
        AssertSchemaValid(run.Out);
        using var document = JsonDocument.Parse(run.Out);
        var results = document.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();

        var inSource = Assert.Single(results, r => Suppression(r) is ("inSource", _));
        Assert.Equal("PR3001", inSource.GetProperty("ruleId").GetString());
        Assert.Equal("33", inSource.GetProperty("properties").GetProperty("taskId").GetString());
        Assert.Equal(("inSource", "经区政府同意延期至2022年3月"), Suppression(inSource));

        var external = results.Where(r => Suppression(r) is ("external", _)).ToList();
        Assert.NotEmpty(external);
        Assert.All(external, r => Assert.Equal(("external", "baseline: baseline.json"), Suppression(r)));
        Assert.Contains(external, r => r.GetProperty("ruleId").GetString() == "PR3001" && r.GetProperty("properties").GetProperty("taskId").GetString() == "48");

        var open = Assert.Single(results, r => !r.TryGetProperty("suppressions", out _));
        Assert.Equal("PR3007", open.GetProperty("ruleId").GetString());
        Assert.Equal("error", open.GetProperty("level").GetString());
        foreach (var result in results) AssertOnePhysicalLocation(result);
    }

    [Fact]
    public void A_finding_without_a_location_still_has_one_physical_location()
    {
        // PR9001 (a host analyzer threw) is about the run, not a place in a file.
        var result = new PlanChecker().Check(new CheckRequest
        {
            Plans = [new SourceText(SuppressionPlan, "plans/计划 2021.plan")],
            AsOf = new NodaTime.LocalDate(2021, 12, 31),
            BaseDirectory = Path.Combine(Path.GetTempPath(), "planrules-sarif-tests-base"),
            Analyzers = [new AlwaysThrowingAnalyzer()],
        });
        Assert.True(Assert.Single(result.Diagnostics, d => d.Id == "PR9001").Location.IsNone);

        var sarif = SarifReport.Render(result, En);

        AssertSchemaValid(sarif);
        using var document = JsonDocument.Parse(sarif);
        var results = document.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        var failure = Assert.Single(results, r => r.GetProperty("ruleId").GetString() == "PR9001");
        var physical = AssertOnePhysicalLocation(failure);
        Assert.Equal("plans/%E8%AE%A1%E5%88%92%202021.plan", physical.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(1, physical.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal(1, physical.GetProperty("region").GetProperty("startColumn").GetInt32());
        Assert.Equal("Host analyzer AlwaysThrowingAnalyzer threw: InvalidOperationException: always", failure.GetProperty("message").GetProperty("text").GetString());
        foreach (var r in results) AssertOnePhysicalLocation(r);
    }

    [Fact]
    public void Hidden_findings_are_not_printed()
    {
        using var folder = new TempDirectory();
        folder.Write("plan/plan.plan", SuppressionPlan);
        folder.Write("plan/.planrules", "root = true\n[*.plan]\nplanrules_diagnostic.PR3001.severity = hidden\n");

        var run = RunCli(folder.Path, "check", "plan", "--as-of", "2021-12-31", "--format", "sarif", "--no-default-rules");

        Assert.True(run.Exit == 0, run.Err);
        AssertSchemaValid(run.Out);
        using var document = JsonDocument.Parse(run.Out);
        var sarifRun = document.RootElement.GetProperty("runs")[0];
        Assert.DoesNotContain(sarifRun.GetProperty("results").EnumerateArray(), r => r.GetProperty("ruleId").GetString() == "PR3001");
        Assert.DoesNotContain(sarifRun.GetProperty("results").EnumerateArray(), r => r.GetProperty("level").GetString() == "none");
        Assert.DoesNotContain(sarifRun.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray(), r => r.GetProperty("id").GetString() == "PR3001");
        var text = RunCli(folder.Path, "check", "plan", "--as-of", "2021-12-31", "--no-default-rules");
        Assert.DoesNotContain("PR3001", text.Out);
    }

    private static (string Kind, string? Justification)? Suppression(JsonElement result)
    {
        if (!result.TryGetProperty("suppressions", out var suppressions)) return null;
        var suppression = Assert.Single(suppressions.EnumerateArray());
        return (suppression.GetProperty("kind").GetString()!, suppression.TryGetProperty("justification", out var j) ? j.GetString() : null);
    }

    private static void NonEmptyText(JsonElement element, string property) =>
        Assert.False(string.IsNullOrWhiteSpace(element.GetProperty(property).GetProperty("text").GetString()), property);

    private static JsonElement AssertOnePhysicalLocation(JsonElement result)
    {
        var location = Assert.Single(result.GetProperty("locations").EnumerateArray());
        var physical = location.GetProperty("physicalLocation");
        AssertPhysicalLocation(physical);
        return physical;
    }

    private static void AssertPhysicalLocation(JsonElement physical)
    {
        var uri = physical.GetProperty("artifactLocation").GetProperty("uri").GetString()!;
        Assert.False(string.IsNullOrEmpty(uri));
        Assert.DoesNotContain('\\', uri);
        Assert.False(uri.StartsWith('/'), uri);
        Assert.DoesNotContain(':', uri);
        Assert.True(Uri.IsWellFormedUriString(uri, UriKind.Relative), uri);
        var region = physical.GetProperty("region");
        Assert.True(region.GetProperty("startLine").GetInt32() >= 1);
        Assert.True(region.GetProperty("startColumn").GetInt32() >= 1);
        Assert.True(region.GetProperty("endLine").GetInt32() >= region.GetProperty("startLine").GetInt32());
        Assert.True(region.GetProperty("endColumn").GetInt32() >= 1);
    }

    [Fact]
    public void A_host_property_named_like_one_planrules_writes_is_kept_under_its_own_name()
    {
        var result = new PlanChecker().Check(new CheckRequest
        {
            Plans = [new SourceText(SuppressionPlan, "plan.plan")],
            AsOf = new NodaTime.LocalDate(2021, 12, 31),
            BaseDirectory = Path.Combine(Path.GetTempPath(), "planrules-sarif-tests-base"),
            Analyzers = [new PropertyNamesAnalyzer()],
        });
        var sarif = SarifReport.Render(result, En);

        AssertSchemaValid(sarif);
        using var document = JsonDocument.Parse(sarif);
        var finding = Assert.Single(document.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray(),
            r => r.GetProperty("ruleId").GetString() == "HOST01");
        var names = finding.GetProperty("properties").EnumerateObject().Select(p => (p.Name, p.Value.GetString())).ToList();
        Assert.Equal(names.Count, names.Select(n => n.Name).Distinct().Count());
        Assert.Equal(
            // PlanRules' own first; then the finding's, in key order: a key PlanRules took, or another property has,
            // gets "finding." before it; "finding.category", a name of its own, keeps it.
            [("category", "host"), ("taskId", "1"), ("unit", "区司法局"), ("finding.finding.category", "mine"),
             ("finding.category", "also mine"), ("other", "z"), ("finding.taskId", "x"), ("finding.unit", "y")],
            names);
    }

    private sealed class PropertyNamesAnalyzer : PlanAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("HOST01", LocalizableString.FromText("t"), LocalizableString.FromText("m"), "host", DiagnosticSeverity.Warning);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

        public override void Initialize(AnalysisContext context) => context.RegisterPlanAction(plan => plan.ReportDiagnostic(Diagnostic.Create(
            Rule, plan.PlanView.Symbol.Location, "1", "区司法局",
            [new("category", "mine"), new("finding.category", "also mine"), new("taskId", "x"), new("unit", "y"), new("other", "z")])));
    }

    private sealed class AlwaysThrowingAnalyzer : PlanAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [];

        public override void Initialize(AnalysisContext context) => context.RegisterPlanAction(_ => throw new InvalidOperationException("always"));
    }
}
