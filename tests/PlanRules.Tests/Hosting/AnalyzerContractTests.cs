using System.Collections.Immutable;
using PlanRules.Analysis;
using PlanRules.Diagnostics;
using PlanRules.Ledger;
using PlanRules.Output;
using PlanRules.Rules;
using PlanRules.Rules.Runtime;
using PlanRules.Text;
using static PlanRules.Tests.Hosting.HostingKit;

namespace PlanRules.Tests.Hosting;

/// <summary>
/// An analyzer that breaks its contract — a bad descriptor, a finding at a place outside the checked files, a
/// message that does not render — is stopped with one PR9001 like one that throws, and never crashes the check or
/// the reports made from its result.
/// </summary>
public class AnalyzerContractTests
{
    private static readonly DiagnosticDescriptor TwoHoles = new("HOSTK1", LocalizableString.FromText("t"), LocalizableString.FromText("{0} 与 {1}"), "host", DiagnosticSeverity.Warning);

    /// <summary>Reports what <paramref name="report"/> makes, once, from the plan callback.</summary>
    private sealed class ContractAnalyzer(ImmutableArray<DiagnosticDescriptor> descriptors, Func<PlanAnalysisContext, Diagnostic>? report = null) : PlanAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => descriptors;

        public override void Initialize(AnalysisContext context) => context.RegisterPlanAction(c =>
        {
            if (report is not null) c.ReportDiagnostic(report(c));
        });
    }

    private static CheckResult CheckWith(PlanAnalyzer analyzer, string? ledger = null) =>
        new PlanChecker().Check(Request(SmallPlan, ledger) with { Analyzers = [analyzer, new RecordingAnalyzer()] });

    /// <summary>The one PR9001, in English; the other analyzer and every report still work.</summary>
    private static string Failure(CheckResult result)
    {
        Assert.Equal(2, result.Findings("HOSTR0").Count);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id.StartsWith("HOSTK", StringComparison.Ordinal));
        _ = JsonReport.Render(result, Zh);
        _ = SarifReport.Render(result, En);
        TextReport.Write(new StringWriter(), result, Zh);
        return Assert.Single(result.Findings("PR9001")).GetMessage(En);
    }

    private static Location PlanHeader(PlanAnalysisContext c) => c.PlanView.Symbol.Location;

    [Fact]
    public void A_message_whose_placeholders_the_arguments_do_not_fill_is_PR9001_not_a_crash_when_rendering()
    {
        var result = CheckWith(new ContractAnalyzer([TwoHoles], c => Diagnostic.Create(TwoHoles, PlanHeader(c), "only one")));

        Assert.StartsWith("Host analyzer ContractAnalyzer threw: the message of the reported 'HOSTK1' cannot be rendered: ", Failure(result));
        Assert.Contains("报告的 'HOSTK1' 的消息无法生成", Assert.Single(result.Findings("PR9001")).GetMessage(Zh));
    }

    [Fact]
    public void A_property_with_a_null_key_is_PR9001_not_a_crash_when_rendering()
    {
        var result = CheckWith(new ContractAnalyzer([TwoHoles], c => Diagnostic.Create(TwoHoles, PlanHeader(c), null, null, [new KeyValuePair<string, string>(null!, "v")], "a", "b")));

        Assert.Equal("Host analyzer ContractAnalyzer threw: the reported 'HOSTK1' has a property with a null key", Failure(result));
    }

    public static TheoryData<string, string> BadLocations => new()
    {
        { "outside", "/etc/passwd(" },
        { "nul", "pl\0an.plan(" },
        { "past the end", "plan.plan(1,1)," },
        { "negative", "plan.plan(-3,-1)," },
        { "line span not the span's", "plan.plan(40,2)," },
    };

    [Theory]
    [MemberData(nameof(BadLocations))]
    public void A_location_that_is_not_a_place_in_the_checked_files_is_PR9001(string kind, string shown)
    {
        Location Bad(PlanAnalysisContext c) => kind switch
        {
            "outside" => PlanHeader(c) with { Path = "/etc/passwd" },
            "nul" => PlanHeader(c) with { Path = "pl\0an.plan" },
            "past the end" => PlanHeader(c) with { SourceSpan = new TextSpan(100_000, 3), LineSpan = new LinePositionSpan(new LinePosition(1, 1), new LinePosition(1, 4)) },
            "negative" => new Location("plan.plan", new TextSpan(0, 1), new LinePositionSpan(new LinePosition(-3, -1), new LinePosition(-3, 0))),
            _ => PlanHeader(c) with { LineSpan = new LinePositionSpan(new LinePosition(40, 2), new LinePosition(40, 3)) },
        };

        var result = CheckWith(new ContractAnalyzer([TwoHoles], c => Diagnostic.Create(TwoHoles, Bad(c), "a", "b")));

        var message = Failure(result);
        Assert.StartsWith($"Host analyzer ContractAnalyzer threw: reported 'HOSTK1' at {shown}", message);
        Assert.EndsWith("), which is not a place in the files of this check (plans, ledgers)", message);
    }

    [Fact]
    public void A_null_path_or_null_location_or_a_bad_related_location_is_PR9001()
    {
        var nullPath = CheckWith(new ContractAnalyzer([TwoHoles], c => Diagnostic.Create(TwoHoles, PlanHeader(c) with { Path = null! }, "a", "b")));
        Assert.StartsWith("Host analyzer ContractAnalyzer threw: reported 'HOSTK1' at (", Failure(nullPath));

        var nullLocation = CheckWith(new ContractAnalyzer([TwoHoles], c => Diagnostic.Create(TwoHoles, null!, "a", "b")));
        Assert.Equal("Host analyzer ContractAnalyzer threw: ArgumentNullException: Value cannot be null. (Parameter 'location')", Failure(nullLocation));

        var related = CheckWith(new ContractAnalyzer([TwoHoles], c => Diagnostic.Create(TwoHoles, PlanHeader(c), "a", "b")
            .WithAdditionalLocations([PlanHeader(c) with { Path = "elsewhere.plan" }])));
        Assert.StartsWith("Host analyzer ContractAnalyzer threw: reported 'HOSTK1' at elsewhere.plan(", Failure(related));
    }

    [Fact]
    public void Places_in_plans_and_ledgers_and_no_location_are_accepted()
    {
        var ledger = "2021-06-01 task 1 done by 市桥街\n";
        var analyzer = new ContractAnalyzer([TwoHoles], c => Diagnostic.Create(TwoHoles, Location.None, "a", "b"));
        var inLedger = new ContractAnalyzer([TwoHoles], c =>
        {
            var ledgerText = new SourceText(ledger, "progress.ledger");
            return Diagnostic.Create(TwoHoles, Location.Create(ledgerText, new TextSpan(0, 10)), "a", "b")
                .WithAdditionalLocations([PlanHeader(c), Location.Create(new SourceText(SmallPlan, "plan.plan"), new TextSpan(SmallPlan.Length, 0))]);
        });

        foreach (var ok in new[] { analyzer, inLedger })
        {
            var result = new PlanChecker().Check(Request(SmallPlan, ledger) with { Analyzers = [ok] });
            Assert.Empty(result.Findings("PR9001"));
            Assert.Equal("a 与 b", Assert.Single(result.Findings("HOSTK1")).GetMessage(Zh));
        }
    }

    [Fact]
    public void The_place_a_host_gave_one_of_its_records_is_accepted()
    {
        var place = new Location("ledger-db/42", default, new LinePositionSpan(new LinePosition(42, 1), new LinePosition(42, 1)));
        var record = new LedgerRecord(Date("2021-06-01"), "1", LedgerStatus.Done) { By = "市桥街", Location = place };
        var analyzer = new ContractAnalyzer([TwoHoles], c => Diagnostic.Create(TwoHoles, place, "a", "b"));

        var result = new PlanChecker().Check(Request(SmallPlan) with { Records = [record], Analyzers = [analyzer] });

        Assert.Empty(result.Findings("PR9001"));
        Assert.Equal("ledger-db/42", Assert.Single(result.Findings("HOSTK1")).Location.Path);
        var elsewhere = new PlanChecker().Check(Request(SmallPlan) with { Analyzers = [analyzer] });
        Assert.Single(elsewhere.Findings("PR9001"));
    }

    /// <summary>An exception whose message cannot be read.</summary>
    private sealed class UnreadableException : Exception
    {
        public override string Message => throw new InvalidOperationException("no message");
    }

    [Fact]
    public void An_exception_whose_message_throws_is_still_one_PR9001_or_PR2005()
    {
        var analyzer = new ContractAnalyzer([TwoHoles], c => throw new UnreadableException());
        Assert.Equal("Host analyzer ContractAnalyzer threw: UnreadableException: ", Failure(CheckWith(analyzer)));

        var function = RuleFunction.FromDelegate("unreadable", (string title) => title.Length > 100 ? true : throw new UnreadableException());
        var rules = RuleSet.Compile([new SourceText("rule HOSTU9 \"u\" {\n  for task t\n  when unreadable(t.title)\n}\n", "u.rules")], [function]);
        var result = new PlanChecker().Check(Request(SmallPlan) with { RuleSets = [rules] });
        Assert.Equal(2, result.Findings("PR2005").Count);
        Assert.All(result.Findings("PR2005"), d => Assert.EndsWith("function 'unreadable' failed: UnreadableException: ", d.GetMessage(En)));
        Assert.All(result.Findings("PR2005"), d => Assert.Equal("", d.Properties["exceptionMessage"]));
    }

    public static TheoryData<string, string> BadDescriptors => new()
    {
        { "null", "SupportedDiagnostics contains null" },
        { "reserved", "declares the id 'PR1001'; ids starting with PR are reserved for the library" },
        { "reserved lower", "declares the id 'pr3001'; ids starting with PR are reserved for the library" },
        { "not an id", "declares the id 'HOST 1', which is not valid (a letter, then letters, digits or _)" },
        { "empty id", "declares the id '', which is not valid (a letter, then letters, digits or _)" },
        { "severity", "the default severity 42 of 'HOSTK9' is not a severity" },
    };

    [Theory]
    [MemberData(nameof(BadDescriptors))]
    public void A_bad_descriptor_is_PR9001_before_anything_is_reported(string kind, string reason)
    {
        DiagnosticDescriptor Make(string id, DiagnosticSeverity severity = DiagnosticSeverity.Error) =>
            new(id, LocalizableString.FromText("t"), LocalizableString.FromText("forged"), "host", severity);
        var descriptor = kind switch
        {
            "null" => null!,
            "reserved" => Make("PR1001"),
            "reserved lower" => Make("pr3001"),
            "not an id" => Make("HOST 1"),
            "empty id" => Make(""),
            _ => Make("HOSTK9", (DiagnosticSeverity)42),
        };

        var result = CheckWith(new ContractAnalyzer([descriptor], c => Diagnostic.Create(descriptor, PlanHeader(c))));

        Assert.Equal("Host analyzer ContractAnalyzer threw: " + reason, Failure(result));
        // A forged library finding never reaches the result.
        Assert.Empty(result.Findings("PR1001"));
    }

    [Fact]
    public void Default_SupportedDiagnostics_declare_nothing()
    {
        Assert.Empty(CheckWith(new ContractAnalyzer(default)).Findings("PR9001"));

        var result = CheckWith(new ContractAnalyzer(default, c => Diagnostic.Create(TwoHoles, PlanHeader(c), "a", "b")));
        Assert.Equal("Host analyzer ContractAnalyzer threw: reported 'HOSTK1', which is not in ContractAnalyzer.SupportedDiagnostics", Failure(result));
    }

    [Fact]
    public void A_descriptor_without_id_title_message_or_category_is_refused_when_it_is_made()
    {
        var text = LocalizableString.FromText("t");
        Assert.Equal("id", Assert.Throws<ArgumentNullException>(() => new DiagnosticDescriptor(null!, text, text, "host", DiagnosticSeverity.Info)).ParamName);
        Assert.Equal("title", Assert.Throws<ArgumentNullException>(() => new DiagnosticDescriptor("HOSTK2", null!, text, "host", DiagnosticSeverity.Info)).ParamName);
        Assert.Equal("messageFormat", Assert.Throws<ArgumentNullException>(() => new DiagnosticDescriptor("HOSTK2", text, null!, "host", DiagnosticSeverity.Info)).ParamName);
        // A null category crashed the check (configuration looks findings up by category); a null title, SARIF output.
        Assert.Equal("category", Assert.Throws<ArgumentNullException>(() => new DiagnosticDescriptor("HOSTK2", text, text, null!, DiagnosticSeverity.Info)).ParamName);
    }

    /// <summary>Declares a descriptor made with a null category in its type initializer.</summary>
    private sealed class NullCategoryAnalyzer : PlanAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("HOSTK3", LocalizableString.FromText("t"), LocalizableString.FromText("m"), null!, DiagnosticSeverity.Warning);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

        public override void Initialize(AnalysisContext context) =>
            context.RegisterPlanAction(c => c.ReportDiagnostic(Diagnostic.Create(Rule, PlanHeader(c))));
    }

    [Fact]
    public void An_analyzer_whose_descriptor_cannot_be_made_is_PR9001()
    {
        Assert.StartsWith("Host analyzer NullCategoryAnalyzer threw: TypeInitializationException: ", Failure(CheckWith(new NullCategoryAnalyzer())));
    }

    [Fact]
    public void A_null_descriptor_or_message_is_refused_when_the_finding_is_made()
    {
        Assert.Throws<ArgumentNullException>(() => Diagnostic.Create(null!, Location.None));
        Assert.Throws<ArgumentNullException>(() => Diagnostic.Create(TwoHoles, null!, "a", "b"));
        Assert.Throws<ArgumentNullException>(() => Diagnostic.Create(TwoHoles, Location.None, (LocalizableString)null!, []));
    }
}
