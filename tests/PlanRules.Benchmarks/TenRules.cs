using NodaTime;
using PlanRules.Analysis.Compliance;
using PlanRules.Binding;
using PlanRules.Ledger;
using PlanRules.Rules;
using PlanRules.Rules.Runtime;
using PlanRules.Syntax;
using PlanRules.Text;

namespace PlanRules.Benchmarks;

/// <summary>
/// The ten task checks of <see cref="RulesBenchmarks"/>, written in the rule language. They follow the standard
/// rules (rules/*.rules: GOV001, GOV002, GOV007, GOV008, GOV009, GOV011, GOV012 and relatives), with
/// thresholds chosen so that every rule fires on the generated plans (see <see cref="PlanGenerator"/>: at most
/// three lead units, no non-recurring task without a due date, dependencies never due later).
/// The other three implementations (<see cref="HandWrittenRules"/>, <see cref="RulesEngineRules"/>,
/// <see cref="NRulesRules"/>) implement exactly these checks.
/// </summary>
public static class TenRules
{
    /// <summary>The ids, in the order of the source.</summary>
    public static readonly string[] Ids = ["BR01", "BR02", "BR03", "BR04", "BR05", "BR06", "BR07", "BR08", "BR09", "BR10"];

    /// <summary>The date the generated plans were issued (<c>issued</c> in their header), used by BR03.</summary>
    public static readonly LocalDate Issued = new(2021, 7, 20);

    /// <summary>The as-of date the model is built for (the end of the plans' period; no ledger, so every obligation is open).</summary>
    public static readonly LocalDate AsOf = new(2021, 12, 31);

    /// <summary>BR07's pattern (GOV012): words that make a duty periodic.</summary>
    public const string PeriodicPattern = "定期|每年|每半年|每季|每月|每周";

    /// <summary>BR08's limit on title length (UTF-16 code units).</summary>
    public const int MaxTitle = 24;

    /// <summary>The rules file.</summary>
    public const string Source = """
        // Ten checks over tasks, after the standard rules (rules/*.rules). Used by the rules benchmark.

        rule BR01 "责任单位过多" {
          severity warning
          category ownership
          for task t where t.status != waived
          when count(t.lead) + count(t.with) > 5
          message "任务 {t.id} 点名了 {count(t.lead) + count(t.with)} 个牵头和会同单位，职责可能不清"
          message en "Task {t.id} names {count(t.lead) + count(t.with)} lead and co-operating units; accountability may be unclear"
        }

        rule BR02 "无期限任务是其他任务的前置" {
          severity info
          category schedule
          for task t where t.due == none
          when count(t.dependents) > 0
          message "任务 {t.id} 没有期限，但有 {count(t.dependents)} 项任务依赖它"
          message en "Task {t.id} has no due date, but {count(t.dependents)} tasks follow it"
        }

        rule BR03 "印发后不足30天即到期" {
          severity info
          category schedule
          for task t where t.start == none and t.due != none
          when t.due >= 2021-07-20 and t.due - 2021-07-20 < 30
          message "任务 {t.id} 没有开始日期，期限 {t.due} 距印发日期不足 30 天"
          message en "Task {t.id} has no start date and falls due on {t.due}, less than 30 days after the plan was issued"
        }

        rule BR04 "配合单位同时是责任单位" {
          severity warning
          category ownership
          for task t where count(t.support) > 0
          when (count u in t.support: u in t.lead or u in t.with or u in t.owners) > 0
          message "任务 {t.id} 的配合单位中有 {count u in t.support: u in t.lead or u in t.with or u in t.owners} 个同时是牵头或会同单位"
          message en "Task {t.id}: {count u in t.support: u in t.lead or u in t.with or u in t.owners} supporting units are also lead or co-operating units"
        }

        rule BR05 "会同单位同时是牵头单位" {
          severity warning
          category ownership
          for task t where count(t.with) > 0
          when (count u in t.with: u in t.lead or (any g in t.lead: u in g.members)) > 0
          message "任务 {t.id} 的会同单位中有单位已是牵头单位或牵头组的成员"
          message en "Task {t.id}: a co-operating unit is already a lead unit or a member of a lead group"
        }

        rule BR06 "仅由开放组承担" {
          severity warning
          category ownership
          for task t where count(t.lead) > 0
          when (all u in t.lead: u.isOpenGroup) and (all u in t.with: u.isOpenGroup)
          message "任务 {t.id} 的责任单位只有未列明成员的开放组，责任主体不明确"
          message en "Task {t.id} is owed only by open groups whose members are not listed"
        }

        rule BR07 "定期事项未设周期" {
          severity info
          category schedule
          for task t where not t.recurring
          when "定期" in t.tags or matches(t.title, "定期|每年|每半年|每季|每月|每周")
          message "任务 {t.id} 要求定期开展，但没有 every"
          message en "Task {t.id} is a periodic duty but has no 'every'"
        }

        rule BR08 "任务标题过长" {
          severity info
          category traceability
          for task t
          when len(t.title) > 24
          message "任务 {t.id} 的标题有 {len(t.title)} 个字符，宜拆分或精简"
          message en "The title of task {t.id} has {len(t.title)} characters; split or shorten it"
        }

        rule BR09 "重点任务缺少说明" {
          severity warning
          category traceability
          for task t where "重点" in t.tags
          require count(t.notes) > 0
          message "重点任务 {t.id} 没有 note 说明"
          message en "Key task {t.id} has no note"
        }

        rule BR10 "依赖的任务没有期限或晚于本任务到期" {
          severity info
          category schedule
          for task t where t.due != none
          when any d in t.dependencies: d.due == none or d.due > t.due
          message "任务 {t.id} 的期限为 {t.due}，但它依赖的任务中有没有期限或更晚到期的"
          message en "Task {t.id} is due {t.due}, but a task it follows has no due date or falls due later"
        }
        """;

    /// <summary>Compiles <see cref="Source"/>; throws if it does not compile cleanly into ten rules.</summary>
    public static RuleSet Compile()
    {
        var rules = RuleSet.Compile([new SourceText(Source, "ten.rules")]);
        if (rules.Diagnostics.Length > 0 || rules.Rules.Length != Ids.Length)
        {
            throw new InvalidOperationException("The ten rules do not compile: " + string.Join("; ", rules.Diagnostics.Select(d => $"{d.Id} {d.Location} {d.GetMessage()}")));
        }
        return rules;
    }

    /// <summary>Generates, binds and evaluates (empty ledger) the plan with <paramref name="tasks"/> tasks, and builds the views rules see.</summary>
    public static RuleModel BuildModel(int tasks)
    {
        var plan = PlanBinder.Bind([PlanParser.Parse(SourceText.FromUtf8(PlanGenerator.Generate(tasks).PlanUtf8, "bench.plan"))]);
        var (compliance, _) = ComplianceEvaluator.Evaluate(plan, Array.Empty<LedgerRecord>(), AsOf);
        return RuleModel.Build(plan, compliance, AsOf);
    }
}

/// <summary>
/// BR07's pattern for the three peers, searched as the rule language searches a pattern of literal alternatives
/// written in a rule (<see cref="LiteralAlternatives"/>), so every side does the same matching work.
/// </summary>
public static class RuleText
{
    private static readonly LiteralAlternatives Periodic = LiteralAlternatives.TryCreate(TenRules.PeriodicPattern)!;

    /// <summary>True when the title names a periodic duty.</summary>
    public static bool IsPeriodic(string? title) => Periodic.IsMatch(title);
}
