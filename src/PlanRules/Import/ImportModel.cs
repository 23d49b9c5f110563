using NodaTime;
using PlanRules.Syntax;

namespace PlanRules.Import;

/// <summary>A section (<c>一、</c>) or subsection (<c>(一)</c>) of the draft.</summary>
internal sealed class ImportedSection(string id, string title, int number, Passage heading, ImportedSection? parent)
{
    public string Id { get; } = id;
    public string Title { get; } = title;
    public int Number { get; } = number;
    public Passage Heading { get; } = heading;
    public ImportedSection? Parent { get; } = parent;

    /// <summary>Sections and tasks in notice order.</summary>
    public List<object> Members { get; } = [];

    /// <summary>Owners stated under the heading itself, for tasks that state none.</summary>
    public List<(OwnerRole Role, string Unit)> HeadingOwners { get; } = [];

    public int SubsectionCount { get; set; }
}

/// <summary>A task of the draft as it is assembled from the notice.</summary>
internal sealed class ImportedTask(string id, int number, Passage heading, ImportedSection? parent)
{
    public string Id { get; } = id;

    /// <summary>The number the notice gives (0 when it gives none).</summary>
    public int Number { get; } = number;

    public Passage Heading { get; } = heading;
    public ImportedSection? Parent { get; } = parent;

    /// <summary>The text of the task as the notice has it, in pieces.</summary>
    public List<Passage> TitleParts { get; } = [];

    /// <summary>Owners in notice order with their roles.</summary>
    public List<(OwnerRole Role, string Unit)> Owners { get; } = [];

    /// <summary>Passages to read deadlines, recurrences and manners from; bare dates count where the flag is set.</summary>
    public List<(Passage Text, bool BareDates)> TimeTexts { get; } = [];

    public List<string> Notes { get; } = [];

    /// <summary>An owner line (or owners in brackets) was found for this task.</summary>
    public bool HasOwnerLine { get; set; }

    /// <summary>Owners came from a bare list of names (a table cell): a second bare list is the 配合 column.</summary>
    public bool HasBareOwnerCell { get; set; }

    /// <summary>No-numbering layout: the owner line closed this task; the next paragraph opens another.</summary>
    public bool Closed { get; set; }

    public LocalDate? Due { get; set; }
    public (RecurrencePeriod Period, int AtLeast)? Every { get; set; }
    public List<string> Tags { get; } = [];

    public IEnumerable<string> Units(OwnerRole role) => Owners.Where(o => o.Role == role).Select(o => o.Unit);

    /// <summary>Adds an owner, keeping for each unit its strongest role.</summary>
    public void AddOwner(OwnerRole role, string unit)
    {
        var index = Owners.FindIndex(o => o.Unit == unit);
        if (index < 0)
        {
            Owners.Add((role, unit));
        }
        else if (UnitRegistry.Strongest(Owners[index].Role, role) != Owners[index].Role)
        {
            Owners[index] = (role, unit);
        }
    }
}

/// <summary>The draft plan: header values, the section tree, tasks and what could not be placed.</summary>
internal sealed class ImportedPlan
{
    /// <summary>Top-level sections and tasks in notice order.</summary>
    public List<object> Members { get; } = [];

    public List<ImportedTask> Tasks { get; } = [];

    /// <summary>Passages that belong to no task (a notice without tasks): written as comments.</summary>
    public List<Passage> Unplaced { get; } = [];
}
