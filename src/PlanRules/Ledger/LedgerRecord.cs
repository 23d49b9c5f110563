using NodaTime;
using PlanRules.Diagnostics;

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
    public Location Location { get; init; } = Location.None;
    /// <summary>
    /// The record's place among all records given (files in order, then lines); breaks date ties. Readers number
    /// the records of one file from 0; a check renumbers across files and host records.
    /// </summary>
    public int Order { get; init; }
    /// <summary>Where the task id is written (for PR3007), or the record's location.</summary>
    public Location TaskLocation { get; init; } = Location.None;
    /// <summary>Where the <c>by</c> name is written (for PR3008), or the record's location.</summary>
    public Location ByLocation { get; init; } = Location.None;
}
