using System.Globalization;
using System.Text;
using PlanRules.Syntax;
using PlanRules.Text;

namespace PlanRules.Import;

/// <summary>
/// Completes each assembled task: its title, its deadline, recurrence and tags from every passage that is
/// its own, and its owners when it states none (the owners of the task directly above it in the same
/// section, as a merged table cell means; else the owners stated under its heading; else a stand-in lead
/// reported as PR4001, so the draft always binds).
/// </summary>
internal static class TaskFinalizer
{
    public static void Complete(ImportedPlan plan, PlanAssembler assembler, UnitRegistry units, ImportDiagnostics diagnostics, int? planYear)
    {
        ImportedTask? previous = null;
        foreach (var task in plan.Tasks)
        {
            CompleteTime(task, diagnostics, planYear);
            if (!task.Owners.Any(o => o.Role == OwnerRole.Lead)) CompleteOwners(task, previous, assembler, units, diagnostics);
            previous = task;
        }
    }

    /// <summary>The task's title: its passages joined (a sentence end between two that lack one).</summary>
    public static string Title(ImportedTask task)
    {
        var builder = new StringBuilder();
        foreach (var part in task.TitleParts)
        {
            var text = part.Original.Trim();
            if (text.Length == 0) continue;
            if (builder.Length > 0 && !"。；;：:！？!?，,、".Contains(builder[^1])) builder.Append('。');
            builder.Append(text);
        }
        return builder.ToString();
    }

    private static void CompleteTime(ImportedTask task, ImportDiagnostics diagnostics, int? planYear)
    {
        var dues = new List<TimePhrase>();
        foreach (var (text, bare) in task.TimeTexts)
        {
            foreach (var phrase in TimePhraseParser.Scan(text, planYear, bare))
            {
                switch (phrase.Kind)
                {
                    case TimeKind.Due:
                        dues.Add(phrase);
                        break;
                    case TimeKind.Every:
                        if (task.Every is null) task.Every = (phrase.Period, phrase.AtLeast);
                        else if (task.Every != (phrase.Period, phrase.AtLeast))
                        {
                            // A task has one every: the other requirement is kept, and said (it used to be a silent note).
                            task.Notes.Add("原文另有周期要求：" + phrase.Span.Original);
                            diagnostics.NotUnderstood("PR4001_SecondPeriod", phrase.Span, task.Id, task.Id, phrase.Span.Original);
                        }
                        break;
                    case TimeKind.UnsupportedPeriod:
                        task.Notes.Add("原文周期要求：" + phrase.Span.Original);
                        diagnostics.NotUnderstood("PR4001_UnsupportedPeriod", phrase.Span, task.Id, task.Id, phrase.Span.Original);
                        break;
                    case TimeKind.Tag:
                        if (!task.Tags.Contains(phrase.Tag)) task.Tags.Add(phrase.Tag);
                        break;
                    case TimeKind.Invalid:
                        task.Notes.Add(phrase.Span.Original);
                        diagnostics.NotUnderstood("PR4001_BadDate", phrase.Span, task.Id, phrase.Span.Original);
                        break;
                }
            }
        }
        if (dues.Count == 0) return;
        // The latest deadline is the task's; earlier ones are milestones, kept as notes.
        var latest = dues.MaxBy(d => d.Date)!;
        task.Due = latest.Date;
        foreach (var due in dues)
        {
            if (due.Date != latest.Date) task.Notes.Add($"原文另有时限：{due.Span.Original}（{DateText.Iso(due.Date)}）");
        }
    }

    private static void CompleteOwners(ImportedTask task, ImportedTask? previous, PlanAssembler assembler, UnitRegistry units, ImportDiagnostics diagnostics)
    {
        if (task.Owners.Count == 0)
        {
            // Directly under a task with owners, in the same section: a merged table cell.
            var above = task.Parent?.Members ?? null;
            var index = above?.IndexOf(task) ?? -1;
            var directlyUnder = previous is not null && previous.Parent == task.Parent
                && (above is null || (index > 0 && ReferenceEquals(above[index - 1], previous)));
            // Not the stand-in lead of a task above that had no owners either: that is no merged cell.
            if (directlyUnder && previous!.Owners.Any(o => o.Role == OwnerRole.Lead && !units.IsPlaceholder(o.Unit)))
            {
                foreach (var (role, unit) in previous.Owners) task.AddOwner(role, unit);
                task.Notes.Add($"原文此项无单独的责任单位（表格合并单元格），沿用第{previous.Id}项的责任单位");
                diagnostics.Guessed("PR4002_Inherited", task.Heading, task.Id, null, task.Id, previous.Id);
                return;
            }
            var headingOwners = HeadingOwners(task.Parent) ?? (assembler.RootOwners.Count > 0 ? assembler.RootOwners : null);
            if (headingOwners is not null && headingOwners.Any(o => o.Role == OwnerRole.Lead))
            {
                foreach (var (role, unit) in headingOwners) task.AddOwner(role, unit);
                task.Notes.Add("原文此项无单独的责任单位，取自所在标题下的责任单位");
                diagnostics.Guessed("PR4002_HeadingOwners", task.Heading, task.Id, null, task.Id);
                return;
            }
        }
        var placeholder = units.Placeholder();
        task.AddOwner(OwnerRole.Lead, placeholder);
        task.Notes.Add("导入时未找到牵头/负责单位，lead 暂记为“" + placeholder + "”");
        diagnostics.NotUnderstood("PR4001_NoOwner", task.Heading, task.Id, task.Id, placeholder);
    }

    private static IReadOnlyList<(OwnerRole Role, string Unit)>? HeadingOwners(ImportedSection? section)
    {
        for (var s = section; s is not null; s = s.Parent)
        {
            if (s.HeadingOwners.Count > 0) return s.HeadingOwners;
        }
        return null;
    }

    /// <summary>Where the task came from, as analysts cite notices: <c>番府办〔2021〕35号 第36行</c>.</summary>
    public static string Source(ImportedTask task, string label) =>
        string.Create(CultureInfo.InvariantCulture, $"{label} 第{task.Heading.Line}行");
}
