using System.Collections.Frozen;
using PlanRules.Resources;

namespace PlanRules.Diagnostics;

/// <summary>Every finding id the library itself reports: one place for id, title, format, category and severity.</summary>
public static class DiagnosticCatalog
{
    /// <summary>Category of PR0xxx.</summary>
    public const string SyntaxCategory = "syntax";
    /// <summary>Category of PR0004 (configuration files).</summary>
    public const string ConfigCategory = "config";
    /// <summary>Category of PR1xxx.</summary>
    public const string PlanCategory = "plan";
    /// <summary>Category of PR2xxx.</summary>
    public const string RulesCategory = "rules";
    /// <summary>Category of PR3001..PR3006.</summary>
    public const string ScheduleCategory = "schedule";
    /// <summary>Category of PR3007..PR3009.</summary>
    public const string LedgerCategory = "ledger";
    /// <summary>Category of PR4xxx.</summary>
    public const string ImportCategory = "import";
    /// <summary>Category of PR9xxx.</summary>
    public const string HostCategory = "host";

#pragma warning disable CS1591 // each field is documented by its id's row in FINDINGS.md and its resx title
    public static readonly DiagnosticDescriptor SyntaxError = Make("PR0001", SyntaxCategory, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor InvalidLiteral = Make("PR0002", SyntaxCategory, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor LimitExceeded = Make("PR0003", SyntaxCategory, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor ConfigProblem = Make("PR0004", ConfigCategory, DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor UnknownUnit = Make("PR1001", PlanCategory, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor DuplicateName = Make("PR1002", PlanCategory, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor UnknownDependency = Make("PR1003", PlanCategory, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor DependencyCycle = Make("PR1004", PlanCategory, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor NoAccountableOwner = Make("PR1005", PlanCategory, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor DateOutsidePeriod = Make("PR1006", PlanCategory, DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor DueBeforeDependency = Make("PR1007", PlanCategory, DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor PlanHeader = Make("PR1008", PlanCategory, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor UnusedUnit = Make("PR1009", PlanCategory, DiagnosticSeverity.Info);
    public static readonly DiagnosticDescriptor GroupCycle = Make("PR1010", PlanCategory, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor StartAfterDue = Make("PR1011", PlanCategory, DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor StaleSuppression = Make("PR1012", PlanCategory, DiagnosticSeverity.Info);
    public static readonly DiagnosticDescriptor RulesUnknownName = Make("PR2001", RulesCategory, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor RulesTypeMismatch = Make("PR2002", RulesCategory, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor RulesDuplicateId = Make("PR2003", RulesCategory, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor RulesIncomplete = Make("PR2004", RulesCategory, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor RulesRuntimeFault = Make("PR2005", RulesCategory, DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor Overdue = Make("PR3001", ScheduleCategory, DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor DoneLate = Make("PR3002", ScheduleCategory, DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor DoneBeforeDependency = Make("PR3003", ScheduleCategory, DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor AtRisk = Make("PR3004", ScheduleCategory, DiagnosticSeverity.Info);
    public static readonly DiagnosticDescriptor RecurringShort = Make("PR3005", ScheduleCategory, DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor DueSoon = Make("PR3006", ScheduleCategory, DiagnosticSeverity.Info);
    public static readonly DiagnosticDescriptor LedgerUnknownTask = Make("PR3007", LedgerCategory, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor LedgerUnitOwesNothing = Make("PR3008", LedgerCategory, DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor LedgerAfterAsOf = Make("PR3009", LedgerCategory, DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor ImportNotUnderstood = Make("PR4001", ImportCategory, DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor ImportUnitGuessed = Make("PR4002", ImportCategory, DiagnosticSeverity.Info);
    public static readonly DiagnosticDescriptor HostAnalyzerFailed = Make("PR9001", HostCategory, DiagnosticSeverity.Warning);
#pragma warning restore CS1591

    private static readonly Lazy<FrozenDictionary<string, DiagnosticDescriptor>> ById = new(() =>
        typeof(DiagnosticCatalog).GetFields()
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToFrozenDictionary(d => d.Id, StringComparer.OrdinalIgnoreCase));

    /// <summary>All library descriptors, ordered by id.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All => ById.Value.Values.OrderBy(d => d.Id, StringComparer.Ordinal).ToArray();

    /// <summary>Finds a library descriptor by id (case-insensitive).</summary>
    public static DiagnosticDescriptor? Find(string id) => ById.Value.GetValueOrDefault(id);

    private static DiagnosticDescriptor Make(string id, string category, DiagnosticSeverity severity) =>
        new(id,
            LocalizableString.FromResource(id + "_Title"),
            LocalizableString.FromResource(id + "_Message"),
            category,
            severity,
            isEnabledByDefault: true,
            helpLinkUri: null,
            description: LocalizableString.FromResource(id + "_Description"));

    internal static bool HasMessage(string key) => Messages.Has(key);
}
