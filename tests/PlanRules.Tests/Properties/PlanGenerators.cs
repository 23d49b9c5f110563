using System.Collections.Immutable;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using PlanRules.Formatting;
using PlanRules.Syntax;
using PlanRules.Text;

namespace PlanRules.Tests.Properties;

/// <summary>
/// Generators of plan syntax trees (spans left at zero; print them with <c>PlanPrinter</c> to get text).
/// Declarations are unique by construction (no duplicate unit, group, alias, section or task), while
/// references may be unknown, close to a declared name, cyclic or out of the plan period, so binding
/// produces a good spread of PR1xxx findings.
/// </summary>
internal static class PlanGenerators
{
    private static readonly TextSpan Z = default;

    // Unit names: identifiers (CJK, supplementary plane, keywords) and names that need quotes.
    private static readonly string[] UnitPool =
    [
        "区政府办", "区司法局", "区财政局", "市桥街", "石楼镇", "A", "B_1", "lead", "due", "unit", "𠀀部门",
        "各镇(街)", "区委编办(区绩效办)", "a b", "引号\"单位", "反斜杠\\单位", "2021", "",
    ];

    private static readonly string[] GroupPool = ["镇街", "有关单位", "task", "各有关单位 ", "组G"];

    // Close to declared names (did-you-mean) or nowhere near them.
    private static readonly string[] UnknownNames = ["区司法厅", "市桥", "区政府", "完全未知"];

    private static readonly string[] TaskIdPool = ["1", "2", "3", "12", "15", "01", "2.3", "T33", "任务甲", "_x", "a1"];

    private static readonly string[] SectionIdPool = ["S1", "4", "4.1", "4.1.2", "节"];

    private static readonly string[] Titles =
    [
        "推进规范性文件统一公开", "紧扣“十四五”开好局", "带\"引号\"的标题", "tab\there", "line\nbreak", "back\\slash", "",
        "// not a comment", "/* nor this */", "{ braces }", "task 1 \"x\" {", "𠀀𠀁", "“中文引号”", "；、，：",
    ];

    private static readonly string[] RuleIds = ["PR1007", "PR3001", "GOV001", "x"];

    /// <summary>Free text: sample titles, or arbitrary strings without carriage returns (the language cannot write one).</summary>
    public static Gen<string> Text { get; } = Gen.Frequency(
        (3, Gen.Elements(Titles)),
        (1, ArbMap.Default.GeneratorFor<string>().Select(s => (s ?? "").Replace("\r", ""))));

    private static Gen<StringSyntax> StringNode => Text.Select(s => new StringSyntax(s, Z));

    private static NameSyntax NameNode(string value) => new(value, !IsIdentifier(value), Z);

    /// <summary>True when the printer writes the name bare, i.e. it is a whole identifier.</summary>
    public static bool IsIdentifier(string name) => PlanPrinter.FormatName(name) == name;

    private static Gen<LocalDate> Date { get; } = Gen.Choose(0, 3 * 366).Select(d => new LocalDate(2020, 6, 1).PlusDays(d));

    private static Gen<DateSyntax> DateNode { get; } =
        from date in Date
        from chinese in Gen.Elements(false, true)
        select new DateSyntax(
            date,
            chinese
                ? string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{date.Day}日")
                : date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture),
            Z);

    private static Gen<ImmutableArray<T>> NonEmpty<T>(Gen<T> item, int max) =>
        from n in Gen.Choose(1, max)
        from items in item.ArrayOf(n)
        select items.ToImmutableArray();

    private static Gen<TaskItemSyntax> TaskItem(Gen<string> names, Gen<string> taskIds)
    {
        var nameNodes = names.Select(NameNode);
        return Gen.Frequency(
            (3, from role in Gen.Elements(OwnerRole.Lead, OwnerRole.Lead, OwnerRole.With, OwnerRole.Support)
            from list in NonEmpty(nameNodes, 3)
            select (TaskItemSyntax)new OwnersItemSyntax(role, list, Z)),
            (3, from kind in Gen.Elements(TaskDateKind.Start, TaskDateKind.Due, TaskDateKind.Due)
            from date in DateNode
            select (TaskItemSyntax)new DateItemSyntax(kind, date, Z)),
            (2, from ids in NonEmpty(taskIds.Select(i => new IdSyntax(i, Z)), 3)
            select (TaskItemSyntax)new AfterItemSyntax(ids, Z)),
            (1, from period in Gen.Elements(Enum.GetValues<RecurrencePeriod>())
            from atLeast in Gen.OneOf(
                Gen.Constant<IntegerSyntax?>(null),
                Gen.Choose(0, 1000).Select(n => (IntegerSyntax?)new IntegerSyntax(n, n.ToString(CultureInfo.InvariantCulture), Z)))
            select (TaskItemSyntax)new EveryItemSyntax(period, Z, atLeast, Z)),
            (1, from tags in NonEmpty(Gen.Elements("及时", "持续推进", "定期", "a tag", "year").Select(NameNode), 2)
            select (TaskItemSyntax)new TagItemSyntax(tags, Z)),
            (1, from kind in Gen.Elements(TextItemKind.Note, TextItemKind.Source)
            from text in StringNode
            select (TaskItemSyntax)new TextItemSyntax(kind, text, Z)),
            (1, from rule in Gen.Elements(RuleIds)
            from reason in StringNode
            select (TaskItemSyntax)new SuppressItemSyntax(new IdSyntax(rule, Z), reason, Z)));
    }

    private static Gen<PlanHeaderSyntax> Header(Gen<string> names)
    {
        var items = Gen.OneOf(
            StringNode.Select(s => (PlanItemSyntax)new PlanRefSyntax(s, Z)),
            DateNode.Select(d => (PlanItemSyntax)new PlanIssuedSyntax(d, Z)),
            Gen.Constant((PlanItemSyntax)new PlanPeriodSyntax(
                new DateSyntax(new LocalDate(2021, 1, 1), "2021-01-01", Z),
                new DateSyntax(new LocalDate(2021, 12, 31), "2021年12月31日", Z),
                Z)),
            names.Select(n => (PlanItemSyntax)new PlanIssuerSyntax(NameNode(n), Z)),
            Gen.Elements("Asia/Shanghai", "UTC").Select(z => (PlanItemSyntax)new PlanTimeZoneSyntax(new StringSyntax(z, Z), Z)));
        return from title in StringNode
               from n in Gen.Choose(0, 4)
               from list in items.ArrayOf(n)
               select new PlanHeaderSyntax(title, [.. list], Z);
    }

    /// <summary>
    /// Top-level declarations of one plan, in declaration order: an optional header, units, groups,
    /// then sections (nested) and tasks, interleaved.
    /// </summary>
    public static Gen<ImmutableArray<DeclarationSyntax>> Declarations { get; } =
        from unitNames in Gen.SubListOf(UnitPool)
        from groupNames in Gen.SubListOf(GroupPool)
        from taskIds in Gen.SubListOf(TaskIdPool)
        from sectionIds in Gen.SubListOf(SectionIdPool)
        let declared = unitNames.Concat(groupNames).ToArray()
        let references = Gen.Frequency(
            (declared.Length == 0 ? 0 : 8, Gen.Elements(declared.Length == 0 ? new[] { "A" } : declared)),
            (1, Gen.Elements(UnknownNames)))
        let afterIds = Gen.Frequency((taskIds.Count == 0 ? 0 : 6, Gen.Elements(taskIds.Count == 0 ? new[] { "1" } : taskIds.ToArray())), (1, Gen.Elements("99", "1.1", "T3")))
        from hasHeader in Gen.Frequency((5, Gen.Constant(true)), (1, Gen.Constant(false)))
        from header in Header(references)
        from units in Gen.CollectToArray(unitNames, name => Unit(name, references))
        from groups in Gen.CollectToArray(groupNames, name => Group(name, references))
        from tasks in Gen.CollectToArray(taskIds, id => Task(id, references, afterIds))
        from taskHomes in Gen.Choose(0, sectionIds.Count).ArrayOf(tasks.Length)
        from sectionParents in Gen.CollectToArray(Enumerable.Range(0, sectionIds.Count), i => Gen.Choose(0, i))
        from sectionTitles in StringNode.ArrayOf(sectionIds.Count)
        from interleave in Gen.Shuffle(Enumerable.Range(0, sectionIds.Count + tasks.Length))
        select Assemble(hasHeader ? header : null, units, groups, tasks, taskHomes, [.. sectionIds], sectionParents, sectionTitles, interleave);

    /// <summary>Whole files built from <see cref="Declarations"/>.</summary>
    public static Gen<PlanFileSyntax> Files { get; } = Declarations.Select(File);

    /// <summary>A file holding these declarations (no source text, no comments).</summary>
    public static PlanFileSyntax File(ImmutableArray<DeclarationSyntax> declarations) =>
        new(new SourceText(""), declarations, [], [], Z);

    private static Gen<DeclarationSyntax> Unit(string name, Gen<string> references) =>
        from title in Gen.OneOf(Gen.Constant<StringSyntax?>(null), StringNode.Select(s => (StringSyntax?)s))
        from alias in Gen.Elements(false, true)
        from parent in Gen.Frequency((3, Gen.Constant<string?>(null)), (1, references.Select(r => (string?)r)))
        select (DeclarationSyntax)new UnitDeclarationSyntax(
            NameNode(name),
            title,
            [
                .. alias ? [new UnitAliasSyntax([NameNode(name + "简称")], Z)] : Array.Empty<UnitItemSyntax>(),
                .. parent is null ? Array.Empty<UnitItemSyntax>() : [new UnitParentSyntax(NameNode(parent), Z)],
            ],
            Z);

    private static Gen<DeclarationSyntax> Group(string name, Gen<string> references) =>
        from title in Gen.OneOf(Gen.Constant<StringSyntax?>(null), StringNode.Select(s => (StringSyntax?)s))
        from closed in Gen.Elements(false, true)
        from members in NonEmpty(references.Select(NameNode), 3)
        select (DeclarationSyntax)new GroupDeclarationSyntax(NameNode(name), title, closed ? members : null, Z);

    private static Gen<TaskSyntax> Task(string id, Gen<string> references, Gen<string> afterIds) =>
        from title in StringNode
        from n in Gen.Choose(0, 5)
        from items in TaskItem(references, afterIds).ArrayOf(n)
        select new TaskSyntax(new IdSyntax(id, Z), title, [.. items], Z);

    private static ImmutableArray<DeclarationSyntax> Assemble(
        PlanHeaderSyntax? header,
        DeclarationSyntax[] units,
        DeclarationSyntax[] groups,
        TaskSyntax[] tasks,
        int[] taskHomes,
        string[] sectionIds,
        int[] sectionParents,
        StringSyntax[] sectionTitles,
        IList<int> interleave)
    {
        // Members per container: 0 is the file, i + 1 is section i. Section i's parent is a container < i + 1.
        var members = Enumerable.Range(0, sectionIds.Length + 1).Select(_ => new List<(int Order, object Item)>()).ToArray();
        for (var i = 0; i < sectionIds.Length; i++) members[sectionParents[i]].Add((interleave[i], i));
        for (var t = 0; t < tasks.Length; t++) members[taskHomes[t]].Add((interleave[sectionIds.Length + t], tasks[t]));

        DeclarationSyntax Build(object item) => item switch
        {
            TaskSyntax task => task,
            int section => new SectionSyntax(
                new IdSyntax(sectionIds[section], Z),
                sectionTitles[section],
                [.. members[section + 1].OrderBy(m => m.Order).Select(m => Build(m.Item))],
                Z),
            _ => throw new InvalidOperationException(),
        };

        return
        [
            .. header is null ? Array.Empty<DeclarationSyntax>() : [header],
            .. units,
            .. groups,
            .. members[0].OrderBy(m => m.Order).Select(m => Build(m.Item)),
        ];
    }
}
