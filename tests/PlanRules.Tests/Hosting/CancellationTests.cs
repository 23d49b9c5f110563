using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using PlanRules.Analysis;
using PlanRules.Diagnostics;
using PlanRules.Hosting;
using PlanRules.Rules;
using PlanRules.Rules.Runtime;
using PlanRules.Text;
using static PlanRules.Tests.Hosting.HostingKit;

namespace PlanRules.Tests.Hosting;

/// <summary><c>Check(request, cancellationToken)</c>: a cancelled check stops with OperationCanceledException, never as a finding.</summary>
public class CancellationTests
{
    public static TheoryData<string> Checkers => ["direct", "hosted", "interface default"];

    private static IPlanChecker Checker(string kind)
    {
        switch (kind)
        {
            case "direct":
                return new PlanChecker();
            case "hosted":
                var services = new ServiceCollection();
                services.AddPlanRules();
                return services.BuildServiceProvider().GetRequiredService<IPlanChecker>();
            default:
                return new OnlyCheck();
        }
    }

    /// <summary>An implementation that gives only the one-argument method, as hosts' own fakes do.</summary>
    private sealed class OnlyCheck : IPlanChecker
    {
        public CheckResult Check(CheckRequest request) => new PlanChecker().Check(request);
    }

    [Theory]
    [MemberData(nameof(Checkers))]
    public void A_token_cancelled_before_the_check_stops_it_and_the_checker_still_works(string kind)
    {
        var checker = Checker(kind);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => checker.Check(Request(SmallPlan), cancelled.Token));

        Assert.Equal(2, checker.Check(Request(SmallPlan), CancellationToken.None).Plan.Tasks.Length);
        Assert.Equal(2, checker.Check(Request(SmallPlan)).Plan.Tasks.Length);
    }

    /// <summary>Cancels the check from its first task callback; counts the callbacks it sees afterwards.</summary>
    private sealed class CancellingAnalyzer(CancellationTokenSource source) : PlanAnalyzer
    {
        public int TasksSeen;
        public CancellationToken Seen;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [];

        public override void Initialize(AnalysisContext context) => context.RegisterTaskAction(c =>
        {
            TasksSeen++;
            Seen = c.CancellationToken;
            source.Cancel();
        });
    }

    [Fact]
    public void Cancelling_during_an_analyzer_stops_before_the_next_callback_and_is_not_PR9001()
    {
        using var source = new CancellationTokenSource();
        var analyzer = new CancellingAnalyzer(source);

        Assert.ThrowsAny<OperationCanceledException>(() => new PlanChecker().Check(Request(SmallPlan) with { Analyzers = [analyzer] }, source.Token));

        Assert.Equal(1, analyzer.TasksSeen);
        Assert.Equal(source.Token, analyzer.Seen);
    }

    /// <summary>Cancels <paramref name="source"/> and gives up: for the check's token, or for its own.</summary>
    private sealed class GivingUpAnalyzer(CancellationTokenSource source, bool ownToken = false) : PlanAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [];

        public override void Initialize(AnalysisContext context) => context.RegisterPlanAction(c =>
        {
            source.Cancel();
            (ownToken ? source.Token : c.CancellationToken).ThrowIfCancellationRequested();
        });
    }

    [Fact]
    public void An_analyzer_throwing_for_the_check_s_cancellation_stops_the_check()
    {
        using var source = new CancellationTokenSource();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            new PlanChecker().Check(Request(SmallPlan) with { Analyzers = [new GivingUpAnalyzer(source)] }, source.Token));
    }

    [Fact]
    public void An_analyzer_throwing_OperationCanceledException_of_its_own_is_still_PR9001()
    {
        using var own = new CancellationTokenSource();

        var result = new PlanChecker().Check(Request(SmallPlan) with { Analyzers = [new GivingUpAnalyzer(own, ownToken: true)] }, CancellationToken.None);

        Assert.Single(result.Findings("PR9001"));
    }

    private const string StopRule = """
        rule HOSTS1 "停止" {
          severity info
          for obligation o
          when stop(o.unit.name)
          message "{o.unit.name}"
        }
        """;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Cancelling_while_rules_run_stops_before_the_next_element_and_is_not_PR2005(bool hostFunctionThrows)
    {
        using var source = new CancellationTokenSource();
        var calls = 0;
        var stop = RuleFunction.FromDelegate("stop", (string unit) =>
        {
            calls++;
            source.Cancel();
            if (hostFunctionThrows) source.Token.ThrowIfCancellationRequested();
            return false;
        });
        var rules = RuleSet.Compile([new SourceText(StopRule, "stop.rules")], [stop]);

        Assert.ThrowsAny<OperationCanceledException>(() => new PlanChecker().Check(Request(SmallPlan) with { RuleSets = [rules] }, source.Token));

        Assert.Equal(1, calls);
    }
}
