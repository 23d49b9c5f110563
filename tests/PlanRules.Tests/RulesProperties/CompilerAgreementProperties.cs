using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PlanRules.Formatting;
using PlanRules.Rules.Binding;
using PlanRules.Rules.Compilation;
using PlanRules.Rules.Runtime;
using PlanRules.Rules.Syntax;
using PlanRules.Syntax;
using PlanRules.Text;

namespace PlanRules.Tests.RulesProperties;

/// <summary>
/// The compiled rule delegates agree with the reference evaluator on generated well-typed expressions, for
/// every task of generated plans and ledgers. The rule is printed with <see cref="RulesPrinter"/>, parsed and
/// bound by the real binder, so the printer, parser and binder are on the path too.
/// </summary>
public class CompilerAgreementProperties
{
    internal sealed record Case(ExpressionSyntax? Where, ExpressionSyntax Condition, ImmutableArray<ExpressionSyntax> Holes, PlanScenario Scenario)
    {
        public string RuleText => RulesPrinter.Print(new RuleFileSyntax(new SourceText(""), [Rule], [], default));

        private RuleSyntax Rule => new(
            new IdSyntax("P001", default),
            new StringSyntax("generated", default),
            [
                new ForItemSyntax(RuleTarget.Task, "t", default, Where, default),
                new ConditionItemSyntax(false, Condition, default),
                .. Holes.IsEmpty ? Array.Empty<RuleItemSyntax>() : [new MessageItemSyntax("en", new StringSyntax("", default),
                    [.. Holes.SelectMany((h, i) => new TemplatePart[] { new TemplateText(i == 0 ? "" : " | ", default), new TemplateHole(h, default) })], default)],
            ],
            default);

        public override string ToString() => RuleText + Scenario;
    }

    private static readonly Ty[] HoleTypes =
        [Ty.Int, Ty.Int, Ty.Dec, Ty.Text, Ty.Date, Ty.Date, Ty.Period, Ty.Status, Ty.LInt, Ty.LDec, Ty.LText, Ty.LDate, Ty.LUnit, Ty.LObl, Ty.Bool];

    private static Gen<Case> Cases { get; } =
        from filter in Gen.Frequency(
            (1, TypedExpressionGenerators.Of(Ty.Bool, Scope.Rule, 2).Select(e => (ExpressionSyntax?)e)),
            (3, Gen.Constant((ExpressionSyntax?)null)))
        from condition in TypedExpressionGenerators.Of(Ty.Bool, Scope.Rule, 3)
        from holeCount in Gen.Choose(0, 3)
        from holes in Gen.Elements(HoleTypes).SelectMany(type => TypedExpressionGenerators.Of(type, Scope.Rule, 2)).ArrayOf(holeCount)
        from scenario in RuleModelGenerators.Scenarios
        select new Case(filter, condition, [.. holes], scenario);

    /// <summary>Checks one case: every expression of the rule (condition, filter, message holes), on every task, compiled vs. reference.</summary>
    internal static void AssertAgreement(Case @case)
    {
        var text = @case.RuleText;
        var rule = RuleKit.BindRule(text);
        var model = @case.Scenario.Build();
        var expressions = new List<BoundExpression> { rule.Condition };
        if (rule.Where is not null) expressions.Add(rule.Where);
        expressions.AddRange(rule.Messages.SelectMany(m => m.Parts).Where(p => p.Hole is not null).Select(p => p.Hole!));
        foreach (var expression in expressions)
        {
            Func<object, RuleModel, object?> compiled = expression.Type.Kind == TypeKind.Bool
                ? Box(RuleCompiler.Compile<bool>(rule.Variable, expression))
                : RuleCompiler.Compile<object?>(rule.Variable, expression);
            foreach (var task in model.Tasks)
            {
                var expected = RuleKit.Outcome(() => ReferenceEvaluator.Evaluate(expression, rule.Variable, task, model));
                var actual = RuleKit.Outcome(() => ReferenceEvaluator.Normalize(compiled(task, model)));
                var agree = expected is RuleKit.Failure || actual is RuleKit.Failure ? Equals(expected, actual) : RuleKit.SameValue(expected, actual);
                Assert.True(agree,
                    $"task {task.Id}: {RulesPrinter.PrintExpression(expression.Syntax)}\n  reference: {Describe(expected)}\n  compiled:  {Describe(actual)}\n{@case}");
            }
        }
    }

    private static Func<object, RuleModel, object?> Box(Func<object, RuleModel, bool> f) => (e, m) => f(e, m);

    private static string Describe(object? outcome) => outcome is RuleKit.Failure failure ? "threw " + failure.Message : RuleKit.Show(outcome);

    [Property(MaxTest = 200)]
    public Property CompiledRules_AgreeWithTheReferenceEvaluator() => AgreementProperty();

    internal Property AgreementProperty() => Prop.ForAll(Arb.From(Cases), AssertAgreement);

    /// <summary>
    /// The same with the condition padded to thousands of nodes (<c>cond and true and true …</c>): very large
    /// rules may be built differently (flat blocks, or interpreted rather than compiled to IL), and must mean
    /// the same.
    /// </summary>
    [Property(MaxTest = 40)]
    public Property HugeRules_AgreeWithTheReferenceEvaluator() =>
        Prop.ForAll(Arb.From(Cases), @case =>
        {
            var padding = Enumerable.Repeat(RuleSyntaxGenerators.Lit(LiteralKind.Boolean, true, "true"), 2500);
            AssertAgreement(@case with { Condition = RuleSyntaxGenerators.Chain(BinaryOperator.And, [@case.Condition, .. padding]) });
        });
}
