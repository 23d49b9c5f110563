namespace PlanRules.Tests.Cli;

/// <summary>Bad usage the command-line parser itself finds, and the help it prints.</summary>
public partial class CliTests
{
    [Theory]
    [InlineData("check", Example, "--format", "JSON")]
    [InlineData("check", Example, "--format", "json", "--format", "sarif")]
    [InlineData("check", Example, "--as-of")]
    [InlineData("explain", "PR0001", "PR0002", "PR0003")]
    [InlineData("fmt")]
    [InlineData("import", "a.txt", "--encoding", "latin1")]
    public void Errors_the_parser_finds_are_one_line_in_both_languages(params string[] args)
    {
        var run = InRepo(args);

        AssertOneLineFailure(run);
        Assert.StartsWith("planrules: 用法错误 / usage error: ", run.Err);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void No_command_is_one_line_in_both_languages()
    {
        var run = InRepo();

        AssertOneLineFailure(run);
        Assert.StartsWith("planrules: 用法错误 / usage error: ", run.Err);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("check", "--help")]
    [InlineData("fmt", "-h")]
    public void Help_names_the_command_planrules(params string[] args)
    {
        var run = InRepo(args);

        Assert.Equal(0, run.Exit);
        Assert.Equal("", run.Err);
        Assert.Contains("\n  planrules ", run.Out);
        Assert.DoesNotContain("PlanRules.Cli", run.Out);
    }

    [Theory]
    [InlineData("check", "--rules <PATH>", "--ledger <PATH>", "--as-of <DATE>", "--output <FILE>", "--culture <zh-CN|en>", "--config <FILE>", "--baseline <FILE>", "--help-uri-base <URL>")]
    [InlineData("report", "--output <FILE>", "--culture <zh-CN|en>", "--max-items <N>")]
    [InlineData("model", "--output <FILE>")]
    [InlineData("import", "--output <FILE>", "--culture <zh-CN|en>")]
    [InlineData("test", "--culture <zh-CN|en>")]
    public void Help_names_option_values_as_the_readme_does(string command, params string[] expected)
    {
        var run = InRepo(command, "--help");

        Assert.Equal(0, run.Exit);
        Assert.All(expected, e => Assert.Contains(e, run.Out));
    }

    [Fact]
    public void Version_prints_the_tool_version()
    {
        var run = InRepo("--version");

        Assert.Equal(0, run.Exit);
        Assert.Matches(@"^\d+\.\d+\.\d+", run.Out);
    }

    [Theory]
    [InlineData("--baseline")]
    [InlineData("--config")]
    [InlineData("--ledger")]
    [InlineData("--rules")]
    public void A_missing_file_given_to_an_option_is_named_as_given(string option)
    {
        var run = InRepo("check", Example, option, "no/such/file.json");

        AssertOneLineFailure(run);
        Assert.Matches(@"^planrules: 找不到[^/]+/ [a-z ]+not found: no/such/file\.json\n$", run.Err);
    }

    [Theory]
    [InlineData("fmt", "")]
    [InlineData("fmt", "", "--check")]
    [InlineData("check", "")]
    [InlineData("model", "")]
    [InlineData("test", "")]
    [InlineData("check", "p.plan", "--ledger", "")]
    [InlineData("check", "p.plan", "--rules", "")]
    public void An_empty_path_is_bad_usage_not_the_current_folder(params string[] args)
    {
        using var dir = new PlanRules.Tests.Support.TempDirectory();
        const string Unformatted = "unit A\ntask 1 \"t\" { lead A }\n";
        var plan = dir.Write("p.plan", Unformatted);

        var run = Invoke(dir.Path, args);

        AssertOneLineFailure(run);
        Assert.Contains("empty path", run.Err);
        Assert.Equal(Unformatted, File.ReadAllText(plan));
    }

    [Theory]
    [InlineData("check", "--output")]
    [InlineData("model", "--output")]
    [InlineData("report", "--output")]
    public void An_empty_output_file_name_is_bad_usage(string command, string option)
    {
        using var dir = new PlanRules.Tests.Support.TempDirectory();
        dir.Write("p.plan", "plan \"p\" { ref \"r\" issued 2021-01-01 period 2021-01-01 .. 2021-12-31 }\n");

        var run = Invoke(dir.Path, command, "p.plan", option, "");

        AssertOneLineFailure(run);
        Assert.Contains("empty path", run.Err);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("\"findings\"")]
    [InlineData("42")]
    [InlineData("{}")]
    [InlineData("{\"findings\": {}}")]
    [InlineData("{\"findings\": [")]
    public void A_baseline_that_is_not_a_json_report_is_bad_usage(string json)
    {
        using var dir = new PlanRules.Tests.Support.TempDirectory();
        dir.Write("p.plan", "plan \"p\" { ref \"r\" issued 2021-01-01 period 2021-01-01 .. 2021-12-31 }\n");
        dir.Write("base.json", json);

        var run = Invoke(dir.Path, "check", "p.plan", "--baseline", "base.json");

        AssertOneLineFailure(run);
        Assert.StartsWith("planrules: 基线文件无效 / invalid baseline file base.json: ", run.Err);
    }

    [Theory]
    [InlineData("check", "@old", "--no-default-rules")]
    [InlineData("check", "@old/p.plan", "--no-default-rules")]
    [InlineData("model", "@old")]
    [InlineData("fmt", "@old", "--check")]
    public void A_path_starting_with_an_at_sign_is_a_path_not_a_response_file(params string[] args)
    {
        using var dir = new PlanRules.Tests.Support.TempDirectory();
        dir.Write("@old/p.plan", "plan \"p\" {\n  ref \"r\"\n  issued 2021-01-01\n  period 2021-01-01 .. 2021-12-31\n}\n");

        var run = Invoke(dir.Path, args);

        Assert.True(run.Exit == 0, run.Err);
        Assert.Equal("", run.Err);
    }

    [Theory]
    [InlineData("check", "p.plan", "--format", "json")]
    [InlineData("model", "p.plan")]
    [InlineData("import", "notice.txt")]
    public void Output_dash_is_standard_output_for_every_command(params string[] args)
    {
        using var dir = new PlanRules.Tests.Support.TempDirectory();
        dir.Write("p.plan", "plan \"p\" {\n  ref \"r\"\n  issued 2021-01-01\n  period 2021-01-01 .. 2021-12-31\n}\n");
        dir.Write("notice.txt", "关于印发测试方案的通知\n一、总体要求\n1.做好工作。区政府办牵头。2021年底前完成。\n");

        var toFile = Invoke(dir.Path, [.. args, "--output", "out.txt"]);
        var toStdout = Invoke(dir.Path, [.. args, "--output", "-"]);

        Assert.True(toStdout.Exit is 0 or 1, toStdout.Err);
        Assert.Equal(File.ReadAllText(Path.Combine(dir.Path, "out.txt")), toStdout.Out);
        Assert.False(File.Exists(Path.Combine(dir.Path, "-")));
    }
}
