using System.Collections;
using System.Globalization;
using System.Text;
using NodaTime;

namespace PlanRules.Rules.Runtime;

/// <summary>How rule values read in messages and explanations: dates ISO, lists joined, none as "none"/"无".</summary>
public static class RuleValueFormatter
{
    /// <summary>Formats a run-time value for a culture (null culture: the invariant form used in fingerprints).</summary>
    public static string Format(object? value, CultureInfo? culture = null)
    {
        var english = culture is null || culture.TwoLetterISOLanguageName == "en";
        return value switch
        {
            null => english ? "none" : "无",
            string text => text,
            bool b => Text(b),
            LocalDate date => Text(date),
            Period period => FormatPeriod(period),
            RuleStatus status => Text(status),
            TaskView task => task.Id,
            UnitView unit => unit.Name,
            ObligationView obligation => obligation.ToString(),
            PlanView plan => plan.Title,
            long number => Text(number),
            decimal number => Text(number),
            IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
            IEnumerable list => FormatList(list, english ? ", " : "、", culture),
            _ => value.ToString() ?? "",
        };
    }

    // The same text for every culture; compiled rules call these on unboxed values.

    /// <summary>A bool.</summary>
    internal static string Text(bool value) => value ? "true" : "false";

    /// <summary>An int.</summary>
    internal static string Text(long value) =>
        value is >= 0 and <= int.MaxValue ? Diagnostics.LocalizableString.Number((int)value) : value.ToString(null, CultureInfo.InvariantCulture);

    /// <summary>A decimal.</summary>
    internal static string Text(decimal value) => value.ToString(null, CultureInfo.InvariantCulture);

    /// <summary>A date, ISO; the text of a date seen recently is shared (a plan has few distinct dates, and findings repeat them).</summary>
    internal static string Text(LocalDate value)
    {
        // Direct-mapped: one entry per slot, replaced on a miss. Entries are immutable, so a race costs a second text, never a wrong one.
        var slot = DateSlot(value);
        if (DateTexts[slot] is { } entry && entry.Date == value) return entry.Text;
        var text = PlanRules.Text.DateText.Iso(value);
        DateTexts[slot] = new DateEntry(value, text);
        return text;
    }

    private static readonly DateEntry?[] DateTexts = new DateEntry?[1024];

    /// <summary>The slot of a date's text: from its hash, which NodaTime makes from year, month and day without calendar calls.</summary>
    internal static int DateSlot(LocalDate value)
    {
        var hash = value.GetHashCode();
        return (hash ^ (hash >> 10)) & (DateTexts.Length - 1);
    }

    private sealed class DateEntry(LocalDate date, string text)
    {
        public LocalDate Date { get; } = date;
        public string Text { get; } = text;
    }

    /// <summary>A status word.</summary>
    internal static string Text(RuleStatus value) => RuleStatusText.ToText(value);

    /// <summary>Items formatted and joined; as <c>string.Join</c>, without a query per list.</summary>
    private static string FormatList(IEnumerable list, string separator, CultureInfo? culture)
    {
        var builder = new StringBuilder();
        var first = true;
        foreach (var item in list)
        {
            if (!first) builder.Append(separator);
            first = false;
            builder.Append(Format(item, culture));
        }
        return builder.ToString();
    }

    private static string FormatPeriod(Period period)
    {
        var builder = new StringBuilder();
        if (period.Years != 0) builder.Append(period.Years).Append('y');
        if (period.Months != 0) builder.Append(period.Months).Append('m');
        if (period.Weeks != 0) builder.Append(period.Weeks).Append('w');
        if (period.Days != 0 || builder.Length == 0) builder.Append(period.Days).Append('d');
        return builder.ToString();
    }
}
