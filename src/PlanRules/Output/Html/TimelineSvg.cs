using System.Text;
using PlanRules.Text;
using static PlanRules.Output.Html.Html;

namespace PlanRules.Output.Html;

/// <summary>Draws a <see cref="TimelineLayout"/> as inline SVG (our own drawing, no library, no external reference).</summary>
internal static class TimelineSvg
{
    public static void Write(HtmlSink b, TimelineLayout layout, ReportLabels labels)
    {
        b.Append("<svg class=\"timeline\" width=\"").Append(Num(layout.Width)).Append("\" height=\"").Append(Num(layout.Height))
         .Append("\" viewBox=\"0 0 ").Append(Num(layout.Width)).Append(' ').Append(Num(layout.Height))
         .Append("\" role=\"img\" aria-label=\"").Append(Escape(labels["TimelineHeading"])).Append("\" font-size=\"12\">\n");
        b.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 8 8\" refX=\"7\" refY=\"4\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">")
         .Append("<path class=\"arrowhead\" d=\"M0,0 L8,4 L0,8 z\"/></marker></defs>\n");

        // Section bands first, so gridlines and bars lie on top of them.
        foreach (var row in layout.Rows.Where(r => r.Section is not null))
        {
            b.Append("<rect class=\"sec-row\" x=\"0\" y=\"").Append(Num(row.Y)).Append("\" width=\"").Append(Num(layout.Width))
             .Append("\" height=\"").Append(Num(row.Height)).Append("\"/>\n");
        }
        WriteGrid(b, layout, labels);
        var shapes = new RowShapes(layout.Bars.ToLookup(x => x.TaskId, StringComparer.Ordinal),
            layout.Periods.ToLookup(p => p.TaskId, StringComparer.Ordinal), layout.Markers.ToLookup(m => m.TaskId, StringComparer.Ordinal));
        foreach (var row in layout.Rows) WriteRow(b, row, shapes, labels);
        foreach (var arrow in layout.Arrows)
        {
            var bend = Math.Min(30, 12 + Math.Abs(arrow.Y2 - arrow.Y1) / 12);
            b.Append("<path class=\"dep\" data-from=\"").Append(Escape(arrow.FromTaskId)).Append("\" data-to=\"").Append(Escape(arrow.ToTaskId))
             .Append("\" d=\"M").Append(Num(arrow.X1)).Append(',').Append(Num(arrow.Y1))
             .Append(" C").Append(Num(arrow.X1 + bend)).Append(',').Append(Num(arrow.Y1))
             .Append(' ').Append(Num(arrow.X2 + bend)).Append(',').Append(Num(arrow.Y2))
             .Append(' ').Append(Num(arrow.X2)).Append(',').Append(Num(arrow.Y2))
             .Append("\" marker-end=\"url(#arrow)\"><title>")
             .Append(Escape(arrow.FromTaskId)).Append(" → ").Append(Escape(arrow.ToTaskId)).Append("</title></path>\n");
        }
        if (layout.AsOfInRange)
        {
            var x = Num(layout.AsOfX);
            b.Append("<line class=\"asof\" x1=\"").Append(x).Append("\" y1=\"").Append(Num(TimelineLayout.AxisHeight - 6))
             .Append("\" x2=\"").Append(x).Append("\" y2=\"").Append(Num(layout.Height - 4)).Append("\"><title>")
             .Append(Escape(labels["AsOf"])).Append(' ').Append(DateText.Iso(layout.AsOf)).Append("</title></line>\n");
            var anchor = layout.AsOfX > layout.ChartRight - 120 ? "end" : "start";
            b.Append("<text class=\"asof-label\" x=\"").Append(Num(layout.AsOfX + (anchor == "end" ? -4 : 4))).Append("\" y=\"")
             .Append(Num(TimelineLayout.AxisHeight - 2)).Append("\" text-anchor=\"").Append(anchor).Append("\">")
             .Append(Escape(labels["AsOf"])).Append(' ').Append(DateText.Iso(layout.AsOf)).Append("</text>\n");
        }
        b.Append("</svg>\n");
    }

    private static void WriteGrid(HtmlSink b, TimelineLayout layout, ReportLabels labels)
    {
        b.Append("<g class=\"grid\">\n");
        var yearly = layout.Ticks.Length > 1 && layout.Ticks[1].Date.Year != layout.Ticks[0].Date.Year && layout.Ticks[1].Date.Month == layout.Ticks[0].Date.Month;
        foreach (var tick in layout.Ticks)
        {
            var x = Num(tick.X);
            b.Append("<line x1=\"").Append(x).Append("\" y1=\"").Append(Num(TimelineLayout.AxisHeight - 10)).Append("\" x2=\"").Append(x)
             .Append("\" y2=\"").Append(Num(layout.Height - 4)).Append("\"/>");
            var label = yearly ? Num(tick.Date.Year) : tick.Date.Month == 1 || tick == layout.Ticks[0]
                ? Num(tick.Date.Year) + " " + labels.Month(tick.Date.Month) : labels.Month(tick.Date.Month);
            b.Append("<text x=\"").Append(Num(tick.X + 3)).Append("\" y=\"12\">").Append(Escape(label)).Append("</text>\n");
        }
        b.Append("<line x1=\"").Append(Num(layout.ChartRight)).Append("\" y1=\"").Append(Num(TimelineLayout.AxisHeight - 10)).Append("\" x2=\"")
         .Append(Num(layout.ChartRight)).Append("\" y2=\"").Append(Num(layout.Height - 4)).Append("\"/>\n");
        b.Append("</g>\n");
    }

    /// <summary>The shapes of the layout by task id, so that a row finds its own without a pass over every task's.</summary>
    private sealed record RowShapes(ILookup<string, TimelineBar> Bars, ILookup<string, TimelinePeriod> Periods, ILookup<string, TimelineMarker> Markers);

    private static void WriteRow(HtmlSink b, TimelineRow row, RowShapes shapes, ReportLabels labels)
    {
        var textY = Num(row.CenterY + 4);
        var indent = 4 + row.Depth * 10;
        if (row.Section is { } section)
        {
            var title = section.Id is null ? labels["NoSection"] : section.Id + " " + section.Title;
            b.Append("<text class=\"sec\" x=\"").Append(Num(indent)).Append("\" y=\"").Append(textY).Append("\">")
             .Append(Escape(Truncate(title, 96))).Append("<title>").Append(Escape(title)).Append("</title></text>\n");
            return;
        }
        var task = row.Task!;
        var tooltip = new StringBuilder().Append(task.Id).Append(' ').Append(task.Title).Append(" — ").Append(labels.Status(task.Status));
        if (task.Due is { } due) tooltip.Append("; ").Append(labels["Due"]).Append(' ').Append(DateText.Iso(due));
        if (task.CompletedOn is { } done) tooltip.Append("; ").Append(labels["Completed"]).Append(' ').Append(DateText.Iso(done));
        if (task.Recurrence is { } recurrence) tooltip.Append("; ").Append(labels.Every(recurrence));
        var labelWidth = Math.Max(10, (int)((TimelineLayout.LabelWidth - indent) / 6.6));
        b.Append("<g class=\"task ").Append(Css(task.Status)).Append("\" data-task=\"").Append(Escape(task.Id)).Append("\"><title>")
         .Append(Escape(tooltip.ToString())).Append("</title>");
        b.Append("<text class=\"lbl\" x=\"").Append(Num(indent)).Append("\" y=\"").Append(textY).Append("\">")
         .Append(Escape(Truncate(task.Id + " " + task.Title, labelWidth))).Append("</text>");
        foreach (var bar in shapes.Bars[task.Id].Where(x => x.Y >= row.Y && x.Y < row.Y + row.Height))
        {
            b.Append("<rect class=\"bar ").Append(Css(bar.Status)).Append(bar.Open ? " nodue" : "").Append("\" x=\"").Append(Num(bar.X1))
             .Append("\" y=\"").Append(Num(bar.Y)).Append("\" width=\"").Append(Num(Math.Max(2, bar.X2 - bar.X1))).Append("\" height=\"")
             .Append(Num(bar.Height)).Append("\" rx=\"2\"/>");
        }
        foreach (var period in shapes.Periods[task.Id].Where(p => p.Y >= row.Y && p.Y < row.Y + row.Height))
        {
            b.Append("<rect class=\"period ").Append(Css(period.Period.Status)).Append("\" x=\"").Append(Num(period.X1)).Append("\" y=\"")
             .Append(Num(period.Y)).Append("\" width=\"").Append(Num(Math.Max(2, period.X2 - period.X1))).Append("\" height=\"")
             .Append(Num(period.Height)).Append("\"><title>").Append(Escape(period.Period.Period.Name.ToString(labels.Culture)));
            if (period.Period.Through is { } through) b.Append(" – ").Append(Escape(through.Name.ToString(labels.Culture)));
            b.Append(": ").Append(Escape(labels.Status(period.Period.Status))).Append("</title></rect>");
        }
        foreach (var marker in shapes.Markers[task.Id].Where(m => m.Y >= row.Y && m.Y < row.Y + row.Height))
        {
            if (marker.Kind == TimelineMarkerKind.Due)
            {
                b.Append("<path class=\"due-mark ").Append(Css(marker.Status)).Append("\" d=\"M").Append(Num(marker.X)).Append(',').Append(Num(marker.Y - 6))
                 .Append(" l6,6 l-6,6 l-6,-6 z\"/>");
            }
            else
            {
                b.Append("<circle class=\"done-mark s-done\" cx=\"").Append(Num(marker.X)).Append("\" cy=\"").Append(Num(marker.Y)).Append("\" r=\"3.5\"/>");
            }
        }
        b.Append("</g>\n");
    }
}
