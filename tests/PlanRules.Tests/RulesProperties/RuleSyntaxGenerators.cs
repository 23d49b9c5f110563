using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using PlanRules.Diagnostics;
using PlanRules.Rules.Runtime;
using PlanRules.Rules.Syntax;
using PlanRules.Syntax;
using PlanRules.Text;

namespace PlanRules.Tests.RulesProperties;

/// <summary>
/// Generators of rule syntax trees with zero spans, for the printer round trip: any construct of the
/// grammar, whether or not it type-checks (the printer and parser do not care about types). Literals are
/// made the way the parser makes them (non-negative numbers, decimals with a point, periods with their text).
/// </summary>
internal static class RuleSyntaxGenerators
{
    private static readonly TextSpan Z = default;

    /// <summary>Defers building a generator until it is chosen, so recursive grammars stay cheap.</summary>
    public static Gen<T> Lazy<T>(Func<Gen<T>> make) => Gen.Constant(0).SelectMany(_ => make());

    private static readonly string[] Identifiers = ["t", "o", "x", "u", "任务", "_a", "a1", "𠀀"];
    private static readonly string[] Members = ["due", "lead", "id", "status", "obligations", "unit", "name", "in", "or", "daysOverdue"];
    private static readonly string[] Functions = ["count", "len", "min", "contains", "f", "时间"];

    private static readonly string[] TextPool =
    [
        "", "x", "区司法局", "a\"b", "back\\slash", "line\nbreak", "tab\there", "{hole}", "}}{{", "“中文”", "”", "//", "/* c */", "{", "}",
    ];

    /// <summary>Strings: a pool of awkward ones, or arbitrary text without carriage returns (the language cannot write one).</summary>
    public static Gen<string> Text { get; } = Gen.Frequency(
        (3, Gen.Elements(TextPool)),
        (1, ArbMap.Default.GeneratorFor<string>().Select(s => (s ?? "").Replace("\r", ""))));

    public static Gen<LocalDate> Date { get; } = Gen.Choose(0, 3 * 366).Select(d => new LocalDate(2020, 6, 1).PlusDays(d));

    private static Gen<ExpressionSyntax> Literal { get; } = Gen.OneOf(
        Gen.Choose(0, 1000).Select(n => Lit(LiteralKind.Integer, (long)n, n.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        Gen.Constant(Lit(LiteralKind.Integer, long.MaxValue, long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        from units in Gen.Choose(0, 100000)
        from scale in Gen.Choose(1, 3)
        let value = new decimal(units, 0, 0, false, (byte)scale)
        select Lit(LiteralKind.Decimal, value, value.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Text.Select(s => Lit(LiteralKind.Text, s, "")),
        Date.Select(d => Lit(LiteralKind.Date, d, "")),
        from n in Gen.Choose(0, 400)
        from unit in Gen.Elements('d', 'w', 'm', 'y')
        from padded in Gen.Elements(false, false, true)
        select Period(n, unit, padded),
        Gen.Elements(true, false).Select(b => Lit(LiteralKind.Boolean, b, b ? "true" : "false")),
        Gen.Constant(Lit(LiteralKind.None, null, "none")),
        Gen.Constant(Lit(LiteralKind.Today, null, "today")),
        Gen.Elements(RuleStatus.Open, RuleStatus.Started, RuleStatus.Done, RuleStatus.Waived).Select(s => Lit(LiteralKind.Status, s, s.ToString().ToLowerInvariant())));

    public static ExpressionSyntax Lit(LiteralKind kind, object? value, string text) => new LiteralSyntax(kind, value, text, Z);

    /// <summary>A period literal as the parser makes it: its value and its text (<c>30d</c>, or <c>030d</c> as written).</summary>
    public static ExpressionSyntax Period(int n, char unit, bool padded = false)
    {
        var value = unit switch
        {
            'd' => NodaTime.Period.FromDays(n),
            'w' => NodaTime.Period.FromWeeks(n),
            'm' => NodaTime.Period.FromMonths(n),
            _ => NodaTime.Period.FromYears(n),
        };
        return Lit(LiteralKind.Period, value, (padded ? "0" : "") + n.ToString(System.Globalization.CultureInfo.InvariantCulture) + unit);
    }

    public static ExpressionSyntax Id(string name) => new IdentifierSyntax(name, Z);
    public static ExpressionSyntax Member(ExpressionSyntax target, string member) => new MemberAccessSyntax(target, member, Z, Z);
    public static ExpressionSyntax Call(string name, params ExpressionSyntax[] arguments) => new CallSyntax(name, Z, [.. arguments], Z);
    public static ExpressionSyntax Not(ExpressionSyntax operand) => new UnarySyntax(UnaryOperator.Not, operand, Z);
    public static ExpressionSyntax Negate(ExpressionSyntax operand) => new UnarySyntax(UnaryOperator.Negate, operand, Z);
    public static ExpressionSyntax Binary(BinaryOperator op, ExpressionSyntax left, ExpressionSyntax right) => new BinarySyntax(op, left, right, Z, Z);
    public static ExpressionSyntax Chain(IEnumerable<ExpressionSyntax> operands, IEnumerable<BinaryOperator> operators) => new ChainSyntax([.. operands], [.. operators], Z);
    public static ExpressionSyntax Chain(BinaryOperator op, params ExpressionSyntax[] operands) => Chain(operands, Enumerable.Repeat(op, operands.Length - 1));
    public static ExpressionSyntax Quantifier(QuantifierKind kind, string variable, ExpressionSyntax source, ExpressionSyntax body) => new QuantifierSyntax(kind, variable, Z, source, body, Z);
    public static ExpressionSyntax List(params ExpressionSyntax[] items) => new ListSyntax([.. items], Z);

    private static Gen<ImmutableArray<T>> Between<T>(Gen<T> item, int min, int max) =>
        from n in Gen.Choose(min, max)
        from items in item.ArrayOf(n)
        select items.ToImmutableArray();

    /// <summary>Any expression of the grammar, at most <paramref name="depth"/> levels deep.</summary>
    public static Gen<ExpressionSyntax> Expression(int depth)
    {
        var leaf = Gen.Frequency((3, Literal), (2, Gen.Elements(Identifiers).Select(Id)));
        if (depth <= 0) return leaf;
        var sub = Lazy(() => Expression(depth - 1));
        return Gen.Frequency(
            (4, leaf),
            (2, from target in sub from member in Gen.Elements(Members) select Member(target, member)),
            (1, from name in Gen.Elements(Functions) from args in Between(sub, 0, 3) select (ExpressionSyntax)new CallSyntax(name, Z, args, Z)),
            (2, from op in Gen.Elements(UnaryOperator.Not, UnaryOperator.Negate) from operand in sub select (ExpressionSyntax)new UnarySyntax(op, operand, Z)),
            (2, from op in Gen.Elements(BinaryOperator.Equal, BinaryOperator.NotEqual, BinaryOperator.Less, BinaryOperator.LessOrEqual,
                    BinaryOperator.Greater, BinaryOperator.GreaterOrEqual, BinaryOperator.In)
                from left in sub
                from right in sub
                select Binary(op, left, right)),
            (3, from kind in Gen.Elements(0, 1, 2)
                from operands in Between(sub, 2, 4)
                from additive in Gen.Elements(BinaryOperator.Add, BinaryOperator.Subtract).ArrayOf(operands.Length - 1)
                select Chain(operands, kind switch
                {
                    0 => Enumerable.Repeat(BinaryOperator.Or, operands.Length - 1),
                    1 => Enumerable.Repeat(BinaryOperator.And, operands.Length - 1),
                    _ => additive,
                })),
            (2, from kind in Gen.Elements(QuantifierKind.Any, QuantifierKind.All, QuantifierKind.Count)
                from variable in Gen.Elements("x", "o", "t", "项")
                from source in sub
                from body in sub
                select Quantifier(kind, variable, source, body)),
            (1, Between(sub, 0, 3).Select(items => (ExpressionSyntax)new ListSyntax(items, Z))));
    }

    private static Gen<ImmutableArray<TemplatePart>> Template(int depth) =>
        Between(Gen.Frequency(
            (1, Text.Select(s => (TemplatePart)new TemplateText(s, Z))),
            (1, Expression(depth).Select(e => (TemplatePart)new TemplateHole(e, Z)))), 0, 4);

    private static Gen<DateSyntax> DateNode { get; } = Date.Select(d => new DateSyntax(d, d.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Z));

    private static Gen<RuleItemSyntax> Item(int depth) => Gen.OneOf(
        Gen.Elements(DiagnosticSeverity.Error, DiagnosticSeverity.Warning, DiagnosticSeverity.Info, DiagnosticSeverity.Hidden)
            .Select(s => (RuleItemSyntax)new SeverityItemSyntax(s, Z)),
        Gen.Elements("ownership", "时限", "a b", "", "for", "\"q\"").Select(c => (RuleItemSyntax)new CategoryItemSyntax(new NameSyntax(c, false, Z), Z)),
        from target in Gen.Elements(RuleTarget.Task, RuleTarget.Obligation, RuleTarget.Unit, RuleTarget.Plan)
        from variable in Gen.Elements("t", "o", "u", "p", "任务")
        from hasWhere in Gen.Elements(true, false)
        from filter in Expression(depth)
        select (RuleItemSyntax)new ForItemSyntax(target, variable, Z, hasWhere ? filter : null, Z),
        from require in Gen.Elements(true, false)
        from condition in Expression(depth)
        select (RuleItemSyntax)new ConditionItemSyntax(require, condition, Z),
        from culture in Gen.Elements("zh-CN", "en", "en-US", "zh-TW", "fr")
        from parts in Template(depth)
        select (RuleItemSyntax)new MessageItemSyntax(culture, new StringSyntax("", Z), parts, Z),
        from keyword in Gen.Elements("help", "description")
        from text in Text
        select (RuleItemSyntax)new TextRuleItemSyntax(keyword, new StringSyntax(text, Z), Z),
        from first in DateNode
        from last in DateNode
        from which in Gen.Choose(0, 3)
        select (RuleItemSyntax)new EffectiveItemSyntax(which is 0 or 1 ? first : null, which is 0 or 2 ? last : null, Z));

    public static Gen<RuleSyntax> Rule(int depth) =>
        from id in Gen.Elements("GOV001", "x", "R_1", "Abc9", "PR2001")
        from title in Text
        from items in Between(Item(depth), 0, 7)
        select new RuleSyntax(new IdSyntax(id, Z), new StringSyntax(title, Z), items, Z);

    /// <summary>Rule files of 0..3 rules with expressions up to three levels deep.</summary>
    public static Gen<RuleFileSyntax> Files { get; } =
        from rules in Between(Rule(3), 0, 3)
        select new RuleFileSyntax(new SourceText("", "generated.rules"), rules, [], Z);
}
