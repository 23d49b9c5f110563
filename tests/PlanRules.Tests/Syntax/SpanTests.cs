using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PlanRules.Formatting;
using PlanRules.Syntax;
using PlanRules.Tests.Properties;
using PlanRules.Tests.Support;

namespace PlanRules.Tests.Syntax;

/// <summary>Every node carries its exact span, inside its parent's.</summary>
public class SpanTests
{
    [Fact]
    public void ExamplePlan_EveryNodeLiesInsideItsParent()
    {
        var file = PlanParser.Parse(TestPaths.ExamplePlanText, "plan.plan");

        Assert.Empty(file.Diagnostics);
        SpanAssert.WellFormed(file);
        SpanAssert.LeavesMatchTheirText(file);
        Assert.True(file.DescendantsAndSelf().Count() > 500);
    }

    [Property(MaxTest = 100)]
    public Property GeneratedPlans_EveryNodeLiesInsideItsParent() =>
        Prop.ForAll(Arb.From(PlanGenerators.Files), generated =>
        {
            var file = PlanParser.Parse(PlanPrinter.Print(generated));

            SpanAssert.WellFormed(file);
            SpanAssert.LeavesMatchTheirText(file);
        });

    [Fact]
    public void TaskSpan_RunsFromKeywordToCloseBrace()
    {
        var text = "// c\n  task 7 \"t\" {\n    lead A\n  }  \n";
        var file = PlanParser.Parse(text);

        var task = Assert.Single(file.Tasks);
        Assert.Equal(text.IndexOf("task", StringComparison.Ordinal), task.Span.Start);
        Assert.Equal(text.LastIndexOf('}') + 1, task.Span.End);
        var lead = Assert.IsType<OwnersItemSyntax>(Assert.Single(task.Items));
        Assert.Equal("lead A", file.Source.ToString(lead.Span));
    }

    [Fact]
    public void ItemSpans_CoverKeywordToLastToken()
    {
        var file = PlanParser.Parse("task 1 \"t\" { every half-year at-least 3; after 1.2, T3；suppress PR1007 “理由” }");

        var items = Assert.Single(file.Tasks).Items;
        Assert.Equal(["every half-year at-least 3", "after 1.2, T3", "suppress PR1007 “理由”"], items.Select(i => file.Source.ToString(i.Span)));
        Assert.Equal("half-year", file.Source.ToString(((EveryItemSyntax)items[0]).PeriodSpan));
    }

    [Fact]
    public void GroupSpan_EndsAtItsLastMember()
    {
        var file = PlanParser.Parse("group 镇街 \"各镇(街)\" = 市桥街, 石楼镇   // c\nunit X");

        var group = Assert.IsType<GroupDeclarationSyntax>(file.Declarations[0]);
        Assert.Equal("group 镇街 \"各镇(街)\" = 市桥街, 石楼镇", file.Source.ToString(group.Span));
        var unit = Assert.IsType<UnitDeclarationSyntax>(file.Declarations[1]);
        Assert.Equal("unit X", file.Source.ToString(unit.Span));
    }
}
