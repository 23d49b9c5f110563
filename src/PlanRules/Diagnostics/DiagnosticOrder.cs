using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace PlanRules.Diagnostics;

/// <summary>
/// The one stable order of findings: path, line, column, id (the spec's order), then task, unit, the rendered
/// arguments and, last, the message. Arguments come before the message because they decide it in almost every
/// case and are already strings: comparing messages would format both on every comparison.
/// </summary>
public static class DiagnosticOrder
{
    /// <summary>Compares two findings in output order.</summary>
    public static readonly IComparer<Diagnostic> Comparer = Comparer<Diagnostic>.Create(Compare);

    /// <summary>Sorts findings (the same order for the same input).</summary>
    /// <remarks>One array, sorted in place: a big check sorts findings by the million.</remarks>
    public static ImmutableArray<Diagnostic> Sort(IEnumerable<Diagnostic> diagnostics) => SortOwned(diagnostics.ToArray());

    /// <summary>Sorts an array the caller gives up, in place, and wraps it.</summary>
    internal static ImmutableArray<Diagnostic> SortOwned(Diagnostic[] diagnostics)
    {
        Array.Sort(diagnostics, Comparer);
        return ImmutableCollectionsMarshal.AsImmutableArray(diagnostics);
    }

    private static int Compare(Diagnostic? a, Diagnostic? b)
    {
        if (ReferenceEquals(a, b)) return 0;
        if (a is null) return -1;
        if (b is null) return 1;
        var c = string.CompareOrdinal(a.Location.Path.Replace('\\', '/'), b.Location.Path.Replace('\\', '/'));
        if (c != 0) return c;
        c = a.Location.Line.CompareTo(b.Location.Line);
        if (c != 0) return c;
        c = a.Location.Column.CompareTo(b.Location.Column);
        if (c != 0) return c;
        c = string.CompareOrdinal(a.Id, b.Id);
        if (c != 0) return c;
        c = string.CompareOrdinal(a.TaskId, b.TaskId);
        if (c != 0) return c;
        c = string.CompareOrdinal(a.Unit, b.Unit);
        if (c != 0) return c;
        c = a.CompareArguments(b);
        if (c != 0) return c;
        c = string.CompareOrdinal(a.GetMessage(), b.GetMessage());
        if (c != 0) return c;
        c = a.Severity.CompareTo(b.Severity);
        return c != 0 ? c : a.Suppression.CompareTo(b.Suppression);
    }
}
