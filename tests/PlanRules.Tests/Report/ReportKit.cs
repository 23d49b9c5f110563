using System.Globalization;
using NodaTime;
using NodaTime.Testing;
using PlanRules.Analysis;
using PlanRules.Output.Html;
using PlanRules.Text;

namespace PlanRules.Tests.Report;

/// <summary>A small plan and ledger whose report is known by hand, and helpers to check and render them.</summary>
internal static class ReportKit
{
    public static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");
    public static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");
    public static readonly LocalDate AsOf = new(2021, 10, 15);

    /// <summary>
    /// Six obligations: 1/A done on time; 2/B done 10 days late; 2/C overdue; 3/A recurring (Q1, Q2 met, Q3 short, Q4 open);
    /// 4/A and 4/B open (4 is at risk: its dependency 2 is overdue). Units worst first: C, B, A.
    /// </summary>
    public const string Plan = """
        plan "测试计划" {
          ref "番府办〔2021〕1号"
          issued 2021-01-10
          period 2021-01-01 .. 2021-12-31
        }
        unit A "单位甲"
        unit B
        unit C
        group G "组" = B, C
        section 1 "第一部分" {
          task 1 "准备" {
            lead A
            due 2021-03-31
          }
          task 2 "实施" {
            lead G
            after 1
            start 2021-04-01
            due 2021-06-30
          }
        }
        section 2 "第二部分" {
          section 2.1 "例会" {
            task 3 "每季度例会" {
              lead A
              every quarter at-least 1
            }
          }
          task 4 "总结" {
            lead A, B
            after 2
            due 2021-12-15
          }
        }
        """;

    public const string Ledger = """
        2021-03-20 task 1 done by A
        2021-07-10 task 2 done by B
        2021-02-01 task 3 occurred by A
        2021-05-01 task 3 occurred by A
        """;

    public static CheckResult Check(string plan = Plan, string ledger = Ledger, LocalDate? asOf = null) =>
        new PlanChecker(new FakeClock(Instant.FromUtc(2021, 10, 15, 0, 0))).Check(new CheckRequest
        {
            Plans = [new SourceText(plan, "test.plan")],
            Ledgers = [new SourceText(ledger, "test.ledger")],
            AsOf = asOf ?? AsOf,
        });

    public static ReportModel Model(CultureInfo? culture = null) => ReportModel.Build(Check(), culture ?? Zh);

    public static string Html(CultureInfo? culture = null, string plan = Plan) => HtmlReportWriter.Render(Check(plan), culture ?? Zh);
}
