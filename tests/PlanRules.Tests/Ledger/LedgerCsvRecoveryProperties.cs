using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PlanRules.Ledger;
using PlanRules.Text;

namespace PlanRules.Tests.Ledger;

/// <summary>A CSV ledger with one broken row: the other rows all count, and the broken one is reported at its line.</summary>
public class LedgerCsvRecoveryProperties
{
    // Ways to break one row with a quote: never closed, closed then followed by text, or opened inside a field.
    private static readonly string[] Breaks = ["\"未闭合", "\"闭合\" 之后", "证\"据"];

    [Property(MaxTest = 100)]
    public Property One_row_broken_by_a_quote_loses_only_that_row()
    {
        var scenarios =
            from count in Gen.Choose(2, 12)
            from broken in Gen.Choose(0, count - 1)
            from kind in Gen.Elements(Breaks)
            from crlf in Gen.Elements(false, true)
            select (Count: count, Broken: broken, Kind: kind, NewLine: crlf ? "\r\n" : "\n");
        return Prop.ForAll(Arb.From(scenarios), s =>
        {
            var rows = Enumerable.Range(0, s.Count)
                .Select(i => i == s.Broken ? $"2021-08-{i + 1:00},{i + 1},done,,{s.Kind}," : $"2021-08-{i + 1:00},{i + 1},done,,\"证据{i}\",");
            var text = "date,task,status,by,evidence,note" + s.NewLine + string.Join(s.NewLine, rows) + s.NewLine;

            var file = LedgerCsvReader.Read(new SourceText(text, "p.ledger.csv"));

            var expected = Enumerable.Range(1, s.Count).Where(i => i != s.Broken + 1).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(expected, file.Records.Select(r => r.TaskId));
            Assert.Equal(file.Records.Select(r => int.Parse(r.TaskId, System.Globalization.CultureInfo.InvariantCulture) + 1), file.Records.Select(r => r.Location.Line));
            var problem = Assert.Single(file.Diagnostics);
            Assert.Equal(("PR0001", s.Broken + 2), (problem.Id, problem.Location.Line));
        });
    }
}
