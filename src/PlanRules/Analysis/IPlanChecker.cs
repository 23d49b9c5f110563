namespace PlanRules.Analysis;

/// <summary>Checks plans. Implementations are thread-safe: one instance serves concurrent requests.</summary>
public interface IPlanChecker
{
    /// <summary>
    /// Checks one request and returns an immutable result. Never throws for any input text; a request with a null
    /// part is refused with an <see cref="ArgumentException"/> naming it (see <see cref="CheckRequest"/>).
    /// </summary>
    CheckResult Check(CheckRequest request);
}
