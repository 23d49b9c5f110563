using FsCheck;
using FsCheck.Xunit;
using NodaTime;
using PlanRules.Rules.Runtime;
using PlanRules.Text;

namespace PlanRules.Tests.RulesProperties;

/// <summary>The shared texts of recently seen dates never give one date another's text.</summary>
public class DateTextCacheProperties
{
    [Property(MaxTest = 300)]
    public bool A_date_reads_as_its_own_iso_text_whatever_came_before(int[] days)
    {
        // Days from 0001-01-01 on, many of them sharing a slot (the cache has 1024).
        var epoch = new LocalDate(1, 1, 1);
        var dates = days.Select(d => epoch.PlusDays((int)((uint)d % 3_652_059u))).ToArray();
        return dates.Concat(dates.Reverse()).All(date => RuleValueFormatter.Text(date) == DateText.Iso(date));
    }

    [Fact]
    public void Two_dates_in_one_slot_each_keep_their_text()
    {
        var first = new LocalDate(2021, 6, 30);
        var second = first.PlusDays(1);
        while (RuleValueFormatter.DateSlot(second) != RuleValueFormatter.DateSlot(first)) second = second.PlusDays(1);
        var (one, two) = (DateText.Iso(first), DateText.Iso(second));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(one, RuleValueFormatter.Text(first));
            Assert.Equal(two, RuleValueFormatter.Text(second));
        }
        Parallel.For(0, 10_000, i => Assert.Equal(i % 2 == 0 ? one : two, RuleValueFormatter.Text(i % 2 == 0 ? first : second)));
    }
}
