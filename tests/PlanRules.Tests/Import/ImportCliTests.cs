using NodaTime;
using NodaTime.Testing;
using PlanRules.Cli;
using PlanRules.Import;
using PlanRules.Tests.Support;

namespace PlanRules.Tests.Import;

/// <summary><c>planrules import</c> in process: output, findings, encodings and exit codes.</summary>
public class ImportCliTests
{
    private sealed record Run(int Exit, string Out, string Err)
    {
        public string[] ErrLines => Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static Run Invoke(string currentDirectory, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var exit = CliApp.Run(args, stdout, stderr, currentDirectory, new FakeClock(Instant.FromUtc(2021, 10, 8, 2, 0)));
        return new Run(exit, stdout.ToString(), stderr.ToString());
    }

    private static void AssertOneLineFailure(Run run, string contains)
    {
        Assert.Equal(2, run.Exit);
        var line = Assert.Single(run.ErrLines);
        Assert.StartsWith("planrules: ", line);
        Assert.Contains(contains, line);
        Assert.DoesNotContain("   at ", run.Err);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void Import_Seed_WritesTheDraftToStdout_AndFindingsToStderr()
    {
        var run = Invoke(ImportCases.Folder, "import", "panyu-2021.notice.txt", "--culture", "en");

        Assert.Equal(0, run.Exit);
        Assert.Equal(ImportCases.Import("panyu-2021").PlanText, run.Out);
        Assert.Contains("panyu-2021.notice.txt(52,26): warning PR4001: A passage could not be turned into plan items and was kept as a note: 在工作中加强与上级单位沟通对接", run.ErrLines);
        Assert.Contains("panyu-2021.notice.txt(16,3): info PR4002: Issuing office '番禺区人民政府办公室' taken as unit '区政府办'", run.ErrLines);
        Assert.Equal("0 errors, 1 warning, 5 info", run.ErrLines[^1]);
    }

    [Fact]
    public void Import_WithOutput_WritesTheFile_AndNothingToStdout()
    {
        using var temp = new TempDirectory();
        File.Copy(ImportCases.NoticePath("lettered"), Path.Combine(temp.Path, "notice.txt"));

        var run = Invoke(temp.Path, "import", "notice.txt", "--output", "out/draft.plan");

        Assert.Equal(0, run.Exit);
        Assert.Equal("", run.Out);
        var written = File.ReadAllText(Path.Combine(temp.Path, "out", "draft.plan"));
        Assert.Contains("task 1.1 \"推进校园网络提速。2022年底前全省中小学实现千兆到校。\"", written);
        // The draft passes check: no errors.
        var check = Invoke(temp.Path, "check", "out/draft.plan", "--no-default-rules", "--as-of", "2022-01-01");
        Assert.True(check.Exit == 0, check.Out + check.Err);
    }

    [Fact]
    public void Import_Gb18030File_IsDetected_AndGivesTheSameDraft()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "gb.txt");
        File.WriteAllBytes(path, NoticeDecoder.Gb18030Encoding.GetBytes(ImportCases.NoticeText("paragraphs")));
        File.Copy(ImportCases.NoticePath("paragraphs"), Path.Combine(temp.Path, "utf8.txt"));

        var auto = Invoke(temp.Path, "import", "gb.txt");
        var explicitGb = Invoke(temp.Path, "import", "gb.txt", "--encoding", "gb18030");
        var utf8 = Invoke(temp.Path, "import", "utf8.txt", "--encoding", "utf-8");

        Assert.Equal(0, auto.Exit);
        Assert.Equal(utf8.Out.Replace("utf8.txt", "gb.txt"), auto.Out);
        Assert.Equal(auto.Out, explicitGb.Out);
    }

    [Fact]
    public void Import_Gb18030File_ReadAsUtf8_ExitsTwo()
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(Path.Combine(temp.Path, "gb.txt"), NoticeDecoder.Gb18030Encoding.GetBytes(ImportCases.NoticeText("paragraphs")));

        AssertOneLineFailure(Invoke(temp.Path, "import", "gb.txt", "--encoding", "utf-8"), "not valid UTF-8");
    }

    [Theory]
    [InlineData(new byte[] { 0x31, 0x2E, 0x80, 0x80, 0xFF, 0xFE }, "cannot decode notice")]
    [InlineData(new byte[] { 0x31, 0x2E, 0x00, 0x41 }, "looks binary")]
    public void Import_UndecodableFile_ExitsTwo(byte[] bytes, string message)
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(Path.Combine(temp.Path, "bad.txt"), bytes);

        AssertOneLineFailure(Invoke(temp.Path, "import", "bad.txt"), message);
    }

    [Fact]
    public void Import_MissingFile_ExitsTwo() =>
        AssertOneLineFailure(Invoke(ImportCases.Folder, "import", "no-such-notice.txt"), "no-such-notice.txt");

    [Fact]
    public void Import_UnknownEncoding_ExitsTwo()
    {
        var run = Invoke(ImportCases.Folder, "import", "paragraphs.notice.txt", "--encoding", "latin1");

        Assert.Equal(2, run.Exit);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void Import_WithoutANotice_ExitsTwo() => Assert.Equal(2, Invoke(ImportCases.Folder, "import").Exit);

    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF")]
    [InlineData(" \r\n\r\n\t\n")]
    [InlineData("选择语言\n字体大小:\n扫一扫在手机打开当前页\n")]
    public void Import_NoticeWithoutTasks_SaysSo_InsteadOfAQuietEmptyDraft(string text)
    {
        // Regression: an empty (or furniture-only) notice printed a bare plan header with "0 errors, 0 warnings, 0 info".
        using var temp = new TempDirectory();
        File.WriteAllText(Path.Combine(temp.Path, "notice.txt"), text);

        var run = Invoke(temp.Path, "import", "notice.txt", "--culture", "en");

        Assert.Equal(0, run.Exit);
        Assert.Contains("plan ", run.Out);
        Assert.Equal(
            ["notice.txt(1,1): warning PR4001: No task found in the notice (numbered items, or paragraphs with their responsible units); the draft has only the plan header; check the notice",
             "0 errors, 1 warning, 0 info"],
            run.ErrLines);
    }
}
