using System.Text.Json;
using System.Text.Json.Serialization;

namespace PlanRules.Benchmarks;

// The same plan as plain data: what the generator produces, what the JSON baseline reads. Null lists
// and values are left out of the JSON, as a hand-written export would.

/// <summary>A whole plan: header, units, groups, sections and top-level tasks.</summary>
public sealed record PlanDocument(
    PlanHeaderRecord Header,
    List<UnitRecord> Units,
    List<GroupRecord> Groups,
    List<SectionRecord> Sections,
    List<TaskRecord>? Tasks);

/// <summary>The plan header.</summary>
public sealed record PlanHeaderRecord(string Title, string? Ref, DateOnly? Issued, DateOnly? PeriodStart, DateOnly? PeriodEnd, string? Issuer);

/// <summary>A unit with its title and aliases.</summary>
public sealed record UnitRecord(string Name, string? Title, List<string>? Aliases);

/// <summary>A group; <see cref="Members"/> null means an open group.</summary>
public sealed record GroupRecord(string Name, string? Title, List<string>? Members);

/// <summary>A section: subsections first, then its own tasks.</summary>
public sealed record SectionRecord(string Id, string Title, List<SectionRecord>? Sections, List<TaskRecord>? Tasks);

/// <summary>A task with the same items as the plan language.</summary>
public sealed record TaskRecord(
    string Id,
    string Title,
    List<string> Lead,
    List<string>? With,
    List<string>? Support,
    DateOnly? Start,
    DateOnly? Due,
    List<string>? After,
    EveryRecord? Every,
    List<string>? Tags,
    List<string>? Notes,
    List<string>? Sources);

/// <summary><c>every PERIOD at-least N</c>.</summary>
public sealed record EveryRecord(string Period, int AtLeast);

/// <summary>Source-generated System.Text.Json metadata for <see cref="PlanDocument"/>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PlanDocument))]
public sealed partial class PlanJsonContext : JsonSerializerContext
{
    /// <summary>Options that write Chinese as UTF-8, not as \uXXXX escapes (as a real export would).</summary>
    public static PlanJsonContext Relaxed { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
