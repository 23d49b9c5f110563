using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using PlanRules.Diagnostics;

namespace PlanRules.Rules.Runtime;

/// <summary>A rule failed on one element (reported as PR2005; the other elements go on).</summary>
public sealed class RuleRuntimeException : Exception
{
    /// <summary>A fault with a reason in one language (host functions may throw this).</summary>
    public RuleRuntimeException(string message, Exception? inner = null) : base(message, inner) => Reason = LocalizableString.FromText(message);

    /// <summary>A fault with a localized reason; <see cref="Exception.Message"/> is its English text.</summary>
    internal RuleRuntimeException(LocalizableString reason, Exception? inner = null)
        : base(reason.ToString(CultureInfo.GetCultureInfo("en")), inner) => Reason = reason;

    /// <summary>Why the rule failed, as PR2005 says it.</summary>
    public LocalizableString Reason { get; }

    /// <summary><c>int</c> arithmetic left the range of a 64-bit integer.</summary>
    internal static RuleRuntimeException IntegerOverflow() => new(LocalizableString.FromResource("PR2005_IntegerOverflow"));

    /// <summary><c>decimal</c> arithmetic left the range of a decimal.</summary>
    internal static RuleRuntimeException DecimalOverflow(Exception inner) => new(LocalizableString.FromResource("PR2005_DecimalOverflow"), inner);

    /// <summary><c>date ± period</c> left the dates the calendar has (years -9998 to 9999).</summary>
    internal static RuleRuntimeException DateOutOfRange(Exception inner) => new(LocalizableString.FromResource("PR2005_DateOutOfRange"), inner);

    /// <summary><c>period + period</c> left the range of a period.</summary>
    internal static RuleRuntimeException PeriodOutOfRange(Exception inner) => new(LocalizableString.FromResource("PR2005_PeriodOutOfRange"), inner);

    /// <summary>
    /// A host function threw: the sentence in the finding's language, naming the function; the exception's type
    /// and message as they are (they are the host's, for its developers), and kept as the inner exception.
    /// </summary>
    internal static RuleRuntimeException HostFunctionFailed(string function, Exception inner) =>
        new(LocalizableString.FromResource("PR2005_HostFunction", function, inner.GetType().Name, ExceptionText.Message(inner)), inner);

    /// <summary>A pattern chosen at run time does not build (a literal one is refused when the rule is checked).</summary>
    internal static RuleRuntimeException InvalidPattern(string pattern, Exception inner) =>
        new(LocalizableString.FromResource("PR2005_InvalidPattern", pattern, PatternProblems.Describe(pattern, inner)), inner);

    /// <summary>One evaluation visited more list items than <see cref="Compilation.RuleCompiler.MaxSteps"/> (quantifiers nested too deep).</summary>
    internal static RuleRuntimeException StepLimitExceeded() =>
        new(LocalizableString.FromResource("PR2005_StepLimit", Compilation.RuleCompiler.MaxSteps.ToString("N0", CultureInfo.InvariantCulture))) { IsStepLimit = true };

    /// <summary>True when the fault is <see cref="StepLimitExceeded"/>: the rule, not the element, is to blame.</summary>
    internal bool IsStepLimit { get; private init; }

    /// <summary><c>matches</c> ran past its time limit (<see cref="BuiltinFunctions.MatchTimeout"/>).</summary>
    internal static RuleRuntimeException PatternTimeout(RegexMatchTimeoutException inner) =>
        new(LocalizableString.FromResource("PR2005_PatternTimeout", (long)inner.MatchTimeout.TotalMilliseconds), inner);
}

/// <summary>
/// The built-in functions of the rule language, as plain static methods (found by name when rules are
/// compiled). Arguments may be none; results follow the language's none semantics.
/// </summary>
public static class BuiltinFunctions
{
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    /// <summary>
    /// At most this many patterns computed by rules (<c>matches(t.title, t.id)</c>) are kept built; past it a pattern
    /// is built per call. The cache is shared by every check of the process, and a long-running host must not keep
    /// one automaton per task id it ever saw.
    /// </summary>
    internal const int MaxCachedPatterns = 1_000;

    /// <summary>How many patterns are kept built (for tests).</summary>
    internal static int CachedPatterns => Patterns.Count;

    /// <summary>
    /// How long one <c>matches</c> may take before the rule faults on that element. The non-backtracking
    /// engine is linear in the text, so this is only a backstop; it is generous because the first match of
    /// a pattern builds its automaton, and under load (or a GC pause) 200 ms faulted ordinary titles.
    /// </summary>
    public static TimeSpan MatchTimeout { get; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The engine for a pattern. Literal text and literal alternatives (<c>定期|每年|每月</c>) cannot backtrack more
    /// than their length at each position, so they run on the backtracking engine, which finds the alternatives'
    /// first characters with a vectorised search: on the benchmark's titles 2–4× faster than the non-backtracking
    /// engine, with the same answers (a property test compares them). It is not compiled to IL: that would cost
    /// start-up more than a check gains, and a Native AOT build interprets patterns anyway. Every other pattern
    /// runs non-backtracking.
    /// </summary>
    internal static Regex Create(string pattern) => IsLiteralAlternation(pattern)
        ? new(pattern, RegexOptions.CultureInvariant, MatchTimeout)
        : new(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, MatchTimeout);

    /// <summary>
    /// True for a pattern of literal text, or of literal alternatives separated by <c>|</c>, none empty: no character
    /// with a meaning in patterns, and no white space (left to the non-backtracking engine to stay on the safe side).
    /// </summary>
    internal static bool IsLiteralAlternation(string pattern)
    {
        if (pattern.Length == 0 || pattern[0] == '|' || pattern[^1] == '|' || pattern.Contains("||", StringComparison.Ordinal)) return false;
        return !pattern.AsSpan().ContainsAny(PatternSyntax);
    }

    private static readonly SearchValues<char> PatternSyntax = SearchValues.Create("\\*+?{}[]()^$.#\t\n\v\f\r ");

    private static Regex Cached(string pattern) => Patterns.TryGetValue(pattern, out var regex) ? regex
        : Patterns.Count < MaxCachedPatterns ? Patterns.GetOrAdd(pattern, Create)
        : Create(pattern);

    /// <summary><c>count(list)</c>: the number of items (0 for none).</summary>
    public static long? Count<T>(IReadOnlyList<T>? list) => list?.Count ?? 0;

    /// <summary><c>count(x)</c> of a value not typed as a rule list (none, or a host function's collection): 0 for none.</summary>
    internal static long? CountOf(object? list)
    {
        switch (list)
        {
            case null:
                return 0;
            case System.Collections.ICollection collection:
                return collection.Count;
            case System.Collections.IEnumerable items:
                long count = 0;
                foreach (var unused in items) count++;
                return count;
            default:
                return 0;
        }
    }

    /// <summary><c>days(period)</c>: days in a period; months count 30 days and years 365.</summary>
    public static long? Days(Period? period) =>
        period is null ? null : period.Days + 7L * period.Weeks + 30L * period.Months + 365L * period.Years;

    /// <summary><c>contains(text, part)</c>, ordinal.</summary>
    public static bool Contains(string? text, string? part) => text is not null && part is not null && text.Contains(part, StringComparison.Ordinal);

    /// <summary>
    /// <c>matches(text, pattern)</c>: a .NET regular expression run with the non-backtracking engine and a
    /// timeout, so a hostile pattern cannot hang the host. A bad pattern or a timeout faults the element.
    /// </summary>
    public static bool Matches(string? text, string? pattern)
    {
        if (text is null || pattern is null) return false;
        Regex regex;
        try
        {
            regex = Cached(pattern);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw RuleRuntimeException.InvalidPattern(pattern, e);
        }
        return Matches(text, regex);
    }

    /// <summary><c>matches(text, "literal")</c>: the pattern built once, when the rule was compiled.</summary>
    internal static bool Matches(string? text, Regex regex)
    {
        if (text is null) return false;
        try
        {
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException e)
        {
            throw RuleRuntimeException.PatternTimeout(e);
        }
    }

    /// <summary>
    /// The regular expression for a pattern written in a rule, built once for the rule's compiled code; null when it
    /// does not build (then each call reports why).
    /// </summary>
    internal static Regex? TryPattern(string pattern) => PatternProblem(pattern) is null ? Cached(pattern) : null;

    /// <summary>Checks a pattern at compile time; null when it is usable, else the reason (in English).</summary>
    public static string? CheckPattern(string pattern) => PatternProblem(pattern)?.ToString(CultureInfo.GetCultureInfo("en"));

    /// <summary>Checks a pattern at compile time; null when it is usable, else the reason in every culture.</summary>
    internal static LocalizableString? PatternProblem(string pattern)
    {
        try
        {
            // Cached: a pattern is checked once, when the rule is type-checked, not again on the first element.
            Cached(pattern);
            return null;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return PatternProblems.Describe(pattern, e);
        }
    }

    /// <summary><c>year(date)</c></summary>
    public static long? Year(LocalDate? date) => date?.Year;

    /// <summary><c>month(date)</c></summary>
    public static long? Month(LocalDate? date) => date?.Month;

    /// <summary><c>len(text)</c>: length in UTF-16 code units.</summary>
    public static long? Len(string? text) => text?.Length;

    /// <summary><c>min(list)</c> of ints, ignoring none; none for an empty list.</summary>
    public static long? Min(IReadOnlyList<long?>? list) => Fold(list, (a, b) => a < b ? a : b);
    /// <summary><c>max(list)</c> of ints.</summary>
    public static long? Max(IReadOnlyList<long?>? list) => Fold(list, (a, b) => a > b ? a : b);
    /// <summary><c>min(list)</c> of decimals.</summary>
    public static decimal? Min(IReadOnlyList<decimal?>? list) => Fold(list, (a, b) => a < b ? a : b);
    /// <summary><c>max(list)</c> of decimals.</summary>
    public static decimal? Max(IReadOnlyList<decimal?>? list) => Fold(list, (a, b) => a > b ? a : b);
    /// <summary><c>min(list)</c> of dates.</summary>
    public static LocalDate? Min(IReadOnlyList<LocalDate?>? list) => Fold(list, (a, b) => a < b ? a : b);
    /// <summary><c>max(list)</c> of dates.</summary>
    public static LocalDate? Max(IReadOnlyList<LocalDate?>? list) => Fold(list, (a, b) => a > b ? a : b);

    /// <summary><c>min(list)</c> of text, ordinal (as <c>&lt;</c> on text), ignoring none; none for an empty list.</summary>
    public static string? Min(IReadOnlyList<string?>? list) => FoldText(list, smallest: true);
    /// <summary><c>max(list)</c> of text, ordinal.</summary>
    public static string? Max(IReadOnlyList<string?>? list) => FoldText(list, smallest: false);

    private static string? FoldText(IReadOnlyList<string?>? list, bool smallest)
    {
        if (list is null) return null;
        string? result = null;
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not { } value) continue;
            if (result is null) result = value;
            else if (string.CompareOrdinal(value, result) is var order && (smallest ? order < 0 : order > 0)) result = value;
        }
        return result;
    }

    private static T? Fold<T>(IReadOnlyList<T?>? list, Func<T, T, T> pick) where T : struct
    {
        if (list is null) return null;
        T? result = null;
        foreach (var item in list)
        {
            if (item is not { } value) continue;
            result = result is { } current ? pick(current, value) : value;
        }
        return result;
    }

    // Operators the compiler calls: each keeps none semantics.

    /// <summary><c>date - date</c> in days.</summary>
    public static long? DaysBetween(LocalDate? later, LocalDate? earlier) =>
        later is { } a && earlier is { } b ? Period.DaysBetween(b, a) : null;

    /// <summary><c>date + period</c>; a date outside the calendar faults the element.</summary>
    public static LocalDate? PlusPeriod(LocalDate? date, Period? period) => date is { } d && period is not null ? Shift(d, period, forward: true) : null;

    /// <summary><c>date - period</c>; a date outside the calendar faults the element.</summary>
    public static LocalDate? MinusPeriod(LocalDate? date, Period? period) => date is { } d && period is not null ? Shift(d, period, forward: false) : null;

    private static LocalDate Shift(LocalDate date, Period period, bool forward)
    {
        try
        {
            return forward ? date.Plus(period) : date.Minus(period);
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException)
        {
            throw RuleRuntimeException.DateOutOfRange(e);
        }
    }

    /// <summary><c>period + period</c>; a period outside the range of its fields faults the element.</summary>
    public static Period? AddPeriods(Period? a, Period? b)
    {
        if (a is null || b is null) return null;
        try
        {
            return a + b;
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException)
        {
            throw RuleRuntimeException.PeriodOutOfRange(e);
        }
    }

    /// <summary><c>text + text</c>; none + text is none.</summary>
    public static string? Concat(string? a, string? b) => a is not null && b is not null ? a + b : null;

    /// <summary><c>x in list</c></summary>
    public static bool In<T>(T item, IReadOnlyList<T>? list)
    {
        if (list is null) return false;
        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < list.Count; i++) if (comparer.Equals(list[i], item)) return true;
        return false;
    }

    /// <summary>Text ordering (ordinal); none compares false.</summary>
    public static int? CompareText(string? a, string? b) => a is not null && b is not null ? string.CompareOrdinal(a, b) : null;

    /// <summary><c>any x in list: body</c></summary>
    public static bool Any<T>(IReadOnlyList<T>? list, Func<T, bool> body)
    {
        if (list is null) return false;
        for (var i = 0; i < list.Count; i++) if (body(list[i])) return true;
        return false;
    }

    /// <summary><c>all x in list: body</c> (true for an empty list)</summary>
    public static bool All<T>(IReadOnlyList<T>? list, Func<T, bool> body)
    {
        if (list is null) return true;
        for (var i = 0; i < list.Count; i++) if (!body(list[i])) return false;
        return true;
    }

    /// <summary><c>count x in list: body</c> (extension)</summary>
    public static long? CountWhere<T>(IReadOnlyList<T>? list, Func<T, bool> body)
    {
        if (list is null) return 0;
        long count = 0;
        for (var i = 0; i < list.Count; i++) if (body(list[i])) count++;
        return count;
    }
}
