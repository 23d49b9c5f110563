using System.Globalization;
using PlanRules.Analysis;
using PlanRules.Analysis.Compliance;
using PlanRules.Diagnostics;
using PlanRules.Text;
using static PlanRules.Output.Html.Html;

namespace PlanRules.Output.Html;

/// <summary>
/// The HTML report: one self-contained UTF-8 page (inline CSS, SVG and script; no external reference) with the
/// summary, the sortable per-unit table, the timeline, findings by unit and by task with a filter, and each unit's
/// obligations. Every text from plans is escaped; the output is byte-identical for identical input. Long lists are
/// cut at the limits of <see cref="HtmlReportOptions"/>, with a notice on the page, so that the page stays usable and
/// its memory bounded whatever the size of the plan; <see cref="Write(TextWriter, CheckResult, CultureInfo, HtmlReportOptions?)"/>
/// streams it to its target.
/// </summary>
public static class HtmlReportWriter
{
    /// <summary>Renders the report of a check in <paramref name="culture"/> (zh-CN or en), within the default limits.</summary>
    public static string Render(CheckResult result, CultureInfo culture) => Render(result, culture, HtmlReportOptions.Default);

    /// <summary>Renders the report of a check in <paramref name="culture"/> (zh-CN or en), within <paramref name="options"/>' limits.</summary>
    public static string Render(CheckResult result, CultureInfo culture, HtmlReportOptions options)
    {
        var text = new StringWriter { NewLine = "\n" };
        Write(text, result, culture, options);
        return text.ToString();
    }

    /// <summary>
    /// Writes the report of a check to <paramref name="target"/> as it is produced (what <see cref="Render(CheckResult, CultureInfo, HtmlReportOptions)"/>
    /// returns), within <paramref name="options"/>' limits (null: the defaults).
    /// </summary>
    public static void Write(TextWriter target, CheckResult result, CultureInfo culture, HtmlReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        var model = ReportModel.Build(result, culture, options ?? HtmlReportOptions.Default);
        Write(target, model, TimelineLayout.Compute(model), culture);
    }

    /// <summary>Renders a model and its timeline layout.</summary>
    public static string Render(ReportModel model, TimelineLayout layout, CultureInfo culture)
    {
        var text = new StringWriter { NewLine = "\n" };
        Write(text, model, layout, culture);
        return text.ToString();
    }

    /// <summary>Writes a model and its timeline layout to <paramref name="target"/> as it is produced.</summary>
    public static void Write(TextWriter target, ReportModel model, TimelineLayout layout, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(layout);
        var labels = new ReportLabels(culture);
        var b = new HtmlSink(target);
        var lang = culture.TwoLetterISOLanguageName == "en" ? "en" : "zh-CN";
        b.Append("<!DOCTYPE html>\n<html lang=\"").Append(lang).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
         .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
         .Append("<meta name=\"generator\" content=\"planrules ").Append(JsonReport.ToolVersion).Append("\">\n")
         .Append("<title>").Append(Escape(labels.Format("DocumentTitle", model.Title))).Append("</title>\n")
         .Append("<style>\n").Append(HtmlAssets.Css).Append("\n</style>\n</head>\n<body>\n");
        WriteHeader(b, model, labels);
        b.Append("<main>\n");
        WriteUnitTable(b, model, labels);
        b.Append("<section id=\"timeline\">\n<h2>").Append(Escape(labels["TimelineHeading"])).Append("</h2>\n");
        if (model.TimelineTasks < model.TaskCount) Notice(b, labels, "LimitTimeline", model.TimelineTasks, model.TaskCount);
        else if (model.TimelineSections < model.SectionTotal) Notice(b, labels, "LimitTimelineSections", model.TimelineSections, model.SectionTotal);
        WriteLegend(b, labels);
        b.Append("<div class=\"svg-wrap\">\n");
        TimelineSvg.Write(b, layout, labels);
        b.Append("</div>\n</section>\n");
        FindingsSection.Write(b, model, labels);
        WriteObligations(b, model, labels);
        b.Append("</main>\n<footer>").Append(Escape(labels.Format("Generated", JsonReport.ToolVersion))).Append("</footer>\n")
         .Append("<script>\n").Append(HtmlAssets.Script).Append("\n</script>\n</body>\n</html>\n");
    }

    /// <summary>
    /// The notice of a list cut at a limit, in the report's language: "showing <paramref name="shown"/> of
    /// <paramref name="total"/>" (numbers with thousands separators); text between backticks is a command.
    /// </summary>
    internal static void Notice(HtmlSink b, ReportLabels labels, string key, int shown, int total)
    {
        var text = labels.Format(key, shown.ToString("N0", CultureInfo.InvariantCulture), total.ToString("N0", CultureInfo.InvariantCulture));
        b.Append("<p class=\"truncated\" role=\"note\" style=\"").Append(NoticeStyle).Append("\">");
        var parts = text.Split('`');
        for (var i = 0; i < parts.Length; i++)
        {
            if (i % 2 == 0) b.Append(Escape(parts[i]));
            else b.Append("<code>").Append(Escape(parts[i])).Append("</code>");
        }
        b.Append("</p>\n");
    }

    /// <summary>Inline, so that the style sheet (and every page that cuts nothing) stays as it was.</summary>
    private const string NoticeStyle = "margin:6px 0;padding:6px 10px;border-left:4px solid #d99a00;background:#fff4e5;font-weight:600";

    private static void WriteHeader(HtmlSink b, ReportModel model, ReportLabels labels)
    {
        b.Append("<header id=\"summary\">\n<h1>").Append(Escape(model.Title)).Append("</h1>\n<dl class=\"meta\">");
        void Meta(string key, string? value)
        {
            if (string.IsNullOrEmpty(value)) return;
            b.Append("<div><dt>").Append(Escape(labels[key])).Append("</dt><dd>").Append(Escape(value)).Append("</dd></div>");
        }
        Meta("Ref", model.Ref);
        Meta("Issued", Date(model.Issued));
        if (model.HasDeclaredPeriod) Meta("Period", DateText.Iso(model.RangeStart) + " – " + DateText.Iso(model.RangeEnd));
        Meta("AsOf", DateText.Iso(model.AsOf));
        Meta("Tasks", Num(model.TaskCount));
        b.Append("</dl>\n");
        var c = model.Counts;
        b.Append("<div class=\"group-label\">").Append(Escape(labels["FindingsHeading"])).Append("</div>\n<div class=\"cards\" id=\"severity-counts\">");
        Card(b, "sev-error", "error", c.Errors, labels["Count_error"]);
        Card(b, "sev-warning", "warning", c.Warnings, labels["Count_warning"]);
        Card(b, "sev-info", "info", c.Infos, labels["Count_info"]);
        if (c.Suppressed > 0) Card(b, "", "suppressed", c.Suppressed, labels["Suppressed"]);
        b.Append("</div>\n<div class=\"group-label\">").Append(Escape(labels.Format("ObligationsCount", c.Obligations)))
         .Append("</div>\n<div class=\"cards\" id=\"obligation-counts\">");
        Card(b, "s-done", "done", c.Done, labels["Units_Done"]);
        Card(b, "s-late", "done-late", c.DoneLate, labels["Units_DoneLate"]);
        Card(b, "s-overdue", "overdue", c.Overdue, labels["Units_Overdue"]);
        Card(b, "s-open", "open", c.Open, labels["Units_Open"]);
        Card(b, "s-waived", "waived", c.Waived, labels["Units_Waived"]);
        b.Append("</div>\n<nav class=\"toc\"><a href=\"#units\">").Append(Escape(labels["UnitsHeading"])).Append("</a><a href=\"#timeline\">")
         .Append(Escape(labels["TimelineHeading"])).Append("</a><a href=\"#findings\">").Append(Escape(labels["FindingsHeading"]))
         .Append("</a><a href=\"#obligations\">").Append(Escape(labels["ObligationsHeading"])).Append("</a></nav>\n</header>\n");
    }

    private static void Card(HtmlSink b, string css, string name, int value, string label) =>
        b.Append("<div class=\"card ").Append(css).Append("\" data-count=\"").Append(name).Append("\"><span class=\"n\">").Append(Num(value))
         .Append("</span><span class=\"l\">").Append(Escape(label)).Append("</span></div>");

    private static void WriteUnitTable(HtmlSink b, ReportModel model, ReportLabels labels)
    {
        b.Append("<section id=\"units\">\n<h2>").Append(Escape(labels["UnitsHeading"])).Append("</h2>\n");
        if (model.Units.Length < model.UnitTotal) Notice(b, labels, "LimitUnits", model.Units.Length, model.UnitTotal);
        if (model.Units.IsEmpty)
        {
            if (model.UnitTotal == 0) b.Append("<p class=\"empty\">").Append(Escape(labels["NoObligations"])).Append("</p>\n");
            b.Append("</section>\n");
            return;
        }
        b.Append("<p class=\"hint\">").Append(Escape(labels["SortHint"])).Append("</p>\n");
        b.Append("<table class=\"sortable\" id=\"unit-table\">\n<thead><tr><th>").Append(Escape(labels["Units_Header"])).Append("</th>");
        foreach (var key in new[] { "Units_Obligations", "Units_Done", "Units_DoneLate", "Units_Overdue", "Units_Waived", "Units_Open", "OverdueShare" })
        {
            b.Append("<th class=\"num\">").Append(Escape(labels[key])).Append("</th>");
        }
        b.Append("</tr></thead>\n<tbody>\n");
        foreach (var unit in model.Units)
        {
            var u = unit.Compliance;
            b.Append("<tr class=\"band").Append(Num(Band(u.OverdueShare))).Append("\" data-unit=\"").Append(unit.Key).Append("\"><td data-v=\"")
             .Append(Escape(unit.Name)).Append("\"><a href=\"#unit-").Append(unit.Key).Append("\">").Append(Escape(unit.Name)).Append("</a></td>");
            foreach (var n in new[] { u.Obligations, u.Done, u.DoneLate, u.Overdue, u.Waived, u.Open })
            {
                b.Append("<td class=\"num\" data-v=\"").Append(Num(n)).Append("\">").Append(Num(n)).Append("</td>");
            }
            var share = Math.Round(u.OverdueShare * 100, 1, MidpointRounding.AwayFromZero);
            b.Append("<td class=\"num\" data-v=\"").Append(Num(share)).Append("\">").Append(share.ToString("0.0", CultureInfo.InvariantCulture)).Append("%</td></tr>\n");
        }
        b.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void WriteLegend(HtmlSink b, ReportLabels labels)
    {
        b.Append("<div class=\"legend\">");
        foreach (var status in new[] { ReportStatus.Done, ReportStatus.DoneLate, ReportStatus.Overdue, ReportStatus.Open, ReportStatus.Waived })
        {
            b.Append("<span><i class=\"sw ").Append(Css(status)).Append("\"></i>").Append(Escape(labels.Status(status))).Append("</span>");
        }
        b.Append("<span><svg width=\"14\" height=\"14\"><path d=\"M7,1 l6,6 l-6,6 l-6,-6 z\" fill=\"#5f6b7a\"/></svg>").Append(Escape(labels["Legend_Due"])).Append("</span>")
         .Append("<span><svg width=\"10\" height=\"10\"><circle cx=\"5\" cy=\"5\" r=\"4\" fill=\"#2e7d32\"/></svg>").Append(Escape(labels["Legend_Completed"])).Append("</span>")
         .Append("<span><i class=\"sw s-open\" style=\"opacity:.35\"></i>").Append(Escape(labels["Legend_NoDue"])).Append("</span>")
         .Append("<span><svg width=\"24\" height=\"10\"><line x1=\"0\" y1=\"5\" x2=\"24\" y2=\"5\" stroke=\"#6b7785\" stroke-width=\"1.2\"/><path d=\"M18,1 L24,5 L18,9 z\" fill=\"#6b7785\"/></svg>")
         .Append(Escape(labels["Legend_Dependency"])).Append("</span>")
         .Append("<span><svg width=\"6\" height=\"14\"><line x1=\"3\" y1=\"0\" x2=\"3\" y2=\"14\" stroke=\"#7b1fa2\" stroke-width=\"1.5\" stroke-dasharray=\"4 2\"/></svg>")
         .Append(Escape(labels["AsOf"])).Append("</span>")
         .Append("<span>").Append(Escape(labels["Legend_Period"])).Append("</span>")
         .Append("</div>\n");
    }

    private static void WriteObligations(HtmlSink b, ReportModel model, ReportLabels labels)
    {
        b.Append("<section id=\"obligations\">\n<h2>").Append(Escape(labels["ObligationsHeading"])).Append("</h2>\n");
        var listed = model.ObligationsListed;
        if (listed < model.Counts.Obligations) Notice(b, labels, "LimitObligations", listed, model.Counts.Obligations);
        foreach (var unit in model.Units)
        {
            b.Append("<section class=\"unit-block\" id=\"unit-").Append(unit.Key).Append("\" data-unit=\"").Append(unit.Key).Append("\">\n<h3>")
             .Append(Escape(unit.Name));
            if (!string.IsNullOrEmpty(unit.Title) && unit.Title != unit.Name) b.Append(" <span class=\"hint\">").Append(Escape(unit.Title)).Append("</span>");
            b.Append("</h3>\n");
            if (unit.Obligations.Length < unit.Compliance.Obligations)
            {
                var none = unit.Obligations.IsEmpty;
                Notice(b, labels, none ? "LimitUnitObligationsNone" : "LimitUnitObligations", unit.Obligations.Length, unit.Compliance.Obligations);
                if (none)
                {
                    b.Append("</section>\n");
                    continue;
                }
            }
            b.Append("<table>\n<thead><tr><th>").Append(Escape(labels["Task"])).Append("</th><th>").Append(Escape(labels["Due"]))
             .Append("</th><th>").Append(Escape(labels["Status"])).Append("</th><th>").Append(Escape(labels["Completed"])).Append("</th></tr></thead>\n<tbody>\n");
            foreach (var o in unit.Obligations)
            {
                b.Append("<tr data-task=\"").Append(Escape(o.TaskId)).Append("\"><td>").Append(Escape(o.TaskId)).Append(' ')
                 .Append(Escape(Truncate(o.TaskTitle, 80))).Append("</td><td>").Append(Date(o.Due)).Append("</td><td><span class=\"pill ")
                 .Append(Css(o.Status)).Append("\">").Append(Escape(labels.Status(o.Status))).Append("</span>").Append(Escape(Detail(o, labels)))
                 .Append("</td><td>").Append(Date(o.CompletedOn)).Append("</td></tr>\n");
            }
            b.Append("</tbody>\n</table>\n</section>\n");
        }
        b.Append("</section>\n");
    }

    private static string Detail(ReportObligation o, ReportLabels labels) => o switch
    {
        { DaysOverdue: > 0 } => " " + labels.Format("DaysOverdue", o.DaysOverdue),
        { DaysLate: > 0 } => " " + labels.Format("DaysLate", o.DaysLate),
        { LedgerStatus: ObligationStatus.InProgress, Percent: { } p } => " " + labels.Format("InProgress", p),
        { LedgerStatus: ObligationStatus.Started } => " " + labels["Started"],
        _ => "",
    };
}
