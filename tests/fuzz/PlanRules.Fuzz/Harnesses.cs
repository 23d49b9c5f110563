using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using PlanRules.Analysis;
using PlanRules.Analysis.Compliance;
using PlanRules.Binding;
using PlanRules.Configuration;
using PlanRules.Diagnostics;
using PlanRules.Formatting;
using PlanRules.Import;
using PlanRules.Ledger;
using PlanRules.PlanTests;
using PlanRules.Rules;
using PlanRules.Syntax;
using PlanRules.Text;

namespace PlanRules.Fuzz;

/// <summary>
/// One harness per entry point that reads text written by other people. Each takes the raw input bytes and
/// throws (a crash for afl-fuzz) when the library throws or breaks a promise it documents.
/// </summary>
internal static class Harnesses
{
    public static readonly IReadOnlyDictionary<string, Action<byte[]>> All = new SortedDictionary<string, Action<byte[]>>(StringComparer.Ordinal)
    {
        ["plan"] = Plan,
        ["rules"] = Rules,
        ["ledger"] = LedgerText,
        ["csv"] = LedgerCsv,
        ["config"] = Config,
        ["import"] = Import,
        ["plantest"] = PlanTest,
    };

    private static readonly LocalDate AsOf = new(2021, 12, 31);
    private static readonly string BaseDirectory = Path.Combine(Path.GetTempPath(), "planrules-fuzz");

    /// <summary>A small plan with every kind of owner (units, aliases, closed and open groups), dates, dependencies and a recurring task.</summary>
    internal const string FixedPlanText = """
        plan "番禺区2021年政务公开工作要点分工方案" {
          ref "番府办〔2021〕35号"
          issued 2021-07-20
          period 2021-01-01 .. 2021-12-31
          issuer 区政府办
        }
        unit 区政府办 "番禺区人民政府办公室" { alias 区府办 }
        unit 区司法局 "番禺区司法局"
        unit 区政务服务数据管理局
        unit 市桥街
        unit 石楼镇
        group 镇街 "各镇(街)" = 市桥街, 石楼镇
        group 有关单位 "各有关单位"
        section 1 "深化政务公开" {
          section 1.1 "规划公开" {
            task 1 "主动公开规划纲要" {
              lead 区政府办, 有关单位, 镇街
              due 2021-09-30
              tag 及时
            }
            task 2 "归集整理历史规划" {
              lead 区司法局
              with 镇街
              support 区政务服务数据管理局
              after 1
              start 2021-03-01
              due 2021-12-31
              note "年底前完成"
              source "第40行"
            }
          }
        }
        task 43 "主要负责同志每年至少听取1次政务公开工作汇报" {
          lead 有关单位, 镇街
          every quarter at-least 1
        }
        task 50 "纳入年度报告" {
          lead 区政府办
          after 2, 43
          due 2021-06-30
          suppress PR1007 "年报时间由上级统一确定"
        }
        """;

    internal const string FixedLedgerText = """
        2021-08-16 task 1 done by 区政府办 evidence "https://www.panyu.gov.cn/"
        2021-09-06 task 1 done by 镇街
        2021-09-30 task 2 progress 70% by 区司法局 note "部分单位未报送"
        2021-10-01 task 2 started by 市桥街
        2021-03-15 task 43 occurred by 市桥街
        2021-06-15 task 43 occurred by 市桥街
        2021-11-01 task 50 waived "经区政府同意延期"
        2021-11-02 task 50 reopened
        2021-12-01 task 50 done
        """;

    private static readonly Lazy<BoundPlan> FixedPlan = new(() => PlanBinder.Bind(new SourceText(FixedPlanText, "fixed.plan")));

    /// <summary>Plan language: parse, bind; for a file without errors, the printer's promises (re-parse clean, idempotent).</summary>
    public static void Plan(byte[] bytes)
    {
        var source = Input.Decode(bytes, "fuzz.plan");
        var file = PlanParser.Parse(source);
        var plan = PlanBinder.Bind([file]);
        Check.Diagnostics(source, file.Diagnostics);
        Check.Diagnostics(source, plan.Diagnostics);
        if (file.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error)) return;

        // PlanPrinter: "Printing is idempotent, and parsing the output gives the same tree".
        var printed = PlanPrinter.Print(file);
        var reparsed = PlanParser.Parse(printed, "printed.plan");
        var errors = reparsed.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0) throw new FuzzInvariantException($"printed plan does not parse: {errors[0]}\n--- printed ---\n{printed}");
        var again = PlanPrinter.Print(reparsed);
        if (again != printed) throw new FuzzInvariantException($"printer is not idempotent\n--- first ---\n{printed}\n--- second ---\n{again}");
        var rebound = PlanBinder.Bind([reparsed]);
        if (rebound.Tasks.Length != plan.Tasks.Length || rebound.Obligations.Length != plan.Obligations.Length)
        {
            throw new FuzzInvariantException($"printed plan binds differently: {plan.Tasks.Length}/{plan.Obligations.Length} tasks/obligations before, {rebound.Tasks.Length}/{rebound.Obligations.Length} after\n--- printed ---\n{printed}");
        }
    }

    /// <summary>Rules language: parse, type-check, compile, then run the compiled rules over the fixed plan and ledger.</summary>
    public static void Rules(byte[] bytes)
    {
        var source = Input.Decode(bytes, "fuzz.rules");
        var rules = RuleSet.Compile([source]);
        Check.Diagnostics(source, rules.Diagnostics);
        if (rules.Rules.IsEmpty) return;
        var result = new PlanChecker().Check(new CheckRequest
        {
            Plans = [new SourceText(FixedPlanText, "fixed.plan")],
            Ledgers = [new SourceText(FixedLedgerText, "fixed.ledger")],
            RuleSets = [rules],
            AsOf = AsOf,
            BaseDirectory = BaseDirectory,
        });
        Check.Diagnostics(source, result.Diagnostics);
    }

    /// <summary>Ledger language: parse, then evaluate the records against the fixed plan.</summary>
    public static void LedgerText(byte[] bytes)
    {
        var source = Input.Decode(bytes, "fuzz.ledger");
        var ledger = LedgerParser.Parse(source);
        Check.Diagnostics(source, ledger.Diagnostics);
        Evaluate(source, ledger);
    }

    /// <summary>CSV ledgers: read, then evaluate the records against the fixed plan.</summary>
    public static void LedgerCsv(byte[] bytes)
    {
        var source = Input.Decode(bytes, "fuzz.ledger.csv");
        var ledger = LedgerCsvReader.Read(source);
        Check.Diagnostics(source, ledger.Diagnostics);
        Evaluate(source, ledger);
    }

    private static void Evaluate(SourceText source, LedgerFile ledger)
    {
        var records = ledger.Records.Select((r, i) => r with { Order = i }).ToList();
        var (_, diagnostics) = ComplianceEvaluator.Evaluate(FixedPlan.Value, records, AsOf);
        Check.Diagnostics(source, diagnostics);
    }

    /// <summary>Configuration: parse, resolve for a few paths, and let a whole check apply it.</summary>
    public static void Config(byte[] bytes)
    {
        var path = Path.Combine(BaseDirectory, ".planrules");
        var source = Input.Decode(bytes, path);
        var config = ConfigParser.Parse(source, BaseDirectory);
        Check.Diagnostics(source, config.Diagnostics);
        var set = new ConfigSet([config]);
        foreach (var file in new[] { "plan.plan", "progress.ledger", "a/b/c.ledger.csv", "rules/x.rules", "番禺/计划.plan", "" })
        {
            var effective = set.Resolve(Path.Combine(BaseDirectory, file));
            effective.Compliance(ComplianceOptions.Default);
        }
        var result = new PlanChecker().Check(new CheckRequest
        {
            Plans = [new SourceText(FixedPlanText, "plan.plan")],
            Ledgers = [new SourceText(FixedLedgerText, "progress.ledger")],
            Config = set,
            AsOf = AsOf,
            BaseDirectory = BaseDirectory,
        });
        Check.Diagnostics(source, result.Diagnostics);
    }

    /// <summary>
    /// Notice importer: bytes as the CLI reads them (encoding detection; <see cref="NoticeDecodingException"/> is the
    /// documented refusal), else the lenient text; the draft must parse and bind without errors.
    /// </summary>
    public static void Import(byte[] bytes)
    {
        ImportResult result;
        try
        {
            result = NoticeImporter.Import(bytes, "fuzz.txt");
        }
        catch (NoticeDecodingException)
        {
            result = NoticeImporter.ImportText(Input.Decode(bytes, "fuzz.txt").Text, "fuzz.txt");
        }
        if (result.HasErrors)
        {
            var error = result.Plan.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error);
            throw new FuzzInvariantException($"imported draft has an error finding: {error}\n--- draft ---\n{result.PlanText}");
        }
    }

    /// <summary>
    /// Test files (<c>*.plantest</c>): parse, then run the tests whose plans, ledgers and rules are all inline
    /// (a test naming files would read whatever paths the input names).
    /// </summary>
    public static void PlanTest(byte[] bytes)
    {
        var source = Input.Decode(bytes, "fuzz.plantest");
        var (tests, diagnostics) = PlanTestParser.Parse(source);
        Check.Diagnostics(source, diagnostics);
        var runner = new PlanTestRunner(new PlanChecker());
        foreach (var test in tests)
        {
            if (test.Config is not null || test.Plans.Concat(test.Ledgers).Concat(test.Rules).Any(s => s.Inline is null)) continue;
            var result = runner.Run(test, BaseDirectory, BaseDirectory);
            Check.Diagnostics(source, result.Actual);
        }
    }
}

/// <summary>A broken promise found by a harness (as opposed to an exception thrown by the library).</summary>
internal sealed class FuzzInvariantException(string message) : Exception(message);

/// <summary>Checks every finding can be shown: its span lies inside its text, its messages render.</summary>
internal static class Check
{
    private static readonly CultureInfo[] Cultures = [CultureInfo.GetCultureInfo("zh-CN"), CultureInfo.GetCultureInfo("en")];

    public static void Diagnostics(SourceText source, IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            foreach (var location in diagnostic.AdditionalLocations.Prepend(diagnostic.Location))
            {
                if (location.Path != source.Path) continue;
                var span = location.SourceSpan;
                if (span.Start < 0 || span.Length < 0 || span.End > source.Length)
                {
                    throw new FuzzInvariantException($"{diagnostic.Id} span {span} outside the text (length {source.Length})");
                }
                if (location.LineSpan != source.GetLinePositionSpan(span))
                {
                    throw new FuzzInvariantException($"{diagnostic.Id} line span {location.LineSpan} does not match span {span}");
                }
            }
            foreach (var culture in Cultures) _ = diagnostic.GetMessage(culture);
            _ = diagnostic.Fingerprint;
        }
    }
}
