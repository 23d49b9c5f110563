using System.Text;
using System.Text.Json;
using PlanRules.Output;
using static PlanRules.Tests.Analysis.ComplianceKit;

namespace PlanRules.Tests.Output;

/// <summary>
/// JSON and SARIF reports are written as they are produced (a report of millions of findings used to be built as
/// one buffer and failed past 2 GB): the streamed text is the rendered text, in several writes.
/// </summary>
public class StreamedReportTests
{
    /// <summary>Records every write of text: how a report reached its target.</summary>
    internal sealed class RecordingWriter : StringWriter
    {
        public int Writes { get; private set; }

        public override void Write(char[] buffer, int index, int count)
        {
            Writes++;
            base.Write(buffer, index, count);
        }

        public override void Write(string? value)
        {
            Writes++;
            base.Write(value);
        }
    }

    private static readonly Lazy<PlanRules.Analysis.CheckResult> Large = new(() =>
    {
        var plan = new StringBuilder(Header);
        for (var i = 1; i <= 600; i++) plan.Append($"task {i} \"第{i}项：加强政务公开标准化规范化建设\" {{ lead 镇街 due 2021-06-30 }}\n");
        return Check(plan.ToString(), asOf: "2021-12-31");
    });

    [Theory]
    [InlineData("json")]
    [InlineData("sarif")]
    public void Report_is_streamed_in_chunks_and_equals_the_rendered_report(string format)
    {
        var result = Large.Value;
        var writer = new RecordingWriter { NewLine = "\n" };
        if (format == "json") JsonReport.Write(writer, result, Zh);
        else SarifReport.Write(writer, result, Zh);
        var rendered = format == "json" ? JsonReport.Render(result, Zh) : SarifReport.Render(result, Zh);

        Assert.True(writer.Writes > 3, $"{writer.Writes} writes");
        Assert.Equal(rendered, writer.ToString());
        Assert.DoesNotContain('\uFFFD', writer.ToString()); // multi-byte text across chunk boundaries decodes whole
        Assert.Contains("已逾期", writer.ToString());
        using var json = JsonDocument.Parse(writer.ToString());
        var findings = format == "json" ? json.RootElement.GetProperty("findings") : json.RootElement.GetProperty("runs")[0].GetProperty("results");
        Assert.Equal(result.Diagnostics.Length, findings.GetArrayLength());
    }
}
