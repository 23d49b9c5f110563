using System.Globalization;
using PlanRules.Binding;
using PlanRules.Import;
using PlanRules.Syntax;
using PlanRules.Tests.Support;

namespace PlanRules.Tests.Import;

/// <summary>One expected task of a case key: <c>id | section | lead | with | support | due | every | tags</c>.</summary>
internal sealed record ExpectedTask(
    string Id,
    string Section,
    IReadOnlySet<string> Lead,
    IReadOnlySet<string> With,
    IReadOnlySet<string> Support,
    string Due,
    string Every,
    IReadOnlySet<string>? Tags)
{
    public override string ToString() => Id;
}

/// <summary>The case files under <c>Import/Cases</c>: a notice and the key written from reading it.</summary>
internal static class ImportCases
{
    public static string Folder => Path.Combine(TestPaths.RepoRoot, "tests", "PlanRules.Tests", "Import", "Cases");

    public static string NoticePath(string name) => Path.Combine(Folder, name + ".notice.txt");

    public static byte[] NoticeBytes(string name) => File.ReadAllBytes(NoticePath(name));

    public static string NoticeText(string name) => File.ReadAllText(NoticePath(name));

    /// <summary>Imports a case notice from its bytes, under a stable display path.</summary>
    public static ImportResult Import(string name) => NoticeImporter.Import(NoticeBytes(name), name + ".notice.txt");

    public static IReadOnlyList<ExpectedTask> Key(string name)
    {
        var tasks = new List<ExpectedTask>();
        foreach (var raw in File.ReadAllLines(Path.Combine(Folder, name + ".key.txt")))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var fields = line.Split('|').Select(f => f.Trim()).ToArray();
            tasks.Add(new ExpectedTask(
                fields[0],
                fields[1],
                Names(fields[2]),
                Names(fields[3]),
                Names(fields[4]),
                fields[5],
                fields.Length > 6 ? fields[6] : "",
                fields.Length > 7 ? Names(fields[7]) : null));
        }
        return tasks;
    }

    public static IReadOnlySet<string> Names(string field) =>
        field.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);

    /// <summary>A bound task's owners, deadline and recurrence in the key's terms.</summary>
    public static (IReadOnlySet<string> Lead, IReadOnlySet<string> With, IReadOnlySet<string> Support, string Due, string Every) Facts(TaskSymbol task) => (
        task.Lead.Select(u => u.Name).ToHashSet(StringComparer.Ordinal),
        task.With.Select(u => u.Name).ToHashSet(StringComparer.Ordinal),
        task.Support.Select(u => u.Name).ToHashSet(StringComparer.Ordinal),
        task.Due is { } due ? due.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture) : "",
        task.Recurrence is { } r ? $"{PeriodWord(r.Period)} {r.AtLeast}" : "");

    private static string PeriodWord(RecurrencePeriod period) => period switch
    {
        RecurrencePeriod.HalfYear => "half-year",
        _ => period.ToString().ToLowerInvariant(),
    };

    /// <summary>Asserts that the bound draft has exactly the key's tasks, each with the key's facts.</summary>
    public static void AssertMatchesKey(BoundPlan plan, IReadOnlyList<ExpectedTask> key)
    {
        Assert.Equal(key.Select(k => k.Id), plan.Tasks.Select(t => t.Id));
        foreach (var expected in key)
        {
            var task = plan.GetTask(expected.Id)!;
            var facts = Facts(task);
            var where = $"task {expected.Id}";
            Assert.True(expected.Lead.SetEquals(facts.Lead), $"{where} lead: expected [{string.Join(", ", expected.Lead)}], got [{string.Join(", ", facts.Lead)}]");
            Assert.True(expected.With.SetEquals(facts.With), $"{where} with: expected [{string.Join(", ", expected.With)}], got [{string.Join(", ", facts.With)}]");
            Assert.True(expected.Support.SetEquals(facts.Support), $"{where} support: expected [{string.Join(", ", expected.Support)}], got [{string.Join(", ", facts.Support)}]");
            Assert.True(expected.Due == facts.Due, $"{where} due: expected '{expected.Due}', got '{facts.Due}'");
            Assert.True(expected.Every == facts.Every, $"{where} every: expected '{expected.Every}', got '{facts.Every}'");
            Assert.True(expected.Section == (task.Section?.Id ?? ""), $"{where} section: expected '{expected.Section}', got '{task.Section?.Id}'");
            if (expected.Tags is { } tags)
            {
                Assert.True(tags.SetEquals(task.Tags), $"{where} tags: expected [{string.Join(", ", tags)}], got [{string.Join(", ", task.Tags)}]");
            }
        }
    }
}
