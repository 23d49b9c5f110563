using System.Collections.Immutable;
using PlanRules.Diagnostics;
using PlanRules.Rules.Runtime;
using PlanRules.Rules.Syntax;
using PlanRules.Text;

namespace PlanRules.Rules.Binding;

/// <summary>
/// Checks whole rules: structure (PR2003, PR2004), then every expression and message hole. A rule with an
/// error is reported and left out; the other rules still run.
/// </summary>
internal static class RuleBinder
{
    /// <summary>
    /// Binds one rule; null when it has an error. <paramref name="hasSyntaxErrors"/> says the parser already reported
    /// an error inside the rule: it is still type-checked (its other errors are real), but never bound for running.
    /// </summary>
    public static BoundRule? Bind(RuleSyntax rule, SourceText source, IReadOnlyDictionary<string, RuleFunction> functions, List<Diagnostic> diagnostics, bool hasSyntaxErrors = false)
    {
        var errorsBefore = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        var id = rule.Id.Value;
        var location = Location.Create(source, rule.Id.Span);
        void Report(DiagnosticDescriptor descriptor, TextSpan span, string? key, params object?[] args) =>
            diagnostics.Add(key is null
                ? Diagnostic.Create(descriptor, Location.Create(source, span), args)
                : Diagnostic.Create(descriptor, Location.Create(source, span), LocalizableString.FromResource(key, args), args.Select(a => LocalizableString.RenderArgument(a, null))));

        if (id.StartsWith("PR", StringComparison.OrdinalIgnoreCase))
        {
            Report(DiagnosticCatalog.RulesDuplicateId, rule.Id.Span, "PR2003_Reserved", id);
        }

        var fors = rule.Items.OfType<ForItemSyntax>().ToList();
        var conditions = rule.Items.OfType<ConditionItemSyntax>().ToList();
        // An item written but in error (reported by the parser) is not missing: no second finding for it.
        if (fors.Count == 0 && !rule.FailedItems.Contains("for")) Report(DiagnosticCatalog.RulesIncomplete, rule.Id.Span, null, id);
        if (conditions.Count == 0 && !rule.FailedItems.Contains("when") && !rule.FailedItems.Contains("require"))
        {
            Report(DiagnosticCatalog.RulesIncomplete, rule.Id.Span, "PR2004_Neither", id);
        }
        if (conditions.Select(c => c.IsRequire).Distinct().Count() > 1 || conditions.Count > 1)
        {
            Report(DiagnosticCatalog.RulesIncomplete, conditions[1].Span, conditions.All(c => c.IsRequire == conditions[0].IsRequire) ? "PR2004_Duplicate" : "PR2004_Both", id);
        }
        if (fors.Count > 1) Report(DiagnosticCatalog.RulesIncomplete, fors[1].Span, "PR2004_DuplicateFor", id);

        var severity = rule.Items.OfType<SeverityItemSyntax>().LastOrDefault()?.Severity ?? DiagnosticSeverity.Warning;
        var category = rule.Items.OfType<CategoryItemSyntax>().LastOrDefault()?.Category.Value ?? "rules";
        var help = rule.Items.OfType<TextRuleItemSyntax>().LastOrDefault(t => t.Keyword == "help")?.Text.Value;
        var description = rule.Items.OfType<TextRuleItemSyntax>().LastOrDefault(t => t.Keyword == "description")?.Text.Value;
        var effective = rule.Items.OfType<EffectiveItemSyntax>().LastOrDefault();

        var binder = new ExpressionBinder(source, functions, diagnostics);
        BoundExpression? where = null, condition = null;
        RuleVariable? variable = null;
        var messages = ImmutableArray.CreateBuilder<BoundMessage>();
        if (fors.Count > 0)
        {
            var forItem = fors[0];
            variable = new RuleVariable(forItem.Variable, forItem.Target switch
            {
                RuleTarget.Task => RuleType.Task,
                RuleTarget.Obligation => RuleType.Obligation,
                RuleTarget.Unit => RuleType.Unit,
                _ => RuleType.Plan,
            });
            binder.Push(variable);
            if (forItem.Where is not null) where = binder.BindExpecting(forItem.Where, RuleType.Bool);
            if (conditions.Count > 0) condition = binder.BindExpecting(conditions[0].Condition, RuleType.Bool);
            foreach (var message in rule.Items.OfType<MessageItemSyntax>())
            {
                var parts = message.Parts.Select(p => p switch
                {
                    TemplateHole hole => new BoundTemplatePart(null, binder.Bind(hole.Expression)),
                    TemplateText text => new BoundTemplatePart(text.Text, null),
                    _ => new BoundTemplatePart("", null),
                }).ToImmutableArray();
                messages.Add(new BoundMessage(message.Culture, parts));
            }
        }

        var hasErrors = binder.HasErrors || diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error) > errorsBefore;
        if (hasErrors || hasSyntaxErrors || variable is null || condition is null) return null;

        if (messages.Count == 0)
        {
            messages.Add(new BoundMessage("zh-CN", [new BoundTemplatePart(rule.Title.Value, null)]));
        }
        // Like severity, category and help, a later message in the same culture replaces an earlier one.
        var cultures = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var kept = messages.AsEnumerable().Reverse().Where(m => cultures.Add(m.Culture)).Reverse().ToList();
        messages.Clear();
        messages.AddRange(kept);
        var texts = messages.ToDictionary(m => m.Culture, m => string.Concat(m.Parts.Select(p => p.Text ?? "{…}")), StringComparer.OrdinalIgnoreCase);
        var helpIsLink = help is not null && Uri.TryCreate(help, UriKind.Absolute, out _);
        var descriptor = new DiagnosticDescriptor(
            id,
            LocalizableString.FromText(rule.Title.Value),
            LocalizableString.FromTexts(texts),
            category,
            severity,
            isEnabledByDefault: true,
            helpLinkUri: helpIsLink ? help : null,
            // A help text that is not a link would otherwise be lost: it follows the description.
            description: LocalizableString.FromText(string.Join(" ", new[] { description, helpIsLink ? null : help }.OfType<string>().DefaultIfEmpty(rule.Title.Value))));
        return new BoundRule(rule, descriptor, fors[0].Target, variable, where, condition, conditions[0].IsRequire,
            messages.ToImmutable(), [.. Terms(condition, source)], effective?.FromDate, effective?.ToDate, location);
    }

    /// <summary>The most terms a rule explains (each one is compiled).</summary>
    public const int MaxTerms = 32;

    /// <summary>
    /// The terms an analyst wants to see when a rule fires: the operands of comparisons and the boolean
    /// leaves of and/or/not, e.g. <c>count(t.lead)</c> and <c>t.due</c>; literals are left out. Terms are
    /// told apart by their text, so a 100,000-term <c>t.id == "1" or …</c> chain explains one term (<c>t.id</c>),
    /// and at most <see cref="MaxTerms"/> are kept.
    /// </summary>
    private static IEnumerable<BoundExpression> Terms(BoundExpression condition, SourceText source)
    {
        var stack = new Stack<BoundExpression>();
        stack.Push(condition);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            switch (node)
            {
                case BoundChain { Type.Kind: TypeKind.Bool } chain:
                    foreach (var operand in chain.Operands.Reverse()) stack.Push(operand);
                    break;
                case BoundUnary { Operator: UnaryOperator.Not } not:
                    stack.Push(not.Operand);
                    break;
                case BoundComparison comparison:
                    stack.Push(comparison.Right);
                    stack.Push(comparison.Left);
                    break;
                case BoundLiteral or BoundToday or BoundVariable:
                    break;
                default:
                    if (!seen.Add(source.ToString(node.Syntax.Span))) break;
                    yield return node;
                    if (seen.Count >= MaxTerms) yield break;
                    break;
            }
        }
    }
}
