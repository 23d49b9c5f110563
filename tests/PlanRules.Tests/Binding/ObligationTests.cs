using PlanRules.Binding;
using PlanRules.Diagnostics;
using PlanRules.Syntax;
using PlanRules.Text;
using PlanRules.Tests.Support;

namespace PlanRules.Tests.Binding;

/// <summary>Obligations: one per accountable owner; closed groups expand per member, open groups stay one.</summary>
public class ObligationTests
{
    private const string Units = """
        plan "p" { period 2021-01-01 .. 2021-12-31 }
        unit 区司法局
        unit 区政府办
        unit 市桥街
        unit 石楼镇
        group 镇街 "各镇(街)" = 市桥街, 石楼镇
        group 有关单位 "各有关单位"

        """;

    private static BoundPlan Bind(string text) => PlanBinder.Bind(new SourceText(text, "o.plan"));

    private static IEnumerable<(string Unit, OwnerRole Role)> Owed(BoundPlan plan, string taskId) =>
        plan.GetTask(taskId)!.Obligations.Select(o => (o.Unit.Name, o.Role));

    [Fact]
    public void ClosedGroup_ExpandsToOneObligationPerMember()
    {
        var plan = Bind(Units + "task 1 \"t\" { lead 镇街 }\n");

        Assert.Equal([("市桥街", OwnerRole.Lead), ("石楼镇", OwnerRole.Lead)], Owed(plan, "1"));
    }

    [Fact]
    public void OpenGroup_StaysOneObligation()
    {
        var plan = Bind(Units + "task 1 \"t\" { lead 有关单位 }\n");

        var obligation = Assert.Single(plan.GetTask("1")!.Obligations);
        Assert.Equal("有关单位", obligation.Unit.Name);
        Assert.True(obligation.Unit.IsGroup);
        Assert.False(obligation.Unit.IsClosedGroup);
    }

    [Fact]
    public void LeadAndWith_AreAccountable_SupportIsNot()
    {
        var plan = Bind(Units + "task 28 \"t\" {\n  lead 区司法局\n  with 区政府办、有关单位、镇街\n  support 区财政局\n}\nunit 区财政局\n");

        Assert.Equal(
            [("区司法局", OwnerRole.Lead), ("区政府办", OwnerRole.With), ("有关单位", OwnerRole.With), ("市桥街", OwnerRole.With), ("石楼镇", OwnerRole.With)],
            Owed(plan, "28"));
        var task = plan.GetTask("28")!;
        Assert.Equal(["区财政局"], task.Support.Select(u => u.Name));
        Assert.Equal(["区司法局", "区政府办", "有关单位", "镇街"], task.DeclaredOwners.Select(u => u.Name));
    }

    [Fact]
    public void UnitNamedTwice_OwesOnce()
    {
        var plan = Bind(Units + "task 1 \"t\" { lead 市桥街, 镇街; with 石楼镇, 市桥街 }\n");

        Assert.Equal([("市桥街", OwnerRole.Lead), ("石楼镇", OwnerRole.Lead)], Owed(plan, "1"));
    }

    [Fact]
    public void NestedClosedGroups_ExpandToTheirUnits_OpenMembersStayWhole()
    {
        var plan = Bind(Units + "group 全区 = 区司法局, 镇街, 有关单位\ntask 1 \"t\" { lead 全区 }\n");

        Assert.Equal(["区司法局", "市桥街", "石楼镇", "有关单位"], Owed(plan, "1").Select(o => o.Unit));
        Assert.Equal(["区司法局", "镇街", "有关单位"], plan.GetUnit("全区")!.Members.Select(m => m.Name));
    }

    [Fact]
    public void GroupsInACycle_DoNotHangAndReportPR1010()
    {
        var plan = Bind(Units + "group G1 = 市桥街, G2\ngroup G2 = 石楼镇, G1\ntask 1 \"t\" { lead G1 }\n");

        Assert.Contains(plan.Diagnostics, d => d.Id == "PR1010");
        Assert.NotNull(plan.GetTask("1"));
    }

    [Fact]
    public void UnknownOwner_GivesNoObligation()
    {
        var plan = Bind(Units + "task 1 \"t\" { lead 区司法局, 不存在 }\n");

        Assert.Equal([("区司法局", OwnerRole.Lead)], Owed(plan, "1"));
    }

    [Fact]
    public void Recurrence_DefaultsToAtLeastOne()
    {
        var plan = Bind(Units + "task 43 \"t\" { lead 有关单位, 镇街; every year }\ntask 44 \"t\" { lead 镇街; every month at-least 2 }\n");

        Assert.Equal(new Recurrence(RecurrencePeriod.Year, 1), plan.GetTask("43")!.Recurrence);
        Assert.Equal(new Recurrence(RecurrencePeriod.Month, 2), plan.GetTask("44")!.Recurrence);
        Assert.Equal(3, plan.GetTask("43")!.Obligations.Length);
    }

    [Fact]
    public void DependenciesAndDependents_AreLinked()
    {
        var plan = Bind(Units + "task 42 \"t\" { lead 镇街 }\ntask 48 \"t\" { lead 镇街 }\ntask 50 \"t\" { lead 镇街; after 42、48 }\n");

        Assert.Equal(["42", "48"], plan.GetTask("50")!.Dependencies.Select(t => t.Id));
        Assert.Equal(["50"], plan.GetTask("42")!.Dependents.Select(t => t.Id));
        Assert.Empty(plan.GetTask("50")!.Dependents);
    }

    [Fact]
    public void TaskItems_AreBound()
    {
        var plan = Bind(Units + "section 5 \"s\" { section 5.1 \"s1\" {\ntask 1 \"t\" { lead 区司法局; tag 及时, 定期, 及时; note \"n\"; source \"src\"; suppress PR1007 \"why\"; start 2021-02-01; due 2021-03-01 }\n} }\n");

        var task = plan.GetTask("1")!;
        Assert.Equal(["及时", "定期"], task.Tags.ToArray());
        Assert.Equal(["n"], task.Notes.ToArray());
        Assert.Equal(["src"], task.Sources.ToArray());
        var suppression = Assert.Single(task.Suppressions);
        Assert.Equal(("PR1007", "why", "1"), (suppression.DiagnosticId, suppression.Reason, suppression.TaskId));
        Assert.Equal(new NodaTime.LocalDate(2021, 2, 1), task.Start);
        Assert.Equal(new NodaTime.LocalDate(2021, 3, 1), task.Due);
        Assert.Equal("5.1", task.Section!.Id);
        Assert.Equal("5", task.Section.Parent!.Id);
    }

    [Fact]
    public void ExamplePlan_Binds50Tasks_5SectionsWith15Subsections_AndNoErrors()
    {
        var plan = PlanBinder.Bind(new SourceText(TestPaths.ExamplePlanText, "examples/panyu-2021/plan.plan"));

        Assert.DoesNotContain(plan.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(50, plan.Tasks.Length);
        Assert.Equal(Enumerable.Range(1, 50).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), plan.Tasks.Select(t => t.Id));
        Assert.Equal(["1", "2", "3", "4", "5"], plan.Sections.Where(s => s.Parent is null).Select(s => s.Id));
        Assert.Equal(15, plan.Sections.Count(s => s.Parent is not null));
        Assert.All(plan.Sections.Where(s => s.Parent is not null), s => Assert.StartsWith(s.Parent!.Id + ".", s.Id));
        Assert.All(plan.Tasks, t => Assert.NotNull(t.Section?.Parent));
        Assert.Equal("番禺区2021年政务公开工作要点分工方案", plan.Plan.Title);
        Assert.Equal("区政府办", plan.Plan.Issuer!.Name);
    }

    [Fact]
    public void ExamplePlan_ExpandsGroupsAsDeclared()
    {
        var plan = PlanBinder.Bind(new SourceText(TestPaths.ExamplePlanText, "plan.plan"));

        Assert.Equal(16, plan.GetUnit("镇街")!.ExpandedMembers.Length);
        // Task 43: 有关单位 (open, one obligation) and 镇街 (closed, 16 members).
        Assert.Equal(17, plan.GetTask("43")!.Obligations.Length);
        Assert.Equal(new Recurrence(RecurrencePeriod.Year, 1), plan.GetTask("43")!.Recurrence);
        // Task 28: lead 区司法局; with 区政府办, 有关单位, 镇街.
        Assert.Equal(19, plan.GetTask("28")!.Obligations.Length);
        Assert.Same(plan.GetUnit("区委编办(区绩效办)"), plan.GetUnit("区绩效办"));
        Assert.Equal(["42", "48"], plan.GetTask("50")!.Dependencies.Select(t => t.Id));
    }
}
