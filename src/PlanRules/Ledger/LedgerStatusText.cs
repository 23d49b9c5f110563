using System.Globalization;
using PlanRules.Syntax;
using PlanRules.Text;

namespace PlanRules.Ledger;

/// <summary>The status words of both ledger forms: <c>started</c>, <c>progress 60%</c>, <c>done</c>, <c>occurred</c>, <c>waived</c>, <c>reopened</c>.</summary>
internal static class LedgerStatusText
{
    public static readonly string[] Words = ["started", "progress", "done", "occurred", "waived", "reopened"];

    public static LedgerStatus? Parse(string word) => word switch
    {
        "started" => LedgerStatus.Started,
        "progress" => LedgerStatus.Progress,
        "done" => LedgerStatus.Done,
        "occurred" => LedgerStatus.Occurred,
        "waived" => LedgerStatus.Waived,
        "reopened" => LedgerStatus.Reopened,
        _ => null,
    };

    public static string ToText(LedgerRecord record) => record.Status switch
    {
        LedgerStatus.Progress => string.Create(CultureInfo.InvariantCulture, $"progress {record.Percent}%"),
        _ => record.Status.ToString().ToLowerInvariant(),
    };

    /// <summary>Writes a record in the ledger DSL (canonical form).</summary>
    public static string Format(LedgerRecord record)
    {
        var text = $"{DateText.Iso(record.Date)} task {record.TaskId} {ToText(record)}";
        if (record.Status == LedgerStatus.Waived && record.Reason is not null) text += " " + SyntaxFacts.Quote(record.Reason);
        if (record.By is not null) text += " by " + SyntaxFacts.FormatName(record.By);
        if (record.Evidence is not null) text += " evidence " + SyntaxFacts.Quote(record.Evidence);
        if (record.Note is not null) text += " note " + SyntaxFacts.Quote(record.Note);
        return text;
    }
}
