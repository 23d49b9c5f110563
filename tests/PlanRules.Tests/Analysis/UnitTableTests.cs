using System.Text.Json;
using PlanRules.Output;
using static PlanRules.Tests.Analysis.ComplianceKit;

namespace PlanRules.Tests.Analysis;

/// <summary>The per-unit table: counts per unit, worst first, in the API, the text report and JSON.</summary>
public class UnitTableTests
{
    // As of 2021-12-31:
    //   区司法局  3 obligations: 1 overdue, 1 done late, 1 open (no due date)     -> overdue 1, share 1/3
    //   市桥街    2 obligations: 1 overdue, 1 done on time                        -> overdue 1, share 1/2 (worse)
    //   石楼镇    2 obligations: 1 done late (its later record decides), 1 waived -> overdue 0, done late 1
    //   区政府办  1 obligation: done on time                                      -> nothing wrong
    //   有关单位  1 obligation: open, not yet due                                  -> nothing wrong
    private const string Plan = Header + """
        task 1 "甲" {
          lead 区司法局, 镇街
          due 2021-06-30
        }
        task 2 "乙" {
          lead 区司法局, 石楼镇
          due 2021-09-30
        }
        task 3 "丙" {
          lead 区司法局
        }
        task 4 "丁" {
          lead 区政府办, 市桥街
          due 2021-12-31
        }
        task 5 "戊" {
          lead 有关单位
          due 2022-03-31
        }
        """;

    private const string Ledger = """
        2021-06-20 task 1 done by 石楼镇
        2021-10-05 task 2 done by 区司法局
        2021-09-01 task 2 waived "并入第1项" by 石楼镇
        2021-12-01 task 4 done
        2021-07-20 task 1 done by 石楼镇 note "补充材料后重报"
        """;

    [Fact]
    public void Units_are_counted_and_ordered_worst_first()
    {
        var units = Check(Plan, Ledger).Compliance.Units;

        Assert.Equal(
            [
                "市桥街 2 1 0 1 0 0",
                "区司法局 3 1 1 1 0 1",
                "石楼镇 2 1 1 0 1 0",
                "区政府办 1 1 0 0 0 0",
                "有关单位 1 0 0 0 0 1",
            ],
            units.Select(u => $"{u.Unit.Name} {u.Obligations} {u.Done} {u.DoneLate} {u.Overdue} {u.Waived} {u.Open}"));
        Assert.Equal(0.5, units[0].OverdueShare);
    }

    [Fact]
    public void Text_report_ends_with_the_table_aligned_for_wide_characters()
    {
        var result = Check(Plan, Ledger);
        var zh = new StringWriter();
        TextReport.Write(zh, result, Zh);
        var en = new StringWriter();
        TextReport.Write(en, result, En);

        var zhTable = zh.ToString()[zh.ToString().IndexOf("各单位义务情况", StringComparison.Ordinal)..];
        Assert.Equal("""
            各单位义务情况（评估日期 2021-12-31）
            单位      义务  已完成  逾期完成  已逾期  已豁免  未完成
            --------  ----  ------  --------  ------  ------  ------
            市桥街       2       1         0       1       0       0
            区司法局     3       1         1       1       0       1
            石楼镇       2       1         1       0       1       0
            区政府办     1       1         0       0       0       0
            有关单位     1       0         0       0       0       1

            """.ReplaceLineEndings("\n"), zhTable);

        var enTable = en.ToString()[en.ToString().IndexOf("Obligations by unit", StringComparison.Ordinal)..];
        Assert.Equal("""
            Obligations by unit (as of 2021-12-31)
            Unit      Obligations  Done  Done late  Overdue  Waived  Open
            --------  -----------  ----  ---------  -------  ------  ----
            市桥街              2     1          0        1       0     0
            区司法局            3     1          1        1       0     1
            石楼镇              2     1          1        0       1     0
            区政府办            1     1          0        0       0     0
            有关单位            1     0          0        0       0     1

            """.ReplaceLineEndings("\n"), enTable);
    }

    [Fact]
    public void Json_report_has_the_units_array_in_the_same_order()
    {
        using var json = JsonDocument.Parse(JsonReport.Render(Check(Plan, Ledger), Zh));

        var units = json.RootElement.GetProperty("units").EnumerateArray().ToList();
        Assert.Equal(["市桥街", "区司法局", "石楼镇", "区政府办", "有关单位"], units.Select(u => u.GetProperty("unit").GetString()));
        var first = units[1];
        Assert.Equal((3, 1, 1, 1, 0, 1), (
            first.GetProperty("obligations").GetInt32(), first.GetProperty("done").GetInt32(), first.GetProperty("doneLate").GetInt32(),
            first.GetProperty("overdue").GetInt32(), first.GetProperty("waived").GetInt32(), first.GetProperty("open").GetInt32()));
    }

    [Fact]
    public void Text_report_has_no_table_without_ledger_records_or_progress()
    {
        var text = new StringWriter();
        TextReport.Write(text, Check(Header + "task 3 \"丙\" { lead 区司法局 }", ""), Zh);
        Assert.DoesNotContain("各单位义务情况", text.ToString());
    }
}
