using System.Collections.Immutable;
using NodaTime;
using PlanRules.Binding;
using PlanRules.Diagnostics;
using PlanRules.Syntax;
using PlanRules.Text;

namespace PlanRules.Analysis;

/// <summary>What to check: plan texts and the date to check them as of.</summary>
public sealed record CheckRequest
{
    /// <summary>The <c>*.plan</c> sources that form one plan.</summary>
    public ImmutableArray<SourceText> Plans { get; init; } = [];

    /// <summary>The as-of date; when null, today in the plan's time zone from the clock.</summary>
    public LocalDate? AsOf { get; init; }

    /// <summary>Parser limits.</summary>
    public ParseOptions ParseOptions { get; init; } = ParseOptions.Default;
}

/// <summary>
/// Runs the pipeline: parse every plan file, bind, analyse, then order findings. One instance may serve
/// concurrent requests: it holds no per-request state.
/// </summary>
public sealed class PlanChecker(IClock clock)
{
    /// <summary>A checker on the system clock.</summary>
    public PlanChecker() : this(SystemClock.Instance) { }

    /// <summary>Checks a request. Never throws for any input text.</summary>
    public CheckResult Check(CheckRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var files = request.Plans.Select(p => PlanParser.Parse(p, request.ParseOptions)).ToImmutableArray();
        var plan = PlanBinder.Bind(files);
        var asOf = request.AsOf ?? clock.GetCurrentInstant().InZone(plan.Plan.TimeZone).Date;
        var diagnostics = DiagnosticOrder.Sort(plan.Diagnostics);
        return new CheckResult(plan, asOf, diagnostics);
    }
}
