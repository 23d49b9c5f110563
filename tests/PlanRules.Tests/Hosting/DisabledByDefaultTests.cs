using System.Collections.Immutable;
using PlanRules.Analysis;
using PlanRules.Configuration;
using PlanRules.Diagnostics;
using PlanRules.Text;
using static PlanRules.Tests.Hosting.HostingKit;

namespace PlanRules.Tests.Hosting;

/// <summary>A host analyzer's descriptor that is not enabled by default reports only when configuration turns it on.</summary>
public class DisabledByDefaultTests
{
    private static readonly DiagnosticDescriptor Optional = new(
        "HOSTD1", LocalizableString.FromText("可选检查"), LocalizableString.FromText("任务 {0}"), "optional", DiagnosticSeverity.Info, isEnabledByDefault: false);

    private sealed class OptionalAnalyzer : PlanAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Optional];

        public override void Initialize(AnalysisContext context) =>
            context.RegisterTaskAction(c => c.ReportDiagnostic(Diagnostic.Create(Optional, c.Task.Symbol.Location, c.Task.Id, null, null, c.Task.Id)));
    }

    private static CheckResult Check(string? config) => new PlanChecker().Check(Request(SmallPlan) with
    {
        Analyzers = [new OptionalAnalyzer()],
        Config = config is null ? ConfigSet.Empty : new ConfigSet([ConfigParser.Parse(new SourceText(config, ".planrules"), BaseDirectory) with { IsExplicit = true }]),
    });

    [Fact]
    public void Not_reported_without_configuration()
    {
        var result = Check(null);

        Assert.Empty(result.Findings("HOSTD1"));
        Assert.Empty(result.Findings("PR9001"));
    }

    [Theory]
    [InlineData("planrules_diagnostic.HOSTD1.severity = warning", DiagnosticSeverity.Warning)]
    [InlineData("planrules_diagnostic.category-optional.severity = info", DiagnosticSeverity.Info)]
    public void Configuring_a_severity_turns_it_on(string entry, DiagnosticSeverity severity)
    {
        var result = Check($"[*.plan]\n{entry}\n");

        Assert.Equal(["1", "2"], result.Findings("HOSTD1").Select(d => d.TaskId!));
        Assert.All(result.Findings("HOSTD1"), d => Assert.Equal(severity, d.Severity));
    }

    [Fact]
    public void Configuring_none_keeps_it_off()
    {
        Assert.Empty(Check("[*.plan]\nplanrules_diagnostic.HOSTD1.severity = none\n").Findings("HOSTD1"));
    }
}
