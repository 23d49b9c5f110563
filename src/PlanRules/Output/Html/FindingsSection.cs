using PlanRules.Diagnostics;
using static PlanRules.Output.Html.Html;

namespace PlanRules.Output.Html;

/// <summary>The findings part of the report: the filter, then findings by unit and by task.</summary>
internal static class FindingsSection
{
    public static void Write(HtmlSink b, ReportModel model, ReportLabels labels)
    {
        b.Append("<section id=\"findings\">\n<h2>").Append(Escape(labels["FindingsHeading"])).Append("</h2>\n");
        if (model.Findings.Length < model.FindingTotal) HtmlReportWriter.Notice(b, labels, "LimitFindings", model.Findings.Length, model.FindingTotal);
        if (model.Findings.IsEmpty)
        {
            if (model.FindingTotal == 0) b.Append("<p class=\"empty\">").Append(Escape(labels["NoFindings"])).Append("</p>\n");
            b.Append("</section>\n");
            return;
        }
        b.Append("<div class=\"controls\">\n<label>").Append(Escape(labels["Units_Header"])).Append(" <select id=\"filter-unit\"><option value=\"\">")
         .Append(Escape(labels["All"])).Append("</option>");
        foreach (var (key, name) in model.UnitKeys) b.Append("<option value=\"").Append(key).Append("\">").Append(Escape(name)).Append("</option>");
        b.Append("</select></label>\n<label>").Append(Escape(labels["Severity"])).Append(" <select id=\"filter-severity\"><option value=\"\">")
         .Append(Escape(labels["All"])).Append("</option>");
        foreach (var severity in new[] { DiagnosticSeverity.Error, DiagnosticSeverity.Warning, DiagnosticSeverity.Info })
        {
            b.Append("<option value=\"").Append(severity.ToText()).Append("\">").Append(Escape(labels.Severity(severity))).Append("</option>");
        }
        var template = labels["Shown"];
        b.Append("</select></label>\n<span id=\"filter-count\" data-template=\"").Append(Escape(template)).Append("\">")
         .Append(Escape(template.Replace("{0}", Num(model.Findings.Length), StringComparison.Ordinal))).Append("</span>\n</div>\n");

        b.Append("<div class=\"views\">\n<div id=\"by-unit\">\n<h3>").Append(Escape(labels["ByUnit"])).Append("</h3>\n");
        var tabled = model.Units.Select(u => u.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var group in model.FindingsByUnit)
        {
            b.Append("<section class=\"finding-group\" data-group=\"").Append(group.Key ?? "none").Append("\">\n<h4>");
            if (group.Key is null) b.Append(Escape(labels["NoUnit"]));
            else if (tabled.Contains(group.Key)) b.Append("<a href=\"#unit-").Append(group.Key).Append("\">").Append(Escape(group.Label)).Append("</a>");
            else b.Append(Escape(group.Label));
            b.Append(" <span class=\"hint\">(").Append(Num(group.Findings.Length)).Append(")</span></h4>\n");
            WriteList(b, group, labels);
        }
        b.Append("</div>\n<div id=\"by-task\">\n<h3>").Append(Escape(labels["ByTask"])).Append("</h3>\n");
        foreach (var group in model.FindingsByTask)
        {
            b.Append("<section class=\"finding-group\" data-group=\"").Append(group.Key is null ? "none" : "task-" + Escape(group.Key)).Append("\">\n<h4>");
            if (group.Key is null) b.Append(Escape(labels["NoTask"]));
            else b.Append(Escape(labels["Task"])).Append(' ').Append(Escape(group.Key)).Append(" <span class=\"task-title\">")
                  .Append(Escape(Truncate(group.Label ?? "", 90))).Append("</span>");
            b.Append(" <span class=\"hint\">(").Append(Num(group.Findings.Length)).Append(")</span></h4>\n");
            WriteList(b, group, labels);
        }
        b.Append("</div>\n</div>\n</section>\n");
    }

    private static void WriteList(HtmlSink b, ReportFindingGroup group, ReportLabels labels)
    {
        b.Append("<ul class=\"findings\">\n");
        foreach (var f in group.Findings)
        {
            var severity = f.Severity.ToText();
            b.Append("<li class=\"finding sev-").Append(severity).Append("\" data-severity=\"").Append(severity).Append("\" data-id=\"")
             .Append(Escape(f.Id)).Append("\" data-units=\"").Append(string.Join(' ', f.UnitKeys)).Append("\">")
             .Append("<span class=\"fid\">").Append(Escape(f.Id)).Append("</span><span class=\"sev\">").Append(Escape(labels.Severity(f.Severity)))
             .Append("</span><span class=\"msg\">").Append(Escape(f.Message)).Append("</span>");
            if (f.Path is not null)
            {
                b.Append("<div class=\"loc\">").Append(Escape(f.Path)).Append('(').Append(Num(f.Line)).Append(',').Append(Num(f.Column)).Append(')');
                if (f.SourceLine is { Length: > 0 } line) b.Append("<code class=\"src\">").Append(Escape(line)).Append("</code>");
                b.Append("</div>");
            }
            b.Append("</li>\n");
        }
        b.Append("</ul>\n</section>\n");
    }
}
