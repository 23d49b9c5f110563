using System.Runtime.CompilerServices;
using PlanRules.Analysis;
using PlanRules.Analysis.Compliance;
using PlanRules.Binding;
using PlanRules.Diagnostics;
using PlanRules.Rules;
using PlanRules.Rules.Runtime;
using PlanRules.Syntax;
using PlanRules.Text;
using static PlanRules.Tests.Analysis.ComplianceKit;

namespace PlanRules.Tests.Analysis;

/// <summary>
/// Compliance and rule findings are kept compact and say what they say when read. Each must read exactly as the
/// same finding built with every part given (what <see cref="Diagnostic.WithProperties"/> makes): arguments,
/// messages in both languages, properties, fingerprint and place in the order.
/// </summary>
public class CompactFindingTests
{
    private const string Plan = Header + """
        task 41 "前置任务" {
          lead 区司法局
          due 2021-06-30
        }
        task 42 "后续任务" {
          lead 区政府办
          with 镇街
          due 2021-05-31
          after 41
        }
        task 43 "听取政务公开工作汇报" {
          lead 市桥街
          every month at-least 2
        }
        task 44 "即将到期" {
          lead 石楼镇
          due 2021-12-20
        }
        task 45 "各有关单位负责" {
          lead 有关单位
          due 2021-10-31
        }
        """;

    private const string Ledger = """
        2021-06-10 task 42 done by 区政府办
        2021-03-01 task 43 occurred
        2021-03-09 task 43 occurred
        2021-05-02 task 43 occurred
        2021-06-15 task 41 started
        """;

    private static readonly string[] CompactIds = ["PR3001", "PR3002", "PR3003", "PR3005", "PR3006"];

    [Fact]
    public void Every_compact_finding_reads_as_the_same_finding_with_all_parts_given()
    {
        var result = new PlanChecker().Check(new CheckRequest
        {
            Plans = [new SourceText(Plan, "plan.plan")],
            Ledgers = [new SourceText(Ledger, "progress.ledger")],
            AsOf = D("2021-12-10"),
            IncludeStandardRules = true,
            BaseDirectory = BaseDirectory,
        });
        // Every compact kind is present, and rule findings too.
        foreach (var id in CompactIds) Assert.NotEmpty(result.Findings(id));
        Assert.Contains(result.Diagnostics, d => d.Id.StartsWith("GOV", StringComparison.Ordinal));

        foreach (var compact in result.Diagnostics)
        {
            var full = compact.WithProperties([]);
            Assert.NotSame(compact, full);
            Assert.Equal(compact.Id, full.Id);
            Assert.Equal(compact.Severity, full.Severity);
            Assert.Equal(compact.Location, full.Location);
            Assert.Equal(compact.AdditionalLocations.ToArray(), full.AdditionalLocations.ToArray());
            Assert.Equal((compact.TaskId, compact.Unit), (full.TaskId, full.Unit));
            Assert.Equal(compact.Arguments.ToArray(), full.Arguments.ToArray());
            Assert.Equal(compact.GetMessage(Zh), full.GetMessage(Zh));
            Assert.Equal(compact.GetMessage(En), full.GetMessage(En));
            Assert.Equal(compact.Properties, full.Properties);
            Assert.Equal(compact.Fingerprint, full.Fingerprint);
            Assert.Equal(0, DiagnosticOrder.Comparer.Compare(compact, full));
        }

        // The order of compact findings is the order of their full copies (ties broken by arguments included).
        var fullCopies = result.Diagnostics.Select(d => d.WithProperties([])).ToList();
        var reordered = DiagnosticOrder.Sort(fullCopies.AsEnumerable().Reverse());
        Assert.Equal(result.Diagnostics.Select(Describe), reordered.Select(Describe));
    }

    [Fact]
    public void Months_of_one_recurring_duty_are_ordered_by_calendar_also_as_full_copies()
    {
        var result = Check(Plan, Ledger, asOf: "2021-12-10");
        var months = result.Findings("PR3005").Select(d => d.Properties["period"]).ToList();
        Assert.Equal(10, months.Count); // January to November, but March (two occurrences)
        Assert.Equal(months.Order(StringComparer.Ordinal), months);
        // Full copies sort the same way, among themselves and against the compact findings.
        var copies = result.Findings("PR3005").Select(d => d.WithProperties([])).Reverse();
        Assert.Equal(months, DiagnosticOrder.Sort(copies).Select(d => d.Properties["period"]));
    }

    [Fact]
    public void Copies_with_another_severity_or_suppressed_keep_every_part()
    {
        var d = Check(Plan, Ledger, asOf: "2021-12-10").Findings("PR3005")[0];
        var error = d.WithSeverity(DiagnosticSeverity.Error).WithSuppression(SuppressionKind.External, "基线");
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal(("基线", SuppressionKind.External), (error.Justification, error.Suppression));
        Assert.Equal(d.GetMessage(En), error.GetMessage(En));
        Assert.Equal(d.Properties, error.Properties);
        Assert.Equal(d.Fingerprint, error.Fingerprint);
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Null(d.Justification);
    }

    [Fact]
    public void Overdue_and_due_soon_fingerprints_do_not_change_with_the_count_of_days()
    {
        string Print(string asOf, string id) => Check(Plan, Ledger, asOf: asOf).Findings(id).Single(d => d.TaskId == "41").Fingerprint;
        Assert.Equal(Print("2021-11-01", "PR3001"), Print("2021-12-10", "PR3001"));
        string Soon(string asOf) => Check(Plan, Ledger, asOf: asOf).Single("PR3003").Fingerprint;
        Assert.Equal(Soon("2021-12-01"), Soon("2021-12-10"));
    }

    [Fact]
    public void Rule_findings_do_not_keep_the_rule_model_alive()
    {
        var (findings, model) = RunRules();
        Assert.NotEmpty(findings);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(model.IsAlive, "a finding keeps the views of the plan alive");
        // Still readable without the model.
        Assert.All(findings, d => Assert.NotEmpty(d.GetMessage(En)));
        Assert.All(findings, d => Assert.NotNull(d.Properties));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (List<Diagnostic> Findings, WeakReference Model) RunRules()
    {
        var plan = PlanBinder.Bind([PlanParser.Parse(new SourceText(Plan, "plan.plan"))]);
        var asOf = D("2021-12-10");
        var (compliance, _) = ComplianceEvaluator.Evaluate(plan, [], asOf);
        var model = RuleModel.Build(plan, compliance, asOf);
        var findings = RuleRunner.Run(StandardRules.Compiled, model).ToList();
        return (findings, new WeakReference(model));
    }

    private static string Describe(Diagnostic d) => $"{d.Location} {d.Id} {d.TaskId} {d.Unit} {string.Join("|", d.Arguments)} {d.GetMessage(En)}";
}
