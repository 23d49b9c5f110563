using NodaTime;
using PlanRules.Diagnostics;
using PlanRules.Output.Html;

namespace PlanRules.Tests.Report;

/// <summary>What goes into each part of the report, for the small plan of <see cref="ReportKit"/>.</summary>
public class ReportModelTests
{
    [Fact]
    public void Header_HasPlanFactsAndAsOf()
    {
        var model = ReportKit.Model();

        Assert.Equal("测试计划", model.Title);
        Assert.Equal("番府办〔2021〕1号", model.Ref);
        Assert.Equal(new LocalDate(2021, 1, 10), model.Issued);
        Assert.Equal(ReportKit.AsOf, model.AsOf);
        Assert.True(model.HasDeclaredPeriod);
        Assert.Equal(new LocalDate(2021, 1, 1), model.RangeStart);
        Assert.Equal(new LocalDate(2021, 12, 31), model.RangeEnd);
        Assert.Equal(4, model.TaskCount);
    }

    [Fact]
    public void Counts_BySeverityAndByObligationStatus()
    {
        var counts = ReportKit.Model().Counts;

        Assert.Equal(new ReportCounts(Errors: 0, Warnings: 3, Infos: 1, Suppressed: 0,
            Obligations: 6, Done: 2, DoneLate: 1, Overdue: 1, Waived: 0, Open: 3), counts);
    }

    [Fact]
    public void Units_WorstFirst_WithTheirObligations()
    {
        var units = ReportKit.Model().Units;

        Assert.Equal(["C", "B", "A"], units.Select(u => u.Name));
        Assert.Equal(["u0", "u1", "u2"], units.Select(u => u.Key));
        Assert.Equal("单位甲", units[2].Title);
        var c = units[0];
        Assert.Equal((1, 1, 1.0), (c.Compliance.Obligations, c.Compliance.Overdue, c.Compliance.OverdueShare));
        var overdue = Assert.Single(c.Obligations);
        Assert.Equal(("2", ReportStatus.Overdue, 107), (overdue.TaskId, overdue.Status, overdue.DaysOverdue));
        Assert.Equal([("2", ReportStatus.DoneLate), ("4", ReportStatus.Open)], units[1].Obligations.Select(o => (o.TaskId, o.Status)));
        Assert.Equal(10, units[1].Obligations[0].DaysLate);
        Assert.Equal(new LocalDate(2021, 7, 10), units[1].Obligations[0].CompletedOn);
        Assert.Equal([("1", ReportStatus.Done), ("3", ReportStatus.Open), ("4", ReportStatus.Open)], units[2].Obligations.Select(o => (o.TaskId, o.Status)));
    }

    [Fact]
    public void Sections_InDeclarationOrder_WithDepthAndTheirOwnTasks()
    {
        var sections = ReportKit.Model().Sections;

        Assert.Equal([("1", 0), ("2", 0), ("2.1", 1)], sections.Select(s => (s.Id!, s.Depth)));
        Assert.Equal(["1", "2"], sections[0].Tasks.Select(t => t.Id));
        Assert.Equal(["4"], sections[1].Tasks.Select(t => t.Id));
        Assert.Equal(["3"], sections[2].Tasks.Select(t => t.Id));
    }

    [Fact]
    public void Tasks_StatusDatesDependencies()
    {
        var tasks = ReportKit.Model().Tasks.ToDictionary(t => t.Id);

        Assert.Equal(ReportStatus.Done, tasks["1"].Status);
        Assert.Equal(new LocalDate(2021, 3, 20), tasks["1"].CompletedOn);
        Assert.Equal(ReportStatus.Overdue, tasks["2"].Status);
        Assert.Equal(new LocalDate(2021, 4, 1), tasks["2"].Start);
        Assert.Equal<string>(["1"], tasks["2"].DependencyIds);
        Assert.Null(tasks["2"].CompletedOn);
        Assert.Equal(ReportStatus.Open, tasks["4"].Status);
        Assert.Equal<string>(["2"], tasks["4"].DependencyIds);
        Assert.Equal(29, tasks["4"].Line);
    }

    [Fact]
    public void RecurringTask_OnePeriodEach_MetShortOrOpen()
    {
        var task = ReportKit.Model().Tasks.Single(t => t.Id == "3");

        Assert.Equal(
            [(new LocalDate(2021, 1, 1), ReportStatus.Done), (new LocalDate(2021, 4, 1), ReportStatus.Done),
             (new LocalDate(2021, 7, 1), ReportStatus.Overdue), (new LocalDate(2021, 10, 1), ReportStatus.Open)],
            task.Periods.Select(p => (p.Period.Start, p.Status)));
        Assert.Equal(ReportStatus.Overdue, task.Status);
    }

    [Fact]
    public void Findings_WithIdMessageAndPlanLine()
    {
        var findings = ReportKit.Model(ReportKit.En).Findings;

        Assert.Equal(["PR3001", "PR3002", "PR3005", "PR3004"], findings.Select(f => f.Id));
        var overdue = findings[0];
        Assert.Equal(DiagnosticSeverity.Warning, overdue.Severity);
        Assert.Equal("Task 2 is 107 days overdue (C)", overdue.Message);
        Assert.Equal(("test.plan", 15, 3), (overdue.Path!, overdue.Line, overdue.Column));
        Assert.Equal("task 2 \"实施\" {", overdue.SourceLine);
    }

    [Fact]
    public void FindingsByUnit_UnitsInTableOrder_ThenFindingsAboutNoUnit()
    {
        var groups = ReportKit.Model().FindingsByUnit;

        Assert.Equal([("u0", "C"), ("u1", "B"), ("u2", "A"), (null, null)], groups.Select(g => (g.Key, g.Label)));
        Assert.Equal([["PR3001"], ["PR3002"], ["PR3005"], ["PR3004"]], groups.Select(g => g.Findings.Select(f => f.Id).ToArray()));
    }

    [Fact]
    public void FindingsByTask_TasksInPlanOrder()
    {
        var groups = ReportKit.Model().FindingsByTask;

        Assert.Equal(["2", "3", "4"], groups.Select(g => g.Key));
        Assert.Equal("实施", groups[0].Label);
        Assert.Equal([["PR3001", "PR3002"], ["PR3005"], ["PR3004"]], groups.Select(g => g.Findings.Select(f => f.Id).ToArray()));
    }

    [Fact]
    public void FindingUnitKeys_TheUnit_OrEveryUnitOwingTheTask()
    {
        var findings = ReportKit.Model().Findings.ToDictionary(f => f.Id);

        Assert.Equal<string>(["u0"], findings["PR3001"].UnitKeys);
        // PR3004 is about task 4 as a whole: it concerns A and B, who owe it (in table order: B, then A).
        Assert.Equal<string>(["u1", "u2"], findings["PR3004"].UnitKeys);
    }

    [Fact]
    public void LedgerFindings_GoToTheRestGroup_UnknownUnitsGetTheirOwnKey()
    {
        var result = ReportKit.Check(ledger: ReportKit.Ledger + "\n2021-05-01 task 9 done\n2021-05-02 task 1 done by C\n");
        var model = ReportModel.Build(result, ReportKit.Zh);

        var unknownTask = Assert.Single(model.Findings, f => f.Id == "PR3007");
        Assert.Null(unknownTask.SourceLine);
        Assert.Equal("test.ledger", unknownTask.Path);
        Assert.Null(model.FindingsByTask[^1].Key);
        Assert.Contains(model.FindingsByTask[^1].Findings, f => f.Id == "PR3007");
        var owesNothing = Assert.Single(model.Findings, f => f.Id == "PR3008");
        Assert.Equal<string>(["u0"], owesNothing.UnitKeys);
    }

    [Fact]
    public void NoPeriod_RangeIsWholeYearsAroundTheDates()
    {
        var plan = ReportKit.Plan.Replace("  period 2021-01-01 .. 2021-12-31\n", "", StringComparison.Ordinal);
        var model = ReportModel.Build(ReportKit.Check(plan, asOf: new LocalDate(2022, 2, 1)), ReportKit.Zh);

        Assert.False(model.HasDeclaredPeriod);
        Assert.Equal(new LocalDate(2021, 1, 1), model.RangeStart);
        Assert.Equal(new LocalDate(2022, 12, 31), model.RangeEnd);
    }
}
