using PlanRules.Diagnostics;
using PlanRules.Testing;
using static PlanRules.Testing.PlanVerifier;

namespace PlanRules.Tests.TestingKit;

/// <summary>The verifier's own behaviour, failure messages asserted exactly.</summary>
public sealed class PlanVerifierTests
{
    private const string Header = "plan \"p\" { ref \"r\" issued 2021-01-01 period 2021-01-01 .. 2021-12-31 }\n";

    [Fact]
    public async Task SingleMarkedSpan_MatchesTheOnlyFinding()
    {
        await VerifyAsync(Header + "task 7 \"t\" { due 2021-05-01 }\n".Replace("task 7", "[|task 7|]"));
    }

    [Fact]
    public async Task IdMarkup_WithLocationAndArguments_Passes()
    {
        await VerifyAsync(
            Header + "unit 区财政局\ntask 1 \"t\" { lead {|#0:区财正局|}, 区财政局 }\n",
            Expect("PR1001").WithLocation(0).ForUnit("区财正局").WithArguments("区财正局", "，是否指 '区财政局'？")
                .WithMessage("未知的单位或组 '区财正局'，是否指 '区财政局'？")
                .WithMessage("Unknown unit or group '区财正局'; did you mean '区财政局'?", "en"));
    }

    [Fact]
    public async Task MissingFinding_IsReportedWithTheActualOnesAsExpectations()
    {
        var error = await Assert.ThrowsAsync<PlanVerificationException>(() =>
            VerifyAsync(Header + "unit A\ntask 1 \"t\" { lead A }\n", Expect("PR1005").ForTask("1")));
        Assert.Equal(
            "PlanRules verification failed.\n" +
            "Missing finding: PlanVerifier.Expect(\"PR1005\").ForTask(\"1\")\n" +
            "\nExpected (1):\n" +
            "  PlanVerifier.Expect(\"PR1005\").ForTask(\"1\")\n" +
            "Actual (0):\n" +
            "\nActual findings as expectations (paste into the test):\n",
            error.Message);
    }

    [Fact]
    public async Task ExtraFinding_IsReportedAsUnexpected()
    {
        var error = await Assert.ThrowsAsync<PlanVerificationException>(() =>
            VerifyAsync(Header + "task 2 \"u\" { due 2021-05-01 }\n"));
        Assert.Equal(
            "PlanRules verification failed.\n" +
            "Unexpected finding: PR1005 test.plan(2,1)-(2,7): 任务 2 没有牵头单位（缺少 lead）\n" +
            "\nExpected (0):\n" +
            "Actual (1):\n" +
            "  PR1005 test.plan(2,1)-(2,7): 任务 2 没有牵头单位（缺少 lead）\n" +
            "\nActual findings as expectations (paste into the test):\n" +
            "  PlanVerifier.Expect(\"PR1005\").WithSpan(2, 1, 2, 7).ForTask(\"2\"),\n",
            error.Message);
    }

    [Fact]
    public async Task WrongSpan_IsPointedOut()
    {
        var error = await Assert.ThrowsAsync<PlanVerificationException>(() =>
            VerifyAsync(Header + "unit 区财政局\ntask 1 \"t\" { lead {|PR1001:区财|}正局, 区财政局 }\n"));
        Assert.StartsWith(
            "PlanRules verification failed.\n" +
            "Missing finding: PlanVerifier.Expect(\"PR1001\").WithSpan(3, 19, 3, 21)\n" +
            "  (wrong span? an actual PR1001 is at (3,19)-(3,23))\n" +
            "Unexpected finding: PR1001 test.plan(3,19)-(3,23): 未知的单位或组 '区财正局'，是否指 '区财政局'？\n",
            error.Message);
    }

    [Fact]
    public async Task WrongId_IsPointedOut()
    {
        var error = await Assert.ThrowsAsync<PlanVerificationException>(() =>
            VerifyAsync(Header + "unit A\ntask 1 \"t\" { lead A due {|PR1011:2022-05-01|} }\n"));
        Assert.StartsWith(
            "PlanRules verification failed.\n" +
            "Missing finding: PlanVerifier.Expect(\"PR1011\").WithSpan(3, 25, 3, 35)\n" +
            "  (wrong id? the finding at that span is PR1006)\n",
            error.Message);
    }

    [Fact]
    public async Task UnknownMarkupKey_FailsWithAnExplanation()
    {
        var error = await Assert.ThrowsAsync<PlanVerificationException>(() =>
            VerifyAsync(Header + "unit A\ntask 1 \"t\" { lead {|XYZ:A|} }\n"));
        Assert.Equal(
            "Markup key 'XYZ' is not a finding id known to this test (library ids, the test's rules and analyzers). " +
            "Use {|ID:…|} with a real id, {|#n:…|} for a location, or [|…|] for the single expected finding.",
            error.Message);
    }

    [Fact]
    public async Task FullTest_WithRulesLedgerAndAsOf_Passes()
    {
        var test = new PlanTest
        {
            Plan = Header + "unit 区司法局 \"番禺区司法局\"\nunit 石楼镇 \"石楼镇\"\ntask 33 \"t\" {\n  lead 区司法局, 石楼镇\n  due 2021-12-01\n}\n",
            Ledger = "2021-11-20 task 33 done by 区司法局\n",
            AsOf = new NodaTime.LocalDate(2021, 12, 16),
        };
        test.Rules.Add("rule GOV901 \"done needs evidence\" { severity warning for obligation o where o.status == done require count(o.evidence) > 0 message \"{o.task.id} {o.unit.name}\" }");
        test.ExpectedFindings.Add(Expect("PR3001").ForTask("33").ForUnit("石楼镇").WithMessage("任务 33 已逾期 15 天（石楼镇）"));
        test.ExpectedFindings.Add(Expect("GOV901").ForTask("33").ForUnit("区司法局").WithMessage("33 区司法局").WithSeverity(DiagnosticSeverity.Warning));
        await test.RunAsync();
    }

    [Fact]
    public void Markup_NestsAndReportsUnbalancedMarkers()
    {
        var (text, spans) = PlanMarkup.Parse("a{|#0:b[|c|]|}d");
        Assert.Equal("abcd", text);
        Assert.Equal(2, spans.Length);
        Assert.Throws<FormatException>(() => PlanMarkup.Parse("a[|b"));
        Assert.Throws<FormatException>(() => PlanMarkup.Parse("a|}b"));
    }
}
