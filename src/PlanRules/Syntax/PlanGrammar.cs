using System.Collections.Frozen;
using System.Collections.Immutable;
using PlanRules.Text;
using Sprache;
using static PlanRules.Syntax.Tokens;

namespace PlanRules.Syntax;

using PlanRules.Syntax.Query; // allocation-lean query operators, preferred over Sprache's (see ParserQuery)

/// <summary>
/// The item-level grammar of <c>*.plan</c> files as Sprache parsers composed with LINQ. Blocks
/// (<c>{ ... }</c>) are driven by <see cref="PlanParser"/>, which dispatches each item by its keyword
/// through the tables below and recovers from errors between items.
/// </summary>
internal static class PlanGrammar
{
    private static TextSpan Cover(TextSpan first, TextSpan last) => TextSpan.FromBounds(first.Start, last.End);

    // Sub-parsers used after the first 'from' of a query are built once here: written inline, Sprache's
    // SelectMany would rebuild them (and every combinator inside) each time an item is parsed.
    private static readonly Parser<List<NameSyntax>> Names = SeparatedList(Name);
    private static readonly Parser<List<IdSyntax>> Ids = SeparatedList(Id);
    private static readonly Parser<IOption<StringSyntax>> OptionalTitle = StringLiteral.Optional();

    private static Parser<TaskItemSyntax> Owners(string keyword, OwnerRole role) =>
        from k in ItemKeyword(keyword)
        from names in Names
        select (TaskItemSyntax)new OwnersItemSyntax(role, [.. names], Cover(k, names[^1].Span));

    private static Parser<TaskItemSyntax> DateItem(string keyword, TaskDateKind kind) =>
        from k in ItemKeyword(keyword)
        from d in Date
        select (TaskItemSyntax)new DateItemSyntax(kind, d, Cover(k, d.Span));

    private static Parser<TaskItemSyntax> TextItem(string keyword, TextItemKind kind) =>
        from k in ItemKeyword(keyword)
        from s in StringLiteral
        select (TaskItemSyntax)new TextItemSyntax(kind, s, Cover(k, s.Span));

    private static readonly FrozenDictionary<string, RecurrencePeriod> Periods = new Dictionary<string, RecurrencePeriod>
    {
        ["year"] = RecurrencePeriod.Year,
        ["half-year"] = RecurrencePeriod.HalfYear,
        ["quarter"] = RecurrencePeriod.Quarter,
        ["month"] = RecurrencePeriod.Month,
        ["week"] = RecurrencePeriod.Week,
    }.ToFrozenDictionary();

    /// <summary>The keyword spelling of a period.</summary>
    public static string PeriodKeyword(RecurrencePeriod period) => Periods.First(p => p.Value == period).Key;

    private static readonly Parser<(RecurrencePeriod Period, TextSpan Span)> PeriodWord = input =>
    {
        var word = HyphenWord(input);
        return word.WasSuccessful && Periods.TryGetValue(word.Value.Value, out var period)
            ? Result.Success((period, word.Value.Span), word.Remainder)
            : Result.Failure<(RecurrencePeriod, TextSpan)>(input, "Token_Period", ["Token_Period"]);
    };

    private static readonly Parser<IntegerSyntax> AtLeast =
        from k in Keyword("at-least")
        from colon in Colon.Optional()
        from n in Integer
        select n;

    private static readonly Parser<IOption<IntegerSyntax>> OptionalAtLeast = AtLeast.XOptional();

    private static readonly Parser<TaskItemSyntax> Every =
        from k in ItemKeyword("every")
        from p in PeriodWord
        from n in OptionalAtLeast
        select (TaskItemSyntax)new EveryItemSyntax(p.Period, p.Span, n.GetOrDefault(), Cover(k, n.IsDefined ? n.Get().Span : p.Span));

    private static readonly Parser<TaskItemSyntax> After =
        from k in ItemKeyword("after")
        from ids in Ids
        select (TaskItemSyntax)new AfterItemSyntax([.. ids], Cover(k, ids[^1].Span));

    private static readonly Parser<TaskItemSyntax> Tag =
        from k in ItemKeyword("tag")
        from names in Names
        select (TaskItemSyntax)new TagItemSyntax([.. names], Cover(k, names[^1].Span));

    private static readonly Parser<TaskItemSyntax> Suppress =
        from k in ItemKeyword("suppress")
        from id in Identifier
        from reason in StringLiteral
        select (TaskItemSyntax)new SuppressItemSyntax(new IdSyntax(id.Value, id.Span), reason, Cover(k, reason.Span));

    /// <summary>Task items by keyword.</summary>
    public static readonly FrozenDictionary<string, Parser<TaskItemSyntax>> TaskItems = new Dictionary<string, Parser<TaskItemSyntax>>
    {
        ["lead"] = Owners("lead", OwnerRole.Lead),
        ["with"] = Owners("with", OwnerRole.With),
        ["support"] = Owners("support", OwnerRole.Support),
        ["start"] = DateItem("start", TaskDateKind.Start),
        ["due"] = DateItem("due", TaskDateKind.Due),
        ["after"] = After,
        ["every"] = Every,
        ["tag"] = Tag,
        ["note"] = TextItem("note", TextItemKind.Note),
        ["source"] = TextItem("source", TextItemKind.Source),
        ["suppress"] = Suppress,
    }.ToFrozenDictionary();

    /// <summary>Plan header items by keyword.</summary>
    public static readonly FrozenDictionary<string, Parser<PlanItemSyntax>> PlanItems = new Dictionary<string, Parser<PlanItemSyntax>>
    {
        ["ref"] = from k in ItemKeyword("ref") from s in StringLiteral select (PlanItemSyntax)new PlanRefSyntax(s, Cover(k, s.Span)),
        ["issued"] = from k in ItemKeyword("issued") from d in Date select (PlanItemSyntax)new PlanIssuedSyntax(d, Cover(k, d.Span)),
        ["period"] =
            from k in ItemKeyword("period")
            from start in Date
            from range in RangeDots
            from end in Date
            select (PlanItemSyntax)new PlanPeriodSyntax(start, end, Cover(k, end.Span)),
        ["issuer"] = from k in ItemKeyword("issuer") from n in Name select (PlanItemSyntax)new PlanIssuerSyntax(n, Cover(k, n.Span)),
        ["timezone"] = from k in ItemKeyword("timezone") from s in StringLiteral select (PlanItemSyntax)new PlanTimeZoneSyntax(s, Cover(k, s.Span)),
    }.ToFrozenDictionary();

    /// <summary>Unit body items by keyword.</summary>
    public static readonly FrozenDictionary<string, Parser<UnitItemSyntax>> UnitItems = new Dictionary<string, Parser<UnitItemSyntax>>
    {
        ["alias"] = from k in ItemKeyword("alias") from names in Names select (UnitItemSyntax)new UnitAliasSyntax([.. names], Cover(k, names[^1].Span)),
        ["parent"] = from k in ItemKeyword("parent") from n in Name select (UnitItemSyntax)new UnitParentSyntax(n, Cover(k, n.Span)),
    }.ToFrozenDictionary();

    /// <summary><c>plan "title" {</c></summary>
    public static readonly Parser<(TextSpan Keyword, StringSyntax Title)> PlanHeader =
        from k in Keyword("plan")
        from title in StringLiteral
        from open in OpenBrace
        select (k, title);

    /// <summary><c>unit NAME "title"?</c> (the optional body is parsed by the driver).</summary>
    public static readonly Parser<(TextSpan Keyword, NameSyntax Name, StringSyntax? Title)> UnitHeader =
        from k in Keyword("unit")
        from name in Name
        from title in OptionalTitle
        select (k, name, title.GetOrDefault());

    private static readonly Parser<IOption<List<NameSyntax>>> OptionalMembers = EqualsSign.Then(_ => Names).XOptional();

    /// <summary><c>group NAME "title"? (= NAME, ...)?</c></summary>
    public static readonly Parser<DeclarationSyntax> Group =
        from k in Keyword("group")
        from name in Name
        from title in OptionalTitle
        from members in OptionalMembers
        select (DeclarationSyntax)new GroupDeclarationSyntax(
            name,
            title.GetOrDefault(),
            members.IsDefined ? [.. members.Get()] : null,
            Cover(k, members.IsDefined ? members.Get()[^1].Span : title.IsDefined ? title.Get().Span : name.Span));

    /// <summary><c>section ID "title" {</c></summary>
    public static readonly Parser<(TextSpan Keyword, IdSyntax Id, StringSyntax Title)> SectionHeader =
        from k in Keyword("section")
        from id in Id
        from title in StringLiteral
        from open in OpenBrace
        select (k, id, title);

    /// <summary><c>task ID "title" {</c></summary>
    public static readonly Parser<(TextSpan Keyword, IdSyntax Id, StringSyntax Title)> TaskHeader =
        from k in Keyword("task")
        from id in Id
        from title in StringLiteral
        from open in OpenBrace
        select (k, id, title);

    /// <summary>Keywords that start a top-level declaration.</summary>
    public static readonly FrozenSet<string> DeclarationKeywords = new[] { "plan", "unit", "group", "section", "task" }.ToFrozenSet();

    /// <summary>Converts collected items to an immutable array.</summary>
    public static ImmutableArray<T> ToImmutable<T>(List<T> items) => [.. items];
}
