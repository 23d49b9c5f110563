using NodaTime;
using PlanRules.Analysis;
using PlanRules.Configuration;
using PlanRules.PlanTests;
using PlanRules.Rules;
using PlanRules.Text;

namespace PlanRules.Tests.Robustness;

/// <summary>
/// Inputs that crashed or hung a harness of tests/fuzz (docs/fuzzing.md), each fed to the same entry point:
/// it must end in findings, never an exception.
/// </summary>
public sealed class FuzzRegressionTests
{
    private static readonly TimeSpan HangBound = TimeSpan.FromSeconds(60);

    private static T WithinBound<T>(Func<T> work)
    {
        var task = Task.Run(work);
        Assert.True(task.Wait(HangBound), "did not finish: a hang");
        return task.Result;
    }

    /// <summary>plantest: <c>message CULTURE</c> with a name .NET does not know threw CultureNotFoundException from the runner.</summary>
    [Theory]
    [InlineData("中文")]
    [InlineData("x__")]
    public void PlanTest_UnknownMessageCulture_IsASyntaxError(string culture)
    {
        var text = "test \"c\" { plan { unit A\ntask 1 \"t\" { lead A due 2021-01-01 } } as-of 2021-12-31 expect PR3001 message "
            + culture + " \"x\" }";
        var source = new SourceText(text, "c.plantest");
        var (tests, diagnostics) = PlanTestParser.Parse(source);
        Assert.Contains(diagnostics, d => d.Id == "PR0001" && d.Location.Line == 2);
        var runner = new PlanTestRunner(new PlanChecker());
        var directory = Path.GetTempPath();
        var results = WithinBound(() => tests.Select(t => runner.Run(t, directory, directory)).ToList());
        Assert.All(results, r => Assert.Null(r.Error));
    }

    /// <summary>
    /// rules (afl-fuzz, 55 crashes, one cause): two <c>message</c> items in the same culture threw ArgumentException
    /// ("An item with the same key has already been added") from the binder. A later message now replaces an
    /// earlier one, as a later severity, category or help does.
    /// </summary>
    [Theory]
    [InlineData("message en \"first\"\n  message en \"second\"", "en", "second")]
    [InlineData("message en \"first\"\n  message EN \"second\"", "en", "second")]
    [InlineData("message \"第一\"\n  message zh-CN \"第二\"\n  message en \"x\"", "zh-CN", "第二")]
    public void Rules_TwoMessagesInOneCulture_LaterWins(string messages, string culture, string expected)
    {
        var text = "rule R1 \"t\" {\n  for task t\n  when true\n  " + messages + "\n}\n";
        var rules = WithinBound(() => RuleSet.Compile([new SourceText(text, "dup.rules")]));
        Assert.Empty(rules.Diagnostics);
        var result = WithinBound(() => new PlanChecker().Check(new CheckRequest
        {
            Plans = [new SourceText("plan \"p\" { period 2021-01-01 .. 2021-12-31 }\nunit A\ntask 1 \"t\" { lead A }\n", "p.plan")],
            RuleSets = [rules],
            AsOf = new LocalDate(2021, 12, 31),
        }));
        var finding = Assert.Single(result.Diagnostics, d => d.Id == "R1");
        Assert.Equal(expected, finding.GetMessage(System.Globalization.CultureInfo.GetCultureInfo(culture)));
    }

    /// <summary>
    /// config (afl-fuzz, 10 crashes, one cause): the key <c>planrules_diagnostic.severity</c>, where the prefix and
    /// the <c>.severity</c> suffix overlap, threw ArgumentOutOfRangeException while slicing out the target.
    /// </summary>
    [Theory]
    [InlineData("planrules_diagnostic.severity = none")]
    [InlineData("[*.plan]\nplanrules_diagnostic.severity = warning")]
    [InlineData("[*]\nplanrules_diagnostic..severity = error")]
    public void Config_SeverityKeyWithoutTarget_IsPR0004(string text)
    {
        var directory = Path.GetTempPath();
        var config = WithinBound(() => ConfigParser.Parse(new SourceText(text, Path.Combine(directory, ".planrules")), directory));
        Assert.Contains(config.Diagnostics, d => d.Id == "PR0004");
        var effective = new ConfigSet([config]).Resolve(Path.Combine(directory, "plan.plan"));
        Assert.Empty(effective.ById);
    }
}
