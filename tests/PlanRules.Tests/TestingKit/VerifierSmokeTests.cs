using PlanRules.Testing;

namespace PlanRules.Tests.TestingKit;

public sealed class VerifierSmokeTests
{
    private const string Header = "plan \"p\" { ref \"r\" issued 2021-01-01 period 2021-01-01 .. 2021-12-31 }\n";

    [Fact]
    public async Task UnknownUnitMarkup_Passes()
    {
        await PlanVerifier.VerifyAsync(Header + "unit 区财政局\ntask 1 \"t\" { lead {|PR1001:区财正局|} }\n",
            PlanVerifier.Expect("PR1009").ForUnit("区财政局"));
    }

    [Fact]
    public async Task MissingFinding_FailsWithPasteableActuals()
    {
        var error = await Assert.ThrowsAsync<PlanVerificationException>(() =>
            PlanVerifier.VerifyAsync(Header + "task 1 \"t\" { lead {|PR1001:区财正局|} }\ntask 2 \"u\" { due 2021-05-01 }\n"));
        Assert.Contains("Unexpected finding: PR1005", error.Message);
        Assert.Contains("PlanVerifier.Expect(\"PR1005\").WithSpan(3, 1, 3, 7).ForTask(\"2\"),", error.Message);
    }
}
