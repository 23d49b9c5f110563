using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using PlanRules.Rules.Runtime;
using PlanRules.Rules.Syntax;
using static PlanRules.Tests.RulesProperties.RuleSyntaxGenerators;

namespace PlanRules.Tests.RulesProperties;

/// <summary>The static types the typed generator produces expressions of.</summary>
internal enum Ty
{
    Bool, Int, Dec, Text, Date, Period, Status,
    Task, Obl, Unit,
    LInt, LDec, LText, LDate, LTask, LObl, LUnit, LStatus,
}

/// <summary>The variables in scope: the rule's task <c>t</c> and the quantifier variables around the point.</summary>
internal sealed record Scope(ImmutableList<(string Name, Ty Type)> Variables)
{
    public static Scope Rule { get; } = new([("t", Ty.Task)]);

    /// <summary>Adds a variable; one of the same name is shadowed (no longer reachable).</summary>
    public Scope With(string name, Ty type) => new(Variables.RemoveAll(v => v.Name == name).Add((name, type)));

    public IEnumerable<ExpressionSyntax> Of(Ty type) => Variables.Where(v => v.Type == type).Select(v => Id(v.Name));
}

/// <summary>
/// Generators of well-typed expressions over a task <c>t</c> from a small grammar per target type: members of
/// tasks, obligations and units, literals, <c>today</c>, dates ± periods, int/decimal mixes, quantifiers over
/// obligations, units, tasks, tags and list literals, none comparisons and none operands. Every expression
/// type-checks by construction (the property asserts the binder agrees).
/// </summary>
internal static class TypedExpressionGenerators
{
    private static ExpressionSyntax M(ExpressionSyntax target, string member) => Member(target, member);

    private static readonly string[] Texts = ["", "1", "2", "区司法局", "市桥街", "公开", "a\"b", "x}y{", "Z", "年报"];

    private static Gen<ExpressionSyntax> IntLiteral { get; } = Gen.Frequency(
        (4, Gen.Choose(0, 5).Select(n => Lit(LiteralKind.Integer, (long)n, ""))),
        (2, Gen.Choose(0, 400).Select(n => Lit(LiteralKind.Integer, (long)n, ""))),
        // Now and then the edge of the range, so sums and differences overflow (a fault, in both evaluators).
        (1, Gen.Elements(long.MaxValue, long.MaxValue - 1, 1L << 62).Select(n => Lit(LiteralKind.Integer, n, ""))));

    /// <summary>Decimals, often close to the small ints (2.5, 3.0) so mixed comparisons and <c>in</c> hit both ways.</summary>
    private static Gen<ExpressionSyntax> DecimalLiteral { get; } =
        from units in Gen.Frequency((3, Gen.Choose(0, 60)), (2, Gen.Choose(0, 500)))
        from scale in Gen.Elements(1, 1, 2)
        select Lit(LiteralKind.Decimal, new decimal(units, 0, 0, false, (byte)scale), "");

    private static Gen<ExpressionSyntax> TextLiteral { get; } = Gen.Elements(Texts).Select(s => Lit(LiteralKind.Text, s, ""));

    private static Gen<ExpressionSyntax> DateLiteral { get; } =
        Gen.Choose(0, 540).Select(d => Lit(LiteralKind.Date, new LocalDate(2020, 10, 1).PlusDays(d), ""));

    private static Gen<ExpressionSyntax> PeriodLiteral { get; } = Gen.Elements(
        Period(0, 'd'), Period(1, 'd'), Period(7, 'd'), Period(10, 'd'), Period(30, 'd'), Period(45, 'd'),
        Period(2, 'w'), Period(1, 'm'), Period(3, 'm'), Period(1, 'y'));

    private static Gen<ExpressionSyntax> StatusLiteral { get; } =
        Gen.Elements(RuleStatus.Open, RuleStatus.Started, RuleStatus.Done, RuleStatus.Waived).Select(s => Lit(LiteralKind.Status, s, ""));

    private static readonly ExpressionSyntax None = Lit(LiteralKind.None, null, "none");

    /// <summary>A list literal with no item but none: <c>[]</c>, <c>[none, none]</c>, <c>[none, max([])]</c> (a list of none).</summary>
    private static Gen<ExpressionSyntax> NoneOnlyList { get; } =
        from n in Gen.Choose(0, 3)
        from items in Gen.Frequency((4, Gen.Constant(None)), (1, Gen.Constant(Call("max", RuleSyntaxGenerators.List())))).ArrayOf(n)
        select RuleSyntaxGenerators.List(items);

    /// <summary>A none-typed expression: <c>none</c>, or now and then <c>min</c>/<c>max</c> of a list of none or of none.</summary>
    private static Gen<ExpressionSyntax> NoneValue { get; } = Gen.Frequency(
        (3, Gen.Constant(None)),
        (1, from name in Gen.Elements("min", "max")
            from list in Gen.Frequency((4, NoneOnlyList), (1, Gen.Constant(None)))
            select Call(name, list)));

    /// <summary>True for what <see cref="NoneValue"/> gives: the expressions whose type is none.</summary>
    private static bool IsNone(ExpressionSyntax expression) => expression == None
        || expression is CallSyntax { Function: "min" or "max", Arguments: [var list] } && (list == None || list is ListSyntax { Items: var items } && items.All(IsNone));

    private static readonly BinaryOperator[] Orderings =
        [BinaryOperator.Equal, BinaryOperator.NotEqual, BinaryOperator.Less, BinaryOperator.LessOrEqual, BinaryOperator.Greater, BinaryOperator.GreaterOrEqual];

    private static readonly BinaryOperator[] Equalities = [BinaryOperator.Equal, BinaryOperator.NotEqual];

    private static Gen<ExpressionSyntax>? Members(IEnumerable<ExpressionSyntax> targets, params string[] members)
    {
        var all = targets.SelectMany(target => members.Select(m => M(target, m))).ToArray();
        return all.Length == 0 ? null : Gen.Elements(all);
    }

    private static Gen<ExpressionSyntax>? Elements(IEnumerable<ExpressionSyntax> items)
    {
        var all = items.ToArray();
        return all.Length == 0 ? null : Gen.Elements(all);
    }

    private static IEnumerable<ExpressionSyntax> Tasks(Scope s) => s.Of(Ty.Task).Concat(s.Of(Ty.Obl).Select(o => M(o, "task")));
    private static IEnumerable<ExpressionSyntax> Units(Scope s) => s.Of(Ty.Unit).Concat(s.Of(Ty.Obl).Select(o => M(o, "unit")));
    private static IEnumerable<ExpressionSyntax> Obligations(Scope s) => s.Of(Ty.Obl);

    /// <summary>A weighted choice among the generators that exist (null ones are left out).</summary>
    private static Gen<ExpressionSyntax> Pick(params (int Weight, Gen<ExpressionSyntax>? Gen)[] choices) =>
        Gen.Frequency([.. choices.Where(c => c.Gen is not null && c.Weight > 0).Select(c => (c.Weight, c.Gen!))]);

    private static Gen<ExpressionSyntax[]> Operands(Gen<ExpressionSyntax> operand, bool allowLong = true) =>
        from n in Gen.Frequency((8, Gen.Choose(2, 4)), (allowLong ? 1 : 0, Gen.Choose(9, 12)))
        from items in operand.ArrayOf(n)
        select items;

    /// <summary>An expression of type <paramref name="type"/> at most <paramref name="depth"/> levels deep.</summary>
    public static Gen<ExpressionSyntax> Of(Ty type, Scope scope, int depth) => type switch
    {
        Ty.Bool => Bool(scope, depth),
        Ty.Int => Int(scope, depth),
        Ty.Dec => Dec(scope, depth),
        Ty.Text => Text(scope, depth),
        Ty.Date => Date(scope, depth),
        Ty.Period => PeriodOf(depth),
        Ty.Status => Pick((2, StatusLiteral), (2, Members(Tasks(scope), "status")), (3, Members(Obligations(scope), "status"))),
        Ty.Task => Elements(Tasks(scope))!,
        Ty.Unit => Elements(Units(scope))!,
        Ty.Obl => Elements(Obligations(scope))!,
        _ => ListOf(type, scope, depth),
    };

    private static Gen<ExpressionSyntax> Sub(Ty type, Scope scope, int depth) => Lazy(() => Of(type, scope, depth - 1));

    private static Gen<ExpressionSyntax> Bool(Scope s, int depth)
    {
        var leaf = Pick(
            (1, Gen.Elements(true, false).Select(b => Lit(LiteralKind.Boolean, b, ""))),
            (3, Members(Tasks(s), "overdue", "recurring")),
            (3, Members(Obligations(s), "overdue")),
            (1, Members(Units(s), "isGroup", "isOpenGroup")));
        if (depth <= 0) return leaf;
        Gen<ExpressionSyntax> Compare(Ty type, BinaryOperator[] ops) =>
            from op in Gen.Elements(ops) from left in Sub(type, s, depth) from right in Sub(type, s, depth) select Binary(op, left, right);
        Gen<ExpressionSyntax> NoneTest(Ty type, BinaryOperator[] ops) =>
            from op in Gen.Elements(ops)
            from value in Sub(type, s, depth)
            from noneLeft in Gen.Elements(false, false, true)
            from none in NoneValue
            select noneLeft ? Binary(op, none, value) : Binary(op, value, none);
        Gen<ExpressionSyntax> In(Ty item, Ty list) =>
            from left in Sub(item, s, depth) from right in Sub(list, s, depth) select Binary(BinaryOperator.In, left, right);
        var quantified = new[] { Ty.LObl, Ty.LUnit, Ty.LTask, Ty.LText, Ty.LDate, Ty.LInt };
        return Pick(
            (6, leaf),
            (2, Sub(Ty.Bool, s, depth).Select(Not)),
            (4, from op in Gen.Elements(BinaryOperator.And, BinaryOperator.Or)
                from operands in Operands(Sub(Ty.Bool, s, depth))
                select Chain(op, operands)),
            (3, Compare(Ty.Int, Orderings)),
            (2, Compare(Ty.Dec, Orderings)),
            (3, Compare(Ty.Date, Orderings)),
            (1, Compare(Ty.Text, Orderings)),
            (2, Compare(Ty.Status, Equalities)),
            (1, Compare(Ty.Bool, Equalities)),
            (1, Compare(Ty.Period, Equalities)),
            (1, Units(s).Any() ? Compare(Ty.Unit, Equalities) : null),
            (1, Compare(Ty.Task, Equalities)),
            (4, Gen.OneOf(NoneTest(Ty.Date, Orderings), NoneTest(Ty.Int, Orderings), NoneTest(Ty.Dec, Orderings), NoneTest(Ty.Text, Orderings),
                NoneTest(Ty.Status, Equalities), NoneTest(Ty.Period, Equalities))),
            (1, from op in Gen.Elements(Orderings) from left in NoneValue from right in NoneValue select Binary(op, left, right)),
            (1, from item in Gen.Elements(Ty.Int, Ty.Text, Ty.Date) from value in Sub(item, s, depth) from list in NoneOnlyList select Binary(BinaryOperator.In, value, list)),
            (1, from kind in Gen.Elements(QuantifierKind.Any, QuantifierKind.All) from quantifier in OverNone(kind, s, depth) select quantifier),
            (4, Gen.OneOf(In(Ty.Int, Ty.LInt), In(Ty.Dec, Ty.LDec), In(Ty.Dec, Ty.LInt), In(Ty.Int, Ty.LDec), In(Ty.Text, Ty.LText), In(Ty.Date, Ty.LDate),
                In(Ty.Status, Ty.LStatus), In(Ty.Task, Ty.LTask))),
            (1, Units(s).Any() ? In(Ty.Unit, Ty.LUnit) : null),
            (1, Obligations(s).Any() ? In(Ty.Obl, Ty.LObl) : null),
            (1, from list in Gen.Elements(Ty.LInt, Ty.LDate, Ty.LText) from value in Sub(list, s, depth) select Binary(BinaryOperator.In, None, value)),
            (1, from item in Gen.Elements(Ty.Int, Ty.Date, Ty.Text) from value in Sub(item, s, depth) select Binary(BinaryOperator.In, value, None)),
            (1, from a in Sub(Ty.Text, s, depth) from b in Sub(Ty.Text, s, depth) select Call("contains", a, b)),
            (5, from kind in Gen.Elements(QuantifierKind.Any, QuantifierKind.All)
                from listType in Gen.Elements(quantified)
                from quantifier in Quantifier(kind, listType, s, depth)
                select quantifier));
    }

    /// <summary><c>any|all|count x in list: body</c>, the variable named by its type (sometimes shadowing <c>t</c>).</summary>
    private static Gen<ExpressionSyntax> Quantifier(QuantifierKind kind, Ty listType, Scope s, int depth)
    {
        var element = listType switch
        {
            Ty.LObl => Ty.Obl,
            Ty.LUnit => Ty.Unit,
            Ty.LTask => Ty.Task,
            Ty.LText => Ty.Text,
            Ty.LDate => Ty.Date,
            _ => Ty.Int,
        };
        var prefix = element switch
        {
            Ty.Obl => "o",
            Ty.Unit => "u",
            Ty.Task => "k",
            Ty.Text => "s",
            Ty.Date => "d",
            _ => "n",
        };
        return from source in Sub(listType, s, depth)
               from shadow in Gen.Elements(false, false, false, true)
               let name = element == Ty.Task && shadow ? "t" : prefix + s.Variables.Count
               from body in Lazy(() => Of(Ty.Bool, s.With(name, element), depth - 1))
               select RuleSyntaxGenerators.Quantifier(kind, name, source, body);
    }

    /// <summary>
    /// <c>any|all|count x in [none, …]: body</c> (or <c>in none</c>): x is none-typed, compared in the body with none or
    /// with a value of another type.
    /// </summary>
    private static Gen<ExpressionSyntax> OverNone(QuantifierKind kind, Scope s, int depth)
    {
        var name = "z" + s.Variables.Count;
        return from source in Gen.Frequency((4, NoneOnlyList), (1, Gen.Constant(None)))
               from op in Gen.Elements(Orderings)
               from other in Gen.OneOf(NoneValue, Sub(Ty.Int, s, depth), Sub(Ty.Text, s, depth), Sub(Ty.Date, s, depth))
               select RuleSyntaxGenerators.Quantifier(kind, name, source, Binary(op, Id(name), other));
    }

    /// <summary><c>none + none</c> has no type: the first two operands of a chain must not both be none.</summary>
    private static ExpressionSyntax[] FirstStepTyped(ExpressionSyntax[] operands, ExpressionSyntax replacement) =>
        IsNone(operands[0]) && IsNone(operands[1]) ? [replacement, .. operands.Skip(1)] : operands;

    private static readonly string[] CountedTaskLists = ["lead", "with", "support", "owners", "obligations", "tags", "evidence", "dependencies", "dependents"];

    private static Gen<ExpressionSyntax> Int(Scope s, int depth)
    {
        var leaf = Pick(
            (3, IntLiteral),
            (3, from list in Members(Tasks(s), CountedTaskLists)! select Call("count", list)),
            (1, Members(Units(s), "tasks", "members", "obligations", "overdue") is { } unitLists ? unitLists.Select(l => Call("count", l)) : null),
            (2, Members(Tasks(s), "daysOverdue")),
            (2, Members(Obligations(s), "daysOverdue")),
            (2, Elements(s.Of(Ty.Int))));
        if (depth <= 0) return leaf;
        var withNone = Gen.Frequency((5, Sub(Ty.Int, s, depth)), (1, NoneValue));
        return Pick(
            (6, leaf),
            (3, from operands in Operands(withNone)
                from ops in Gen.Elements(BinaryOperator.Add, BinaryOperator.Subtract).ArrayOf(operands.Length - 1)
                select Chain(FirstStepTyped(operands, Lit(LiteralKind.Integer, 1L, "")), ops)),
            (1, Sub(Ty.Int, s, depth).Select(Negate)),
            (3, from a in Sub(Ty.Date, s, depth) from b in Sub(Ty.Date, s, depth) select Chain(BinaryOperator.Subtract, a, b)),
            (1, from a in Sub(Ty.Date, s, depth) from noneFirst in Gen.Elements(true, false)
                select noneFirst ? Chain(BinaryOperator.Subtract, None, a) : Chain(BinaryOperator.Subtract, a, None)),
            (2, from listType in Gen.Elements(Ty.LObl, Ty.LUnit, Ty.LTask, Ty.LText, Ty.LDate, Ty.LInt)
                from quantifier in Quantifier(QuantifierKind.Count, listType, s, depth)
                select quantifier),
            (1, from name in Gen.Elements("min", "max") from list in Sub(Ty.LInt, s, depth) select Call(name, list)),
            (1, from name in Gen.Elements("year", "month") from date in Sub(Ty.Date, s, depth) select Call(name, date)),
            (1, Sub(Ty.Text, s, depth).Select(text => Call("len", text))),
            (1, Sub(Ty.Period, s, depth).Select(period => Call("days", period))),
            (1, from list in Gen.Elements(Ty.LInt, Ty.LText, Ty.LDate, Ty.LStatus) from value in Sub(list, s, depth) select Call("count", value)),
            (1, Gen.Elements(Call("count", None), Call("count", RuleSyntaxGenerators.List()), Call("len", None), Call("year", None), Call("days", None))),
            (1, NoneOnlyList.Select(list => Call("count", list))),
            (1, OverNone(QuantifierKind.Count, s, depth)));
    }

    private static Gen<ExpressionSyntax> Dec(Scope s, int depth)
    {
        if (depth <= 0) return Gen.Frequency((2, DecimalLiteral), (1, Int(s, 0)));
        var withNone = Gen.Frequency((5, Sub(Ty.Dec, s, depth)), (1, NoneValue));
        return Pick(
            (4, DecimalLiteral),
            (3, Sub(Ty.Int, s, depth)),
            (3, from operands in Operands(withNone)
                from ops in Gen.Elements(BinaryOperator.Add, BinaryOperator.Subtract).ArrayOf(operands.Length - 1)
                select Chain(FirstStepTyped(operands, Lit(LiteralKind.Decimal, 0.5m, "")), ops)),
            (1, Sub(Ty.Dec, s, depth).Select(Negate)),
            (1, from name in Gen.Elements("min", "max") from list in Sub(Ty.LDec, s, depth) select Call(name, list)));
    }

    private static Gen<ExpressionSyntax> Text(Scope s, int depth)
    {
        var leaf = Pick(
            (3, TextLiteral),
            (3, Members(Tasks(s), "id", "title", "section")),
            (2, Members(Units(s), "name", "title")),
            (1, Members(Obligations(s), "role")),
            (2, Elements(s.Of(Ty.Text))));
        if (depth <= 0) return leaf;
        var withNone = Gen.Frequency((6, Sub(Ty.Text, s, depth)), (1, NoneValue));
        return Pick(
            (5, leaf),
            (2, from operands in Gen.Choose(2, 3).SelectMany(n => withNone.ArrayOf(n))
                select Chain(BinaryOperator.Add, FirstStepTyped(operands, Lit(LiteralKind.Text, "x", "")))),
            (1, from name in Gen.Elements("min", "max") from list in Sub(Ty.LText, s, depth) select Call(name, list)));
    }

    private static Gen<ExpressionSyntax> Date(Scope s, int depth)
    {
        var leaf = Pick(
            (3, DateLiteral),
            (3, Gen.Constant(Lit(LiteralKind.Today, null, "today"))),
            (4, Members(Tasks(s), "due", "start", "completed")),
            (3, Members(Obligations(s), "completed", "due")),
            (2, Elements(s.Of(Ty.Date))));
        if (depth <= 0) return leaf;
        var periods = Gen.Frequency((4, PeriodLiteral), (1, Sub(Ty.Period, s, depth)));
        return Pick(
            (5, leaf),
            (3, from first in Sub(Ty.Date, s, depth)
                from rest in Gen.Frequency((8, Gen.Choose(1, 3)), (1, Gen.Choose(8, 11))).SelectMany(n => periods.ArrayOf(n))
                from ops in Gen.Elements(BinaryOperator.Add, BinaryOperator.Subtract).ArrayOf(rest.Length)
                select Chain([first, .. rest], ops)),
            (1, from period in periods
                from date in Sub(Ty.Date, s, depth)
                select Chain(BinaryOperator.Add, period, date)),
            (1, from name in Gen.Elements("min", "max") from list in Sub(Ty.LDate, s, depth) select Call(name, list)));
    }

    private static Gen<ExpressionSyntax> PeriodOf(int depth) =>
        depth <= 0
            ? PeriodLiteral
            : Gen.Frequency(
                (4, PeriodLiteral),
                (1, Gen.Choose(2, 3).SelectMany(n => PeriodLiteral.ArrayOf(n)).Select(operands => Chain(BinaryOperator.Add, operands))));

    /// <summary>A list literal: a first item of the element type (so the list has that type), then items or none.</summary>
    private static Gen<ExpressionSyntax> ListLiteral(Ty element, Scope s, int depth) =>
        from first in Sub(element, s, depth)
        from rest in Gen.Choose(0, 3).SelectMany(n => Gen.Frequency((3, Sub(element, s, depth)), (1, Gen.Constant(None))).ArrayOf(n))
        select RuleSyntaxGenerators.List([first, .. rest]);

    private static Gen<ExpressionSyntax> ListOf(Ty type, Scope s, int depth)
    {
        Gen<ExpressionSyntax>? literal = depth > 0 ? type switch
        {
            Ty.LInt => ListLiteral(Ty.Int, s, depth),
            Ty.LDec => ListLiteral(Ty.Dec, s, depth),
            Ty.LText => ListLiteral(Ty.Text, s, depth),
            Ty.LDate => ListLiteral(Ty.Date, s, depth),
            Ty.LStatus => ListLiteral(Ty.Status, s, depth),
            _ => null,
        } : type switch
        {
            Ty.LInt => IntLiteral.Select(i => RuleSyntaxGenerators.List(i)),
            Ty.LDec => DecimalLiteral.Select(i => RuleSyntaxGenerators.List(i)),
            Ty.LText => TextLiteral.Select(i => RuleSyntaxGenerators.List(i)),
            Ty.LDate => DateLiteral.Select(i => RuleSyntaxGenerators.List(i)),
            Ty.LStatus => StatusLiteral.Select(i => RuleSyntaxGenerators.List(i)),
            _ => null,
        };
        return type switch
        {
            Ty.LUnit => Pick((4, Members(Tasks(s), "lead", "with", "support", "owners")), (1, Members(Units(s), "members"))),
            Ty.LObl => Pick((4, Members(Tasks(s), "obligations")), (1, Members(Units(s), "obligations", "overdue"))),
            Ty.LTask => Pick((4, Members(Tasks(s), "dependencies", "dependents")), (1, Members(Units(s), "tasks"))),
            Ty.LText => Pick((3, Members(Tasks(s), "tags", "evidence", "notes")), (2, Members(Obligations(s), "evidence")), (2, literal)),
            Ty.LDate => Pick((3, Members(Obligations(s), "occurrences")), (2, literal)),
            _ => literal!,
        };
    }
}
