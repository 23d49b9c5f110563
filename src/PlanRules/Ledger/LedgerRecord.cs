using NodaTime;
using PlanRules.Diagnostics;
using PlanRules.Text;

namespace PlanRules.Ledger;

/// <summary>What a ledger record says happened.</summary>
public enum LedgerStatus
{
    /// <summary>Work began.</summary>
    Started,
    /// <summary>Work is a given percentage done.</summary>
    Progress,
    /// <summary>The obligation is done (also counts as one occurrence of a recurring duty).</summary>
    Done,
    /// <summary>One occurrence of a recurring duty (每年至少听取1次); does not change the status.</summary>
    Occurred,
    /// <summary>The obligation is waived, with a reason.</summary>
    Waived,
    /// <summary>Undoes an earlier <see cref="Done"/>.</summary>
    Reopened,
}

/// <summary>
/// One thing that happened: on a date, to a task, by a unit (or, without <see cref="By"/>, to every
/// obligation of the task). Host apps may create records directly; <see cref="Location"/> is then
/// <see cref="Location.None"/> or whatever the host can point at.
/// </summary>
public sealed record LedgerRecord(LocalDate Date, string TaskId, LedgerStatus Status)
{
    /// <summary>The percentage of a <see cref="LedgerStatus.Progress"/> record.</summary>
    public int? Percent { get; init; }
    /// <summary>The unit or group the record is about; null for the whole task.</summary>
    public string? By { get; init; }
    /// <summary>Evidence (a link, a document number).</summary>
    public string? Evidence { get; init; }
    /// <summary>A free note.</summary>
    public string? Note { get; init; }
    /// <summary>The reason of a waiver.</summary>
    public string? Reason { get; init; }
    /// <summary>Where the record was written.</summary>
    public Location Location
    {
        get => _placed?.Location ?? At(_line);
        init => _placed = new(value, TaskLocation, ByLocation);
    }
    /// <summary>
    /// The record's place among all records given (files in order, then lines); breaks date ties. Readers number
    /// the records of one file from 0; a check renumbers across files and host records.
    /// </summary>
    public int Order { get; init; }
    /// <summary>Where the task id is written (for PR3007), or the record's location.</summary>
    public Location TaskLocation
    {
        get => _placed?.TaskLocation ?? At(_taskSpan);
        init => _placed = new(Location, value, ByLocation);
    }
    /// <summary>Where the <c>by</c> name is written (for PR3008), or the record's location.</summary>
    public Location ByLocation
    {
        get => _placed?.ByLocation ?? At(_bySpan);
        init => _placed = new(Location, TaskLocation, value);
    }

    // A reader keeps the source and three spans, and makes a location when one is asked for (a ledger has
    // records by the million; three location objects each were most of a record's size). Locations a host
    // sets are kept as given, and win.
    private SourceText? _source;
    private TextSpan _line, _taskSpan, _bySpan;
    private Placed? _placed;

    private Location At(TextSpan span) => _source is null ? Location.None : Location.Create(_source, span);

    /// <summary>For readers, on a record they just made: where it is written.</summary>
    internal LedgerRecord WrittenAt(SourceText source, TextSpan line, TextSpan task, TextSpan by)
    {
        _source = source;
        (_line, _taskSpan, _bySpan) = (line, task, by);
        return this;
    }

    /// <summary>Equal when every property is (locations by value, however they are kept).</summary>
    public bool Equals(LedgerRecord? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Date == other.Date && TaskId == other.TaskId && Status == other.Status && Percent == other.Percent
                && By == other.By && Evidence == other.Evidence && Note == other.Note && Reason == other.Reason
                && Order == other.Order && Location == other.Location && TaskLocation == other.TaskLocation
                && ByLocation == other.ByLocation));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Date, TaskId, Status, By, Order);

    private sealed record Placed(Location Location, Location TaskLocation, Location ByLocation);
}
