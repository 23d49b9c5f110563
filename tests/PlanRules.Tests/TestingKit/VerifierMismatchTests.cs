using PlanRules.Diagnostics;
using PlanRules.Rules.Runtime;
using PlanRules.Testing;
using static PlanRules.Testing.PlanVerifier;

namespace PlanRules.Tests.TestingKit;

/// <summary>Failure messages that say what differs, and markup keys of the test's own rules always known.</summary>
public sealed class VerifierMismatchTests
{
    private const string Header = "plan \"p\" { ref \"r\" issued 2021-01-01 period 2021-01-01 .. 2021-12-31 }\n";
    private const string Unknown = "unit 区财政局\ntask 1 \"t\" { lead {|#0:区财正局|}, 区财政局 }\n";

    private const string HostRule = """
        rule HOSTV1 "标题含关键字" {
          severity warning
          for task t
          when hasKeyword(t.title)
          message "任务 {t.id}"
        }
        """;

    [Fact]
    public async Task A_rule_calling_a_host_function_is_known_to_the_markup_when_it_does_not_fire()
    {
        var test = new PlanTest { Plan = Header + "unit 区财政局\ntask 1 \"t\" { lead 区财政局 }\n{|HOSTV1:|}" };
        test.Rules.Add(HostRule);
        test.Functions.Add(RuleFunction.FromDelegate("hasKeyword", (string title) => title.Contains("公开")));

        var error = await Assert.ThrowsAsync<PlanVerificationException>(test.RunAsync);

        Assert.StartsWith("PlanRules verification failed.\nMissing finding: PlanVerifier.Expect(\"HOSTV1\").WithSpan(4, 1, 4, 1)\n", error.Message);
    }

    [Fact]
    public async Task A_rule_calling_a_host_function_runs_with_it_in_the_markup()
    {
        var test = new PlanTest { Plan = Header + "unit 区财政局\n{|HOSTV1:task 1|} \"政务公开\" { lead 区财政局 }\n" };
        test.Rules.Add(HostRule);
        test.Functions.Add(RuleFunction.FromDelegate("hasKeyword", (string title) => title.Contains("公开")));

        await test.RunAsync();
    }

    [Fact]
    public async Task A_markup_key_of_a_rule_that_does_not_compile_shows_the_rule_s_error()
    {
        var test = new PlanTest { Plan = Header + "unit 区财政局\n{|HOSTV1:task 1|} \"政务公开\" { lead 区财政局 }\n" };
        test.Rules.Add(HostRule);

        var error = await Assert.ThrowsAsync<PlanVerificationException>(test.RunAsync);

        Assert.Contains("Missing finding: PlanVerifier.Expect(\"HOSTV1\")", error.Message);
        Assert.Contains("Unexpected finding: PR2001 test.rules(4,8)", error.Message);
    }

    [Fact]
    public async Task Wrong_arguments_are_shown_beside_the_actual_ones()
    {
        var error = await Assert.ThrowsAsync<PlanVerificationException>(() =>
            VerifyAsync(Header + Unknown, Expect("PR1001").WithLocation(0).WithArguments("区财正局", "x")));

        Assert.StartsWith(
            "PlanRules verification failed.\n" +
            "Missing finding: PlanVerifier.Expect(\"PR1001\").WithSpan(3, 19, 3, 23).WithArguments(\"区财正局\", \"x\")\n" +
            "  (the actual PR1001 at (3,19)-(3,23) differs: arguments are [\"区财正局\", \"，是否指 '区财政局'？\"], not [\"区财正局\", \"x\"])\n" +
            "Unexpected finding: PR1001 ",
            error.Message);
    }

    [Fact]
    public async Task Wrong_message_task_unit_and_severity_are_shown_beside_the_actual_ones()
    {
        var error = await Assert.ThrowsAsync<PlanVerificationException>(() =>
            VerifyAsync(Header + Unknown, Expect("PR1001").WithLocation(0).ForTask("2").ForUnit("区财政局")
                .WithMessage("wrong", "en").WithSeverity(DiagnosticSeverity.Warning)));

        Assert.Contains(
            "  (the actual PR1001 at (3,19)-(3,23) differs: task is \"1\", not \"2\"; unit is \"区财正局\", not \"区财政局\"; " +
            "en message is \"Unknown unit or group '区财正局'; did you mean '区财政局'?\", not \"wrong\"; severity is Error, not Warning)\n",
            error.Message);
    }

    [Fact]
    public async Task Without_a_span_the_closest_findings_of_the_id_are_shown()
    {
        var error = await Assert.ThrowsAsync<PlanVerificationException>(() =>
            VerifyAsync(Header + "unit A\ntask 1 \"t\" { lead B }\ntask 2 \"u\" { lead C }\n", Expect("PR1001").ForUnit("D"), Expect("PR1001"), Expect("PR1009")));

        Assert.Contains("  (the actual PR1001 at (3,19)-(3,20) differs: unit is \"B\", not \"D\")\n", error.Message);
        Assert.Contains("  (the actual PR1001 at (4,19)-(4,20) differs: unit is \"C\", not \"D\")\n", error.Message);
    }

    [Fact]
    public async Task Markup_spans_count_UTF16_code_units_with_CRLF_and_characters_outside_the_BMP()
    {
        await VerifyAsync(
            Header.Replace("\n", "\r\n") + "unit 𠀀财政局\r\ntask 1 \"𠀀𠀀\" { lead {|PR1001:𠀀财正局|} }\r\n",
            Expect("PR1009").ForUnit("𠀀财政局").WithSpan(2, 6, 2, 11));

        var error = await Assert.ThrowsAsync<PlanVerificationException>(() => VerifyAsync(
            Header.Replace("\n", "\r\n") + "unit 𠀀财政局\r\ntask 1 \"𠀀𠀀\" { lead 𠀀{|PR1001:财正局|} }\r\n", Expect("PR1009")));
        Assert.Contains("  (wrong span? an actual PR1001 is at (3,22)-(3,27))\n", error.Message);
    }

    [Theory]
    [InlineData("a\nb|]c", "markup: '|]' at line 2, column 2 closes nothing")]
    [InlineData("a\r\nbc|}", "markup: '|}' at line 2, column 3 closes nothing")]
    [InlineData("x\ny\n[|z", "markup: marker opened at line 3, column 1 is never closed")]
    [InlineData("task 1 \"t\" {|\n  due 2021-05-01 09:00 }", "markup: '{|' at line 1, column 12 is not followed by an id or #n and ':'")]
    [InlineData("{|#x:a|}", "markup: bad location index '#x' at line 1, column 1")]
    public void Markup_errors_say_the_line_and_column(string markup, string message)
    {
        Assert.Equal(message, Assert.Throws<FormatException>(() => PlanMarkup.Parse(markup)).Message);
    }
}
