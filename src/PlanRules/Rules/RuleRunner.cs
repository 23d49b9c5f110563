using System.Numerics;
using System.Runtime.ExceptionServices;
using PlanRules.Diagnostics;
using PlanRules.Rules.Runtime;
using PlanRules.Rules.Syntax;

namespace PlanRules.Rules;

/// <summary>
/// Evaluates compiled rules over a <see cref="RuleModel"/>. A rule that throws on one element becomes
/// PR2005 for that element; the other elements and rules go on.
/// </summary>
public static class RuleRunner
{
    /// <summary>Runs every effective rule; findings point at the element's declaration in the plan, with the rule as related location.</summary>
    /// <remarks>
    /// Element by element, each element through every rule of its kind: an element's data is read once for all
    /// rules, not once per rule (on large plans one pass per rule spends most of its time waiting for memory). The
    /// rules' filters run as programs (<see cref="RuleProgram"/>: one compiled method for up to 64 rules), so an
    /// element costs one call per program, not one per rule. Findings are kept per rule and returned rule by rule,
    /// each rule's in element order: the order one pass per rule gives, in a <see cref="DiagnosticList"/> (no large
    /// arrays, so findings die young when the caller drops them). While the rules run on one task or obligation, the
    /// processor is asked to load the next one's parts (<see cref="Memory"/>): on large plans that halves the time
    /// per task.
    /// </remarks>
    public static DiagnosticList Run(RuleSet rules, RuleModel model) => Run(rules, model, CancellationToken.None);

    /// <summary>
    /// Runs every effective rule, as <see cref="Run(RuleSet, RuleModel)"/>; once <paramref name="cancellationToken"/> is
    /// cancelled, stops with an <see cref="OperationCanceledException"/> before the next element.
    /// </summary>
    public static DiagnosticList Run(RuleSet rules, RuleModel model, CancellationToken cancellationToken)
    {
        var found = new DiagnosticList.Builder?[rules.Rules.Length];
        var faults = new RuleFaults(64);
        var stepFaults = new int[rules.Rules.Length];
        foreach (var target in Targets)
        {
            var programs = rules.ProgramsFor(target);
            // Bit i of enabled[p]: rule programs[p].Indexes[i] is effective on the as-of date and not stopped.
            var enabled = new ulong[programs.Length];
            for (var p = 0; p < programs.Length; p++)
            {
                for (var i = 0; i < programs[p].Indexes.Length; i++)
                {
                    if (rules.Rules[programs[p].Indexes[i]].IsEffective(model.AsOf)) enabled[p] |= 1UL << i;
                }
            }
            if (enabled.All(mask => mask == 0)) continue;
            IReadOnlyList<object> elements = target switch
            {
                RuleTarget.Task => model.Tasks,
                RuleTarget.Obligation => model.Obligations,
                RuleTarget.Unit => model.Units,
                _ => [model.Plan],
            };
            var tasks = elements as TaskView[];
            var obligations = elements as ObligationView[];
            // The model's lists are arrays: read as one (no interface call per element; arrays of views are object[] by covariance).
            var items = elements as object[] ?? [.. elements];
            for (var e = 0; e < items.Length; e++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var element = items[e];
                if (tasks is not null)
                {
                    // The task after next into the cache, then the next one's parts (its view was hinted one task ago).
                    if (e + 2 < tasks.Length) Memory.Prefetch(tasks[e + 2], 3);
                    if (e + 1 < tasks.Length) tasks[e + 1].PrefetchParts();
                }
                else if (obligations is not null)
                {
                    if (e + 2 < obligations.Length) Memory.Prefetch(obligations[e + 2]);
                    if (e + 1 < obligations.Length) obligations[e + 1].PrefetchParts();
                }
                for (var p = 0; p < programs.Length; p++)
                {
                    if (enabled[p] == 0) continue;
                    var program = programs[p];
                    var fires = program.Run(element, model, faults, enabled[p]);
                    while (fires != 0)
                    {
                        var bit = BitOperations.TrailingZeroCount(fires);
                        fires &= fires - 1;
                        var index = program.Indexes[bit];
                        try
                        {
                            (found[index] ??= new()).Add(Report(rules.Rules[index], element, model));
                        }
                        catch (Exception ex) when (IsFault(ex, cancellationToken))
                        {
                            Fault(rules.Rules[index], ref found[index], ref stepFaults[index], ref enabled[p], bit, ex, element, items.Length - e - 1, target);
                        }
                    }
                    if (faults.Mask == 0) continue;
                    foreach (var (bit, ex) in faults.Take())
                    {
                        if (!IsFault(ex, cancellationToken)) ExceptionDispatchInfo.Throw(ex);
                        var index = program.Indexes[bit];
                        Fault(rules.Rules[index], ref found[index], ref stepFaults[index], ref enabled[p], bit, ex, element, items.Length - e - 1, target);
                    }
                }
            }
        }
        var diagnostics = new DiagnosticList.Builder();
        foreach (var list in found)
        {
            if (list is not null) diagnostics.AddRange(list);
        }
        return diagnostics.ToList();
    }

    private static readonly RuleTarget[] Targets = [RuleTarget.Task, RuleTarget.Obligation, RuleTarget.Unit, RuleTarget.Plan];

    /// <summary>
    /// True when an exception of a rule on an element is the rule's fault (PR2005 for the element): anything but
    /// running out of memory or stack, and a host function giving up because the check is cancelled.
    /// </summary>
    private static bool IsFault(Exception ex, CancellationToken cancellationToken) =>
        ex is not (OutOfMemoryException or InsufficientExecutionStackException)
        && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested);

    /// <summary>
    /// A rule faulted on an element: PR2005 for the element. After <see cref="MaxStepLimitFaults"/> step-limit faults the
    /// rule is stopped (its bit in <paramref name="enabled"/> cleared), with one PR2005 at the rule for the rest.
    /// </summary>
    private static void Fault(CompiledRule rule, ref DiagnosticList.Builder? found, ref int stepFaults, ref ulong enabled, int bit,
        Exception ex, object element, int rest, RuleTarget target)
    {
        var (location, taskId, unit) = Describe(element, rule);
        (found ??= new()).Add(Diagnostic.Create(DiagnosticCatalog.RulesRuntimeFault, location, taskId, unit, Cause(ex),
            rule.Descriptor.Id, ElementName(element), Reason(ex))
            .WithAdditionalLocations([rule.Location]));
        if (ex is RuleRuntimeException { IsStepLimit: true } && ++stepFaults == MaxStepLimitFaults)
        {
            enabled &= ~(1UL << bit);
            if (rest > 0)
            {
                found.Add(Diagnostic.Create(DiagnosticCatalog.RulesRuntimeFault, rule.Location, null, null, null,
                    rule.Descriptor.Id, LocalizableString.FromResource("Remaining_" + target, rest),
                    LocalizableString.FromResource("PR2005_StoppedAtStepLimit", MaxStepLimitFaults)));
            }
        }
    }

    /// <summary>
    /// After this many elements faulted by the step limit, the rule is stopped for the rest (one PR2005 at the rule
    /// says so): each costs <see cref="Compilation.RuleCompiler.MaxSteps"/> steps, and on a large plan a rule that
    /// explodes on every element would otherwise hold the check for hours.
    /// </summary>
    internal const int MaxStepLimitFaults = 3;

    private static Diagnostic Report(CompiledRule rule, object element, RuleModel model)
    {
        // Made on an element's first finding from what Describe says of it, and kept on its view for the others.
        var site = element switch
        {
            TaskView task => task.Site ??= SiteOf(element, rule),
            ObligationView obligation => obligation.Site ??= SiteOf(element, rule),
            UnitView unit => unit.Site ??= SiteOf(element, rule),
            _ => SiteOf(element, rule),
        };
        return rule.Report(element, model, site);
    }

    private static FindingSite SiteOf(object element, CompiledRule rule)
    {
        var (location, taskId, unit) = Describe(element, rule);
        return new FindingSite(location, taskId, unit);
    }

    private static (Location Location, string? TaskId, string? Unit) Describe(object element, CompiledRule rule) => element switch
    {
        TaskView task => (task.Location, task.Id, null),
        ObligationView obligation => (obligation.Task.Location, obligation.Task.Id, obligation.Unit.Name),
        UnitView unit => (unit.Symbol.NameLocation, null, unit.Name),
        PlanView plan => (plan.Symbol.Location.IsNone ? rule.Location : plan.Symbol.Location, null, null),
        _ => (rule.Location, null, null),
    };

    /// <summary>
    /// Why a rule failed, in the user's language and on one line: a fault of the language (overflow, a date out of
    /// range, a bad pattern, a host function that threw) by its reason; any other exception, which is a defect of
    /// PlanRules, as an internal error with its type and message.
    /// </summary>
    private static OneLine Reason(Exception ex) => new(ex is RuleRuntimeException fault
        ? fault.Reason
        : LocalizableString.FromResource("PR2005_Internal", ex.GetType().Name, ExceptionText.Message(ex)));

    /// <summary>
    /// The .NET exception behind a fault, as properties for developers (<c>exceptionType</c>, <c>exceptionMessage</c>):
    /// the one a host function or the regular expression engine threw, or the fault itself when it is not the
    /// language's. None for a fault the language raises itself (integer overflow).
    /// </summary>
    private static KeyValuePair<string, string>[]? Cause(Exception ex) =>
        (ex is RuleRuntimeException fault ? fault.InnerException : ex) is { } cause ? Diagnostic.ExceptionProperties(cause) : null;

    private sealed class OneLine(LocalizableString text) : LocalizableString
    {
        public override string ToString(System.Globalization.CultureInfo? culture) => text.ToString(culture).ReplaceLineEndings(" ");
    }

    private static LocalizableString ElementName(object element) => element switch
    {
        TaskView task => LocalizableString.FromTexts(new Dictionary<string, string> { ["zh-CN"] = "任务 " + task.Id, ["en"] = "task " + task.Id }),
        ObligationView o => LocalizableString.FromTexts(new Dictionary<string, string> { ["zh-CN"] = $"义务 {o}", ["en"] = $"obligation {o}" }),
        UnitView unit => LocalizableString.FromTexts(new Dictionary<string, string> { ["zh-CN"] = "单位 " + unit.Name, ["en"] = "unit " + unit.Name }),
        _ => LocalizableString.FromResource("Kind_Plan"),
    };
}
