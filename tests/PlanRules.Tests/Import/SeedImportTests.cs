using PlanRules.Binding;
using PlanRules.Diagnostics;
using PlanRules.Formatting;
using PlanRules.Import;
using PlanRules.Syntax;
using PlanRules.Tests.Support;
using PlanRules.Text;

namespace PlanRules.Tests.Import;

/// <summary>The seed notice (番府办〔2021〕35号) against the key written from reading it and against the hand-written plan.</summary>
public class SeedImportTests
{
    private const string Seed = "panyu-2021";

    private static readonly Lazy<ImportResult> Result = new(() => ImportCases.Import(Seed));

    private static readonly Lazy<BoundPlan> HandWritten = new(() => PlanBinder.Bind(SourceText.FromFile(TestPaths.ExamplePlanPath, "examples/panyu-2021/plan.plan")));

    // The analyst added these dues to the hand-written plan (with a note); the notice has none.
    private static readonly string[] AnalystDues = ["3", "12", "48"];

    [Fact]
    public void Seed_Gives50Tasks5Sections15Subsections()
    {
        var plan = Result.Value.Plan;

        Assert.Equal(50, plan.Tasks.Length);
        Assert.Equal(Enumerable.Range(1, 50).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), plan.Tasks.Select(t => t.Id));
        Assert.Equal(5, plan.Sections.Count(s => s.Parent is null));
        Assert.Equal(15, plan.Sections.Count(s => s.Parent is not null));
    }

    [Fact]
    public void Seed_DraftParsesAndBindsWithoutErrors()
    {
        var result = Result.Value;

        Assert.Empty(result.Syntax.Diagnostics);
        Assert.DoesNotContain(result.Plan.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.DoesNotContain(result.Plan.Diagnostics, d => d.Id.StartsWith("PR0", StringComparison.Ordinal));
        Assert.False(result.HasErrors);
        // Printed by the canonical printer: fmt leaves it as it is.
        Assert.Equal(result.PlanText, PlanPrinter.Print(PlanParser.Parse(result.PlanText)));
    }

    [Fact]
    public void Seed_EveryTaskMatchesTheKey() =>
        ImportCases.AssertMatchesKey(Result.Value.Plan, ImportCases.Key(Seed));

    [Fact]
    public void Seed_Header()
    {
        var plan = Result.Value.Plan.Plan;

        Assert.Equal("番禺区2021年政务公开工作要点分工方案", plan.Title);
        Assert.Equal("番府办〔2021〕35号", plan.Ref);
        Assert.Equal(new NodaTime.LocalDate(2021, 7, 20), plan.Issued);
        Assert.Equal(new NodaTime.LocalDate(2021, 1, 1), plan.Start);
        Assert.Equal(new NodaTime.LocalDate(2021, 12, 31), plan.End);
        Assert.Equal("区政府办", plan.Issuer?.Name);
        Assert.Equal("番禺区人民政府办公室", plan.Issuer?.Title);
    }

    [Fact]
    public void Seed_EqualsTheHandWrittenPlan_InTasksOwnersDeadlinesAndRecurrence()
    {
        var imported = Result.Value.Plan;
        var written = HandWritten.Value;

        Assert.Equal(written.Tasks.Select(t => t.Id), imported.Tasks.Select(t => t.Id));
        foreach (var expected in written.Tasks)
        {
            var actual = imported.GetTask(expected.Id)!;
            var (lead, with, support, due, every) = ImportCases.Facts(actual);
            var (wLead, wWith, wSupport, wDue, wEvery) = ImportCases.Facts(expected);
            Assert.True(wLead.SetEquals(lead), $"task {expected.Id} lead: [{string.Join(", ", wLead)}] vs [{string.Join(", ", lead)}]");
            Assert.True(wWith.SetEquals(with), $"task {expected.Id} with: [{string.Join(", ", wWith)}] vs [{string.Join(", ", with)}]");
            Assert.True(wSupport.SetEquals(support), $"task {expected.Id} support: [{string.Join(", ", wSupport)}] vs [{string.Join(", ", support)}]");
            Assert.Equal(wEvery, every);
            if (AnalystDues.Contains(expected.Id))
            {
                Assert.Equal("", due);
                Assert.NotNull(expected.Due);
            }
            else
            {
                Assert.True(wDue == due, $"task {expected.Id} due: '{wDue}' vs '{due}'");
            }
            Assert.Equal(expected.Section?.Id, actual.Section?.Id);
            Assert.Equal(expected.Section?.Title, actual.Section?.Title);
        }
        Assert.Equal(written.Sections.Select(s => (s.Id, s.Title, s.Parent?.Id)), imported.Sections.Select(s => (s.Id, s.Title, s.Parent?.Id)));
    }

    [Fact]
    public void Seed_TitlesSourcesAndTagsAreTheHandWrittenOnes()
    {
        var imported = Result.Value.Plan;
        foreach (var expected in HandWritten.Value.Tasks)
        {
            var actual = imported.GetTask(expected.Id)!;
            Assert.Equal(expected.Title, actual.Title);
            Assert.Equal(expected.Sources.ToArray(), actual.Sources.ToArray());
            Assert.True(expected.Tags.ToHashSet().SetEquals(actual.Tags), $"task {expected.Id} tags: [{string.Join(", ", expected.Tags)}] vs [{string.Join(", ", actual.Tags)}]");
        }
    }

    [Fact]
    public void Seed_Units_DeclaredOnce_GroupsOpen_DualNameAliased()
    {
        var plan = Result.Value.Plan;
        var handUnits = HandWritten.Value.Units.Where(u => !u.IsGroup).Select(u => u.Name).ToHashSet();

        // Every unit the notice names (the towns and streets are the analyst's, not the notice's).
        var imported = plan.Units.Where(u => !u.IsGroup).Select(u => u.Name).ToHashSet();
        Assert.Equal(handUnits.Where(n => !n.EndsWith('街') && !n.EndsWith('镇')).ToHashSet(), imported);
        Assert.Equal(["有关单位", "镇街", "区新冠肺炎防控指挥办各工作组"], plan.Units.Where(u => u.IsGroup).Select(u => u.Name));
        Assert.All(plan.Units.Where(u => u.IsGroup), g => Assert.False(g.IsClosedGroup));
        Assert.Equal("各镇(街)", plan.GetUnit("镇街")!.Title);
        Assert.Equal("各有关单位", plan.GetUnit("有关单位")!.Title);
        Assert.Equal(["区委编办", "区绩效办"], plan.GetUnit("区委编办(区绩效办)")!.Aliases.ToArray());
        Assert.DoesNotContain(plan.Diagnostics, d => d.Id == "PR1009");
    }

    [Fact]
    public void Seed_Findings_PointIntoTheNotice()
    {
        var findings = Result.Value.Diagnostics;

        // The one passage it cannot place: the working requirement after task 4's owners, kept as a note.
        var unplaced = PlanAssert.Single(findings, "PR4001");
        Assert.Equal(("panyu-2021.notice.txt", 52, 26), (unplaced.Location.Path, unplaced.Location.Line, unplaced.Location.Column));
        Assert.Equal("4", unplaced.TaskId);
        Assert.Contains("在工作中加强与上级单位沟通对接", Result.Value.Plan.GetTask("4")!.Notes);
        Assert.Equal("A passage could not be turned into plan items and was kept as a note: 在工作中加强与上级单位沟通对接", unplaced.GetMessage(PlanAssert.En));

        Assert.All(findings, d => Assert.Contains(d.Id, new[] { "PR4001", "PR4002" }));
        var guessed = findings.Where(d => d.Id == "PR4002").Select(d => (d.Location.Line, d.GetMessage(PlanAssert.En))).ToList();
        Assert.Contains((16, "Issuing office '番禺区人民政府办公室' taken as unit '区政府办'"), guessed);
        Assert.Contains((108, "Task 16 has no owner line of its own; the owners of task 15 were taken (merged table cell)"), guessed);
        Assert.Contains((254, "Unit '区委编办(区绩效办)' goes by two names; '区委编办' and '区绩效办' declared as aliases"), guessed);
        Assert.Contains(guessed, g => g.Item2.StartsWith("'各镇(街)' imported as the open group 镇街", StringComparison.Ordinal));
    }

    [Fact]
    public void Seed_Task16_TakesTask15sOwners_WithANote()
    {
        var task = Result.Value.Plan.GetTask("16")!;

        Assert.Equal(["有关单位", "镇街"], task.Lead.Select(u => u.Name));
        Assert.Contains(task.Notes, n => n.Contains("沿用第15项", StringComparison.Ordinal));
    }

    [Fact]
    public void Seed_WhatIsWorkedOn_IsNotAnOwner_ButKeptAsANote()
    {
        var task = Result.Value.Plan.GetTask("36")!;

        Assert.DoesNotContain(task.Lead.Concat(task.With).Concat(task.Support), u => u.Name == "区政府");
        Assert.Contains(task.Notes, n => n.Contains("办理区政府、区政府办政府信息依申请公开工作", StringComparison.Ordinal));
    }

    [Fact]
    public void Seed_NothingIsSilentlyDropped()
    {
        var result = Result.Value;
        var lines = result.Notice.Text.Split('\n').Select(l => l.Trim()).ToArray();
        var skipped = result.SkippedLines.ToDictionary(s => s.Line);
        var sources = result.Plan.Tasks.SelectMany(t => t.Sources).Select(s => int.Parse(s.Split('第')[1].TrimEnd('行'), System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        var sectionLines = new[] { 32, 34, 48, 62, 68, 82, 100, 102, 110, 124, 138, 156, 158, 168, 182, 196, 202, 204, 218, 228, 238, 240, 246, 264 };
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            if (lines[i].Length == 0 || sources.Contains(number) || sectionLines.Contains(number)) continue;
            // Owner lines follow their task's line.
            if (sources.Contains(number - 2)) continue;
            Assert.True(skipped.ContainsKey(number), $"line {number} neither imported nor skipped: {lines[i]}");
        }
        // What was skipped is header or page furniture, never a task.
        Assert.All(result.SkippedLines, s => Assert.True(s.Line < 32 || s.Line > 276 || s.Reason == "Footer", $"{s.Line}: {s.Reason}"));
        Assert.Equal(["Header:Signature", "Header:Date", "Header:Title"], result.SkippedLines.Where(s => s.Line is 16 or 18 or 23).Select(s => s.Reason));
    }

    [Fact]
    public void Seed_ReEncodedAsGb18030_GivesTheSamePlan()
    {
        var text = ImportCases.NoticeText(Seed);
        var gb = NoticeDecoder.Gb18030Encoding.GetBytes(text);
        Assert.NotEqual(System.Text.Encoding.UTF8.GetBytes(text), gb);

        var fromGb = NoticeImporter.Import(gb, Seed + ".notice.txt");

        Assert.Equal("GB18030", fromGb.EncodingName);
        Assert.Equal(Result.Value.PlanText, fromGb.PlanText);
        Assert.Equal(Result.Value.Diagnostics.Select(d => d.ToString()), fromGb.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Seed_WithABom_GivesTheSamePlan()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(ImportCases.NoticeBytes(Seed)).ToArray();

        var result = NoticeImporter.Import(bytes, Seed + ".notice.txt");

        Assert.Equal("UTF-8", result.EncodingName);
        Assert.Equal(Result.Value.PlanText, result.PlanText);
    }

    [Fact]
    public void Seed_ImportIsDeterministic() =>
        Assert.Equal(Result.Value.PlanText, ImportCases.Import(Seed).PlanText);
}
