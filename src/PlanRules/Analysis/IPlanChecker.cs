namespace PlanRules.Analysis;

/// <summary>Checks plans. Implementations are thread-safe: one instance serves concurrent requests.</summary>
public interface IPlanChecker
{
    /// <summary>
    /// Checks one request and returns an immutable result. Never throws for any input text; a request with a null
    /// part is refused with an <see cref="ArgumentException"/> naming it (see <see cref="CheckRequest"/>).
    /// </summary>
    CheckResult Check(CheckRequest request);

    /// <summary>
    /// Checks one request; once <paramref name="cancellationToken"/> is cancelled the check stops with an
    /// <see cref="OperationCanceledException"/>. The library's checkers look at the token throughout (per ledger
    /// record, per element a rule runs on, per analyzer callback); this default, for other implementations, only
    /// before the check starts.
    /// </summary>
    CheckResult Check(CheckRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Check(request);
    }
}
