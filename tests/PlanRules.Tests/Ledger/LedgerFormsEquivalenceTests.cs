using PlanRules.Analysis;
using static PlanRules.Tests.Analysis.ComplianceKit;

namespace PlanRules.Tests.Ledger;

/// <summary>The same records written as <c>*.ledger</c> and as <c>*.ledger.csv</c> mean the same thing.</summary>
public class LedgerFormsEquivalenceTests
{
    private const string Plan = Header + """
        task 12 "疫苗接种信息公开" {
          lead 区政府办
          with 镇街
          due 2021-10-31
        }
        task 28 "规范性文件统一公开" {
          lead 区司法局
          with 有关单位, 镇街
          due 2021-12-31
        }
        task 33 "IPv6" {
          lead 区政务服务数据管理局
          due 2021-12-16
        }
        task 34 "政府公报电子化" {
          lead 区政务服务数据管理局
          support 镇街
        }
        task 43 "听取汇报" {
          lead 镇街
          every half-year
        }
        task 48 "建立台账" {
          lead 镇街
          due 2021-09-30
        }
        task 50 "纳入年报" {
          lead 镇街
          after 48
        }
        """;

    private const string Dsl = """
        // 演示台账
        2021-09-20 task 12 done by 区政府办 evidence "专栏, 第1期"
        2021-10-20 task 12 done by 市桥街
        2021-11-12 task 12 done by 石楼镇 note "补报"
        2021-12-20 task 28 done by 区司法局
        2021-12-01 task 28 progress 80% by 有关单位
        2021-11-30 task 28 waived "本街道无现行有效规范性文件" by 市桥街
        2021-12-28 task 28 started by 石楼镇
        2021-06-01 task 33 started
        2022-01-10 task 33 done by 区政务服务数据管理局
        2021-10-20 task 34 done by 市桥街
        2021-03-18 task 43 occurred by 镇街
        2021-09-16 task 43 occurred by 市桥街
        2021-09-15 task 48 done by 市桥街
        2021-10-10 task 48 reopened by 市桥街 note "退回补充"
        2021-10-22 task 48 done by 市桥街
        2021-12-20 task 50 done by 石楼镇
        2021-06-18 task 4.3 occurred by 石楼镇
        """;

    private const string Csv = """
        date,task,status,by,evidence,note
        2021-09-20,12,done,区政府办,"专栏, 第1期",
        2021-10-20,12,done,市桥街,,
        2021-11-12,12,done,石楼镇,,补报
        2021-12-20,28,done,区司法局,,
        2021-12-01,28,progress 80%,有关单位,,
        2021-11-30,28,waived 本街道无现行有效规范性文件,市桥街,,
        2021-12-28,28,started,石楼镇,,
        2021-06-01,33,started,,,
        2022-01-10,33,done,区政务服务数据管理局,,
        2021-10-20,34,done,市桥街,,
        2021-03-18,43,occurred,镇街,,
        2021-09-16,43,occurred,市桥街,,
        2021-09-15,48,done,市桥街,,
        2021-10-10,48,reopened,市桥街,,退回补充
        2021-10-22,48,done,市桥街,,
        2021-12-20,50,done,石楼镇,,
        2021-06-18,4.3,occurred,石楼镇,,
        """;

    private static string[] Summary(CheckResult result) =>
        [.. result.Diagnostics.Select(d => $"{d.Id}|{d.Severity}|{d.TaskId}|{d.Unit}|{d.GetMessage(Zh)}|{d.GetMessage(En)}|{string.Join(",", d.Properties)}")];

    private static string[] States(CheckResult result) =>
        [.. result.Compliance.States.Select(s => $"{s.Obligation}|{s.Status}|{s.Percent}|{s.CompletedOn}|{s.WaiverReason}|{string.Join(";", s.Evidence)}|{string.Join(";", s.Occurrences)}")];

    [Theory]
    [InlineData("2021-12-31")]
    [InlineData("2022-02-01")]
    public void Same_records_from_ledger_and_csv_give_the_same_findings_and_states(string asOf)
    {
        var fromDsl = Check(Plan, ledger: Dsl, asOf: asOf);
        var fromCsv = Check(Plan, csv: Csv, asOf: asOf);

        Assert.Equal(Summary(fromDsl), Summary(fromCsv));
        Assert.Equal(States(fromDsl), States(fromCsv));
        Assert.Equal(17, fromDsl.RecordCount);
        Assert.Equal(17, fromCsv.RecordCount);
        // The scenario is not trivial: it exercises most finding kinds.
        var ids = fromDsl.Diagnostics.Select(d => d.Id).ToHashSet();
        Assert.Superset(new HashSet<string> { "PR3001", "PR3002", "PR3003", "PR3005", "PR3007", "PR3008" }, ids);
    }

    [Fact]
    public void Findings_about_records_point_into_their_own_file()
    {
        var fromDsl = Check(Plan, ledger: Dsl).Single("PR3008");
        var fromCsv = Check(Plan, csv: Csv).Single("PR3008");

        fromDsl.At("progress.ledger", 11, 28);
        fromCsv.At("progress.ledger.csv", 11, 20);
        Check(Plan, ledger: Dsl).Single("PR3007").At("progress.ledger", 18, 17);
        Check(Plan, csv: Csv).Single("PR3007").At("progress.ledger.csv", 18, 12);
    }

    [Fact]
    public void Records_from_both_forms_together_are_ordered_ledger_files_first_then_csv()
    {
        // Same date: the later record (the CSV one) decides.
        var result = Check(Plan, ledger: "2021-12-20 task 28 done by 区司法局", csv: "date,task,status,by\n2021-12-20,28,reopened,区司法局\n");
        Assert.Equal(PlanRules.Analysis.Compliance.ObligationStatus.Started, result.State("28", "区司法局").Status);
    }
}
