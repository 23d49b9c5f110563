using PlanRules.Diagnostics;
using PlanRules.Ledger;
using PlanRules.Text;

namespace PlanRules.Tests.Ledger;

/// <summary>Readers keep spans and make a record's locations when read; locations a host sets win.</summary>
public class RecordLocationTests
{
    private const string Text = "# 台账\n2021-03-01 task 12 done by 区司法局 evidence \"文号\"\n2021-03-02 task 13 started\n";

    [Fact]
    public void Parsed_record_points_at_its_line_its_task_id_and_its_unit()
    {
        var records = LedgerParser.Parse(new SourceText(Text, "p.ledger")).Records;
        var first = records[0];
        Assert.Equal(("p.ledger", 2, 1), (first.Location.Path, first.Location.Line, first.Location.Column));
        Assert.Equal((2, 17), (first.TaskLocation.Line, first.TaskLocation.Column));
        Assert.Equal(2, first.TaskLocation.SourceSpan.Length);
        Assert.Equal((2, 28), (first.ByLocation.Line, first.ByLocation.Column));
        // No "by": the unit's location is the record's.
        Assert.Equal(records[1].Location, records[1].ByLocation);
        Assert.Equal(records[0], LedgerParser.Parse(new SourceText(Text, "p.ledger")).Records[0]);
    }

    [Fact]
    public void Csv_record_points_at_its_row_and_cells()
    {
        var csv = "date,task,status,by\n2021-03-01,12,done,区司法局\n";
        var record = LedgerCsvReader.Read(new SourceText(csv, "p.ledger.csv")).Records.Single();
        Assert.Equal((2, 1), (record.Location.Line, record.Location.Column));
        Assert.Equal((2, 12), (record.TaskLocation.Line, record.TaskLocation.Column));
        Assert.Equal((2, 20), (record.ByLocation.Line, record.ByLocation.Column));
    }

    [Fact]
    public void Locations_set_by_a_host_or_a_copy_are_kept_and_the_others_stay()
    {
        var parsed = LedgerParser.Parse(new SourceText(Text, "p.ledger")).Records[0];
        var elsewhere = Location.Create(new SourceText("x\ny", "host.txt"), new TextSpan(2, 1));
        var moved = parsed with { TaskLocation = elsewhere };
        Assert.Equal(elsewhere, moved.TaskLocation);
        Assert.Equal(parsed.Location, moved.Location);
        Assert.Equal(parsed.ByLocation, moved.ByLocation);

        var host = new LedgerRecord(new NodaTime.LocalDate(2021, 3, 1), "12", LedgerStatus.Done);
        Assert.Equal(Location.None, host.Location);
        Assert.Equal(Location.None, host.TaskLocation);
        Assert.Equal(elsewhere, (host with { Location = elsewhere }).Location);
        Assert.Equal(Location.None, (host with { Location = elsewhere }).ByLocation);
    }
}
