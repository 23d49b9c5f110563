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
    /// <summary>Records every write: how a report reached its target.</summary>
    private sealed class RecordingWriter : StringWriter
    {
        public int Writes { get; private set; }

        public override void Write(char[] buffer, int index, int count)
        {
            Writes++;
            base.Write(buffer, index, count);
        }
    }

    private static readonly Lazy<PlanRules.Analysis.CheckResult> Large = new(() =>
    {
        var plan = new StringBuilder(Header);
        for (var i = 1; i <= 600; i++) plan.Append($"task {i} \"第{i}项：加强政务公开标准化规范化建设\" {{ lead 镇街 due 2021-06-30 }}\n");
        return Check(plan.ToString(), asOf: "2021-12-31");
    });

    [Fact]
    public void Json_is_streamed_in_chunks_and_equals_the_rendered_report()
    {
        var writer = new RecordingWriter { NewLine = "\n" };
        JsonReport.Write(writer, Large.Value, Zh);

        Assert.True(writer.Writes > 3, $"{writer.Writes} writes");
        Assert.Equal(JsonReport.Render(Large.Value, Zh), writer.ToString());
        using var json = JsonDocument.Parse(writer.ToString());
        Assert.Equal(Large.Value.Diagnostics.Length, json.RootElement.GetProperty("findings").GetArrayLength());
        Assert.DoesNotContain('\uFFFD', writer.ToString());
        Assert.Contains("已逾期", writer.ToString()); // multi-byte text across chunk boundaries decodes whole
    }

    [Fact]
    public void Sarif_is_streamed_in_chunks_and_equals_the_rendered_report()
    {
        var writer = new RecordingWriter { NewLine = "\n" };
        SarifReport.Write(writer, Large.Value, En);

        Assert.True(writer.Writes > 3, $"{writer.Writes} writes");
        Assert.Equal(SarifReport.Render(Large.Value, En), writer.ToString());
        using var sarif = JsonDocument.Parse(writer.ToString());
        Assert.Equal(Large.Value.Diagnostics.Length, sarif.RootElement.GetProperty("runs")[0].GetProperty("results").GetArrayLength());
    }
}
