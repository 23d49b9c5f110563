using PlanRules.Testing;
using static PlanRules.Testing.PlanVerifier;

namespace PlanRules.Tests.Binding;

/// <summary>The binder's findings stated as markup with the project's own test kit (PlanRules.Testing).</summary>
public sealed class BinderMarkupTests
{
    private const string Header = "plan \"p\" { ref \"r\" issued 2021-01-01 period 2021-01-01 .. 2021-12-31 }\n";

    [Fact]
    public Task UnknownUnit_IsMarkedAtTheName() =>
        VerifyAsync(Header + "unit 区财政局\ntask 1 \"t\" { lead 区财政局, {|PR1001:区财正局|} }\n");

    [Fact]
    public Task DuplicateTask_IsMarkedAtTheSecondDeclaration() =>
        VerifyAsync(Header + "unit A\ntask 1 \"t\" { lead A }\n{|PR1002:task 1|} \"u\" { lead A }\n");

    [Fact]
    public Task UnknownDependency_IsMarkedAtTheId() =>
        VerifyAsync(Header + "unit A\ntask 1 \"t\" { lead A }\ntask 2 \"u\" { lead A after 1, {|PR1003:9|} }\n");

    [Fact]
    public Task DependencyCycle_IsMarkedAtTheAfterItem() =>
        VerifyAsync(Header + "unit A\ntask 12 \"t\" { lead A {|#0:after 15|} }\ntask 15 \"u\" { lead A after 12 }\n",
            Expect("PR1004").WithLocation(0).WithMessage("依赖关系成环：12 → 15 → 12").WithMessage("Dependency cycle: 12 → 15 → 12", "en"));

    [Fact]
    public Task TaskWithoutLead_IsMarkedAtItsHeader() =>
        VerifyAsync(Header + "unit A\n[|task 7|] \"t\" { with A }\n");

    [Fact]
    public Task DueOutsidePeriod_IsMarkedAtTheDate() =>
        VerifyAsync(Header + "unit A\ntask 1 \"t\" { lead A due {|PR1006:2022-03-31|} }\n");

    [Fact]
    public Task StartAfterDue_IsMarkedAtTheStartItem() =>
        VerifyAsync(Header + "unit A\ntask 1 \"t\" { lead A {|PR1011:start 2021-06-01|} due 2021-05-01 }\n",
            Expect("PR3001").ForTask("1").ForUnit("A")); // checked as of 2021-12-31: also overdue
}
