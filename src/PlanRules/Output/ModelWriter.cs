using PlanRules.Binding;
using PlanRules.Syntax;

namespace PlanRules.Output;

/// <summary>The bound plan as JSON (<c>planrules model</c>): what the binder understood, for host apps and tools.</summary>
public static class ModelWriter
{
    /// <summary>Renders the model JSON of FINDINGS.md.</summary>
    public static string Render(BoundPlan bound) => JsonOutput.Write(writer =>
    {
        var plan = bound.Plan;
        writer.WriteStartObject();
        writer.WriteStartObject("plan");
        writer.WriteString("title", plan.Title);
        writer.WriteStringOrNull("ref", plan.Ref);
        writer.WriteDate("issued", plan.Issued);
        writer.WriteDate("start", plan.Start);
        writer.WriteDate("end", plan.End);
        writer.WriteStringOrNull("issuer", plan.Issuer?.Name);
        writer.WriteString("timezone", plan.TimeZone.Id);
        writer.WriteEndObject();

        writer.WriteStartArray("units");
        foreach (var unit in bound.Units)
        {
            writer.WriteStartObject();
            writer.WriteString("name", unit.Name);
            writer.WriteStringOrNull("title", unit.Title);
            writer.WriteStrings("aliases", unit.Aliases);
            writer.WriteBoolean("isGroup", unit.IsGroup);
            writer.WriteBoolean("isClosed", unit.IsClosedGroup);
            writer.WriteStrings("members", unit.Members.Select(m => m.Name));
            writer.WriteStringOrNull("parent", unit.Parent?.Name);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();

        writer.WriteStartArray("sections");
        foreach (var section in bound.Sections)
        {
            writer.WriteStartObject();
            writer.WriteString("id", section.Id);
            writer.WriteString("title", section.Title);
            writer.WriteStringOrNull("parent", section.Parent?.Id);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();

        writer.WriteStartArray("tasks");
        foreach (var task in bound.Tasks)
        {
            writer.WriteStartObject();
            writer.WriteString("id", task.Id);
            writer.WriteString("title", task.Title);
            writer.WriteStringOrNull("section", task.Section?.Id);
            writer.WriteStrings("lead", task.Lead.Select(u => u.Name));
            writer.WriteStrings("with", task.With.Select(u => u.Name));
            writer.WriteStrings("support", task.Support.Select(u => u.Name));
            writer.WriteDate("due", task.Due);
            writer.WriteDate("start", task.Start);
            if (task.Recurrence is { } every)
            {
                writer.WriteStartObject("every");
                writer.WriteString("period", PlanGrammar.PeriodKeyword(every.Period));
                writer.WriteNumber("atLeast", every.AtLeast);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("every");
            }
            writer.WriteStrings("after", task.Dependencies.Select(d => d.Id));
            writer.WriteStrings("tags", task.Tags);
            writer.WriteStrings("obligations", task.Obligations.Select(o => o.Unit.Name));
            writer.WriteString("path", task.Location.Path);
            writer.WriteNumber("line", task.Location.Line);
            writer.WriteNumber("column", task.Location.Column);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    });
}
