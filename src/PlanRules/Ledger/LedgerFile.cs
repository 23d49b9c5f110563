using System.Collections.Immutable;
using PlanRules.Diagnostics;
using PlanRules.Text;

namespace PlanRules.Ledger;

/// <summary>The records read from one ledger file and the problems found in bad lines (which were skipped).</summary>
public sealed record LedgerFile(SourceText Source, ImmutableArray<LedgerRecord> Records, ImmutableArray<Diagnostic> Diagnostics);
