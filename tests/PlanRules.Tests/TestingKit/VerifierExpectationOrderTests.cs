using PlanRules.Testing;
using static PlanRules.Testing.PlanVerifier;

namespace PlanRules.Tests.TestingKit;

/// <summary>PlanVerifier pairs expectations with findings whatever the order the expectations are written in.</summary>
public sealed class VerifierExpectationOrderTests
{
    // Three PR3001 findings: task 1 for A and for B, task 2 for A.
    private const string Plan = PlanTestExpectationTests.Plan;

    public static TheoryData<int[]> Orders => new() { new[] { 0, 1, 2 }, new[] { 1, 0, 2 }, new[] { 1, 2, 0 }, new[] { 2, 1, 0 } };

    [Theory]
    [MemberData(nameof(Orders))]
    public async Task Expectations_written_in_any_order_pass(int[] order)
    {
        ExpectedFinding[] expectations = [Expect("PR3001").ForUnit("A"), Expect("PR3001").ForTask("1"), Expect("PR3001").ForTask("2")];

        await VerifyAsync(Plan, [.. order.Select(i => expectations[i])]);
    }

    [Fact]
    public async Task An_expectation_no_finding_is_left_for_is_still_missing()
    {
        var error = await Assert.ThrowsAsync<PlanVerificationException>(() =>
            VerifyAsync(Plan, Expect("PR3001").ForTask("1"), Expect("PR3001").ForUnit("A"), Expect("PR3001").ForUnit("A"), Expect("PR3001").ForTask("2")));

        Assert.StartsWith("PlanRules verification failed.\nMissing finding: PlanVerifier.Expect(\"PR3001\")", error.Message);
    }

    [Fact]
    public async Task An_expectation_of_an_unknown_id_says_so()
    {
        var error = await Assert.ThrowsAsync<PlanVerificationException>(() =>
            VerifyAsync(Plan, Expect("PR3001").ForTask("1").ForUnit("A"), Expect("PR3001").ForTask("1").ForUnit("B"), Expect("PR3001").ForTask("2"), Expect("PR3010")));

        Assert.StartsWith(
            "PlanRules verification failed.\nMissing finding: PlanVerifier.Expect(\"PR3010\")\n"
            + "  (unknown id: PR3010 is neither a library id nor declared by the test's rules or analyzers; a typo?)\n",
            error.Message);
    }
}
