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
            bool b => b ? "true" : "false",
            LocalDate date => PlanRules.Text.DateText.Iso(date),
            Period period => FormatPeriod(period),
            RuleStatus status => RuleStatusText.ToText(status),
            TaskView task => task.Id,
            UnitView unit => unit.Name,
            ObligationView obligation => obligation.ToString(),
            PlanView plan => plan.Title,
            IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
            IEnumerable list => string.Join(english ? ", " : "、", list.Cast<object?>().Select(item => Format(item, culture))),
            _ => value.ToString() ?? "",
        };
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
