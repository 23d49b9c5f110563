using NodaTime;
using PlanRules.Syntax;
using PlanRules.Tests.Support;
using static PlanRules.Tests.Support.PlanAssert;

namespace PlanRules.Tests.Syntax;

/// <summary>Every construct of the plan grammar parses to the node it should.</summary>
public class ParserConstructTests
{
    [Fact]
    public void PlanHeader_WithEveryItem_IsParsed()
    {
        var file = ParseClean("""
            plan "番禺区2021年政务公开工作要点分工方案" {
              ref "番府办〔2021〕35号"
              issued 2021-07-20
              period 2021-01-01 .. 2021-12-31
              issuer 区政府办
              timezone "Asia/Shanghai"
            }
            """);

        var header = Assert.IsType<PlanHeaderSyntax>(Assert.Single(file.Declarations));
        Assert.Equal("番禺区2021年政务公开工作要点分工方案", header.Title.Value);
        Assert.Collection(header.Items,
            i => Assert.Equal("番府办〔2021〕35号", Assert.IsType<PlanRefSyntax>(i).Value.Value),
            i => Assert.Equal(new LocalDate(2021, 7, 20), Assert.IsType<PlanIssuedSyntax>(i).Date.Value),
            i =>
            {
                var period = Assert.IsType<PlanPeriodSyntax>(i);
                Assert.Equal(new LocalDate(2021, 1, 1), period.Start.Value);
                Assert.Equal(new LocalDate(2021, 12, 31), period.End.Value);
            },
            i => Assert.Equal("区政府办", Assert.IsType<PlanIssuerSyntax>(i).Name.Value),
            i => Assert.Equal("Asia/Shanghai", Assert.IsType<PlanTimeZoneSyntax>(i).Zone.Value));
    }

    [Fact]
    public void Unit_WithTitleAliasesAndParent_IsParsed()
    {
        var file = ParseClean("""
            unit 区政府办 "番禺区人民政府办公室" {
              alias 区府办, "区政府办公室"
              parent 区政府
            }
            """);

        var unit = Assert.IsType<UnitDeclarationSyntax>(Assert.Single(file.Declarations));
        Assert.Equal("区政府办", unit.Name.Value);
        Assert.False(unit.Name.IsQuoted);
        Assert.Equal("番禺区人民政府办公室", unit.Title!.Value);
        Assert.Collection(unit.Items,
            i =>
            {
                var alias = Assert.IsType<UnitAliasSyntax>(i);
                Assert.Equal(["区府办", "区政府办公室"], alias.Names.Select(n => n.Value));
                Assert.True(alias.Names[1].IsQuoted);
            },
            i => Assert.Equal("区政府", Assert.IsType<UnitParentSyntax>(i).Name.Value));
    }

    [Fact]
    public void Unit_WithoutTitleOrBody_IsParsed()
    {
        var file = ParseClean("unit 市桥街\nunit 石楼镇\n");

        Assert.Collection(file.Declarations,
            d => Assert.Equal(("市桥街", (StringSyntax?)null), (((UnitDeclarationSyntax)d).Name.Value, ((UnitDeclarationSyntax)d).Title)),
            d => Assert.Equal("石楼镇", ((UnitDeclarationSyntax)d).Name.Value));
        Assert.All(file.Declarations, d => Assert.Empty(((UnitDeclarationSyntax)d).Items));
    }

    [Fact]
    public void Group_WithMembers_IsClosed()
    {
        var file = ParseClean("group 镇街 \"各镇(街)\" = 市桥街, 石楼镇      // closed group\n");

        var group = Assert.IsType<GroupDeclarationSyntax>(Assert.Single(file.Declarations));
        Assert.True(group.IsClosed);
        Assert.Equal("镇街", group.Name.Value);
        Assert.Equal("各镇(街)", group.Title!.Value);
        Assert.Equal(["市桥街", "石楼镇"], group.Members!.Value.Select(m => m.Value));
    }

    [Fact]
    public void Group_WithoutMembers_IsOpen()
    {
        var file = ParseClean("group 有关单位 \"各有关单位\"\ngroup 区新冠肺炎防控指挥办各工作组\n");

        Assert.Collection(file.Declarations,
            d =>
            {
                var g = Assert.IsType<GroupDeclarationSyntax>(d);
                Assert.False(g.IsClosed);
                Assert.Null(g.Members);
                Assert.Equal("各有关单位", g.Title!.Value);
            },
            d =>
            {
                var g = Assert.IsType<GroupDeclarationSyntax>(d);
                Assert.False(g.IsClosed);
                Assert.Null(g.Title);
            });
    }

    [Fact]
    public void Sections_NestAndHoldTasks()
    {
        var file = ParseClean("""
            section 3 "紧扣强基础抓基层深化政务公开" {
              section 3.1 "做好政务信息管理工作" {
                task 28 "推进规范性文件统一公开" {
                  lead 区司法局
                }
              }
              section 3.2 "完善政务公开平台" {
              }
              task 29 "直属任务" {
              }
            }
            """);

        var top = Assert.IsType<SectionSyntax>(Assert.Single(file.Declarations));
        Assert.Equal("3", top.Id.Value);
        Assert.Equal("紧扣强基础抓基层深化政务公开", top.Title.Value);
        Assert.Collection(top.Members,
            m =>
            {
                var sub = Assert.IsType<SectionSyntax>(m);
                Assert.Equal("3.1", sub.Id.Value);
                Assert.Equal("28", Assert.IsType<TaskSyntax>(Assert.Single(sub.Members)).Id.Value);
            },
            m => Assert.Empty(Assert.IsType<SectionSyntax>(m).Members),
            m => Assert.Equal("29", Assert.IsType<TaskSyntax>(m).Id.Value));
        Assert.Equal(["28", "29"], file.Tasks.Select(t => t.Id.Value));
    }

    [Fact]
    public void Task_WithEveryKindOfItem_IsParsed()
    {
        var file = ParseClean("""
            task 50 "将本要点落实情况纳入政府信息公开工作年度报告" {
              lead 有关单位, 镇街
              with 区政府办
              support 区司法局
              start 2021-03-01
              due 2021-12-31
              after 42, 48
              every quarter at-least 2
              tag 及时, "持续 推进"
              note "备注"
              source "番府办〔2021〕35号 第274行"
              suppress PR1007 "年报时间由上级统一确定"
            }
            """);

        var task = Assert.IsType<TaskSyntax>(Assert.Single(file.Declarations));
        Assert.Equal("50", task.Id.Value);
        Assert.Equal("将本要点落实情况纳入政府信息公开工作年度报告", task.Title.Value);
        Assert.Collection(task.Items,
            i => AssertOwners(i, OwnerRole.Lead, "有关单位", "镇街"),
            i => AssertOwners(i, OwnerRole.With, "区政府办"),
            i => AssertOwners(i, OwnerRole.Support, "区司法局"),
            i => AssertDate(i, TaskDateKind.Start, new LocalDate(2021, 3, 1)),
            i => AssertDate(i, TaskDateKind.Due, new LocalDate(2021, 12, 31)),
            i => Assert.Equal(["42", "48"], Assert.IsType<AfterItemSyntax>(i).Tasks.Select(t => t.Value)),
            i =>
            {
                var every = Assert.IsType<EveryItemSyntax>(i);
                Assert.Equal(RecurrencePeriod.Quarter, every.Period);
                Assert.Equal(2, every.AtLeast!.Value);
            },
            i => Assert.Equal(["及时", "持续 推进"], Assert.IsType<TagItemSyntax>(i).Tags.Select(t => t.Value)),
            i => Assert.Equal((TextItemKind.Note, "备注"), (Assert.IsType<TextItemSyntax>(i).Kind, ((TextItemSyntax)i).Text.Value)),
            i => Assert.Equal((TextItemKind.Source, "番府办〔2021〕35号 第274行"), (Assert.IsType<TextItemSyntax>(i).Kind, ((TextItemSyntax)i).Text.Value)),
            i =>
            {
                var suppress = Assert.IsType<SuppressItemSyntax>(i);
                Assert.Equal("PR1007", suppress.RuleId.Value);
                Assert.Equal("年报时间由上级统一确定", suppress.Reason.Value);
            });
    }

    [Theory]
    [InlineData("year", RecurrencePeriod.Year)]
    [InlineData("half-year", RecurrencePeriod.HalfYear)]
    [InlineData("quarter", RecurrencePeriod.Quarter)]
    [InlineData("month", RecurrencePeriod.Month)]
    [InlineData("week", RecurrencePeriod.Week)]
    public void Every_WithoutAtLeast_ParsesEachPeriod(string keyword, RecurrencePeriod period)
    {
        var file = ParseClean($"task 43 \"t\" {{ lead A; every {keyword} }}");

        var every = Assert.IsType<EveryItemSyntax>(Assert.Single(file.Tasks).Items[1]);
        Assert.Equal(period, every.Period);
        Assert.Null(every.AtLeast);
        Assert.Equal(keyword, file.Source.ToString(every.PeriodSpan));
    }

    [Fact]
    public void Comments_LineAndBlock_AreSkippedAndKept()
    {
        var text = "// head\nunit A /* inline */ \"标题\" /* multi\nline */\n// tail";
        var file = ParseClean(text);

        var unit = Assert.IsType<UnitDeclarationSyntax>(Assert.Single(file.Declarations));
        Assert.Equal("标题", unit.Title!.Value);
        Assert.Collection(file.Comments,
            c => Assert.Equal(("// head", false), (c.Text, c.IsBlock)),
            c => Assert.Equal(("/* inline */", true), (c.Text, c.IsBlock)),
            c => Assert.Equal(("/* multi\nline */", true), (c.Text, c.IsBlock)),
            c => Assert.Equal(("// tail", false), (c.Text, c.IsBlock)));
        Assert.All(file.Comments, c => Assert.Equal(c.Text, file.Source.ToString(c.Span)));
    }

    [Fact]
    public void Comments_BetweenTokensOfAnItem_AreAllowed()
    {
        var file = ParseClean("task 1 /*a*/ \"t\" { lead /*b*/ A, // c\n B\n due /* d */ 2021-01-02 }");

        var task = Assert.Single(file.Tasks);
        Assert.Equal(["A", "B"], ((OwnersItemSyntax)task.Items[0]).Names.Select(n => n.Value));
        Assert.Equal(4, file.Comments.Length);
    }

    [Fact]
    public void Strings_BothQuoteStylesAndEscapes_AreDecoded()
    {
        var file = ParseClean("""
            task 1 “中文引号” {
              note "a\"b\\c\nd\te"
              source “a\"b\\c\nd\te”
            }
            """);

        var task = Assert.Single(file.Tasks);
        Assert.Equal("中文引号", task.Title.Value);
        Assert.Equal("a\"b\\c\nd\te", ((TextItemSyntax)task.Items[0]).Text.Value);
        Assert.Equal("a\"b\\c\nd\te", ((TextItemSyntax)task.Items[1]).Text.Value);
        Assert.Equal("“中文引号”", file.Source.ToString(task.Title.Span));
    }

    [Fact]
    public void Strings_CurlyQuoteStyle_KeepsAsciiQuotesInside()
    {
        var file = ParseClean("task 1 “标题\"带\"引号” { note \"a\\\"b\\\\c\\nd\\te\" }");

        var task = Assert.Single(file.Tasks);
        Assert.Equal("标题\"带\"引号", task.Title.Value);
        Assert.Equal("a\"b\\c\nd\te", ((TextItemSyntax)task.Items[0]).Text.Value);
    }

    [Fact]
    public void ChinesePunctuation_IsAcceptedBesideAscii()
    {
        var file = ParseClean("task 1 \"t\" { lead：A、B，C；with: D, E; due：2021-12-31；after 2、3，4 }");

        var items = Assert.Single(file.Tasks).Items;
        Assert.Equal(["A", "B", "C"], ((OwnersItemSyntax)items[0]).Names.Select(n => n.Value));
        Assert.Equal(["D", "E"], ((OwnersItemSyntax)items[1]).Names.Select(n => n.Value));
        Assert.Equal(new LocalDate(2021, 12, 31), ((DateItemSyntax)items[2]).Date.Value);
        Assert.Equal(["2", "3", "4"], ((AfterItemSyntax)items[3]).Tasks.Select(t => t.Value));
    }

    [Fact]
    public void Dates_IsoAndChineseForms_GiveTheSameDate()
    {
        var file = ParseClean("task 1 \"t\" { start 2021年1月5日 due 2021-12-31 }\ntask 2 \"t\" { start 2021-01-05 due 2021年12月31日 }");

        var tasks = file.Tasks.ToList();
        Assert.Equal(((DateItemSyntax)tasks[0].Items[0]).Date.Value, ((DateItemSyntax)tasks[1].Items[0]).Date.Value);
        Assert.Equal(((DateItemSyntax)tasks[0].Items[1]).Date.Value, ((DateItemSyntax)tasks[1].Items[1]).Date.Value);
        Assert.Equal("2021年12月31日", ((DateItemSyntax)tasks[1].Items[1]).Date.Text);
        Assert.Equal(new LocalDate(2021, 1, 5), ((DateItemSyntax)tasks[0].Items[0]).Date.Value);
    }

    [Fact]
    public void Ids_AreKeptAsWritten()
    {
        var file = ParseClean("task 01 \"a\" {}\ntask 1 \"b\" {}\ntask T33 \"c\" {}\nsection 2.3.1 \"s\" {}\ntask 任务甲 \"d\" { after 01, T33 }");

        Assert.Equal(["01", "1", "T33", "任务甲"], file.Tasks.Select(t => t.Id.Value));
        Assert.Equal("2.3.1", file.Declarations.OfType<SectionSyntax>().Single().Id.Value);
    }

    [Fact]
    public void Keywords_AreNotReservedWhereANameIsExpected()
    {
        var file = ParseClean("unit lead\nunit due\ntask 1 \"t\" { lead lead, due; tag task }");

        Assert.Equal(["lead", "due"], file.Declarations.OfType<UnitDeclarationSyntax>().Select(u => u.Name.Value));
        var items = Assert.Single(file.Tasks).Items;
        Assert.Equal(["lead", "due"], ((OwnersItemSyntax)items[0]).Names.Select(n => n.Value));
        Assert.Equal("task", ((TagItemSyntax)items[1]).Tags.Single().Value);
    }

    [Fact]
    public void QuotedNames_MayHoldAnyText()
    {
        var file = ParseClean("unit \"区委编办(区绩效办)\"\ntask 45 \"t\" { lead \"区委编办(区绩效办)\" }");

        var name = Assert.IsType<UnitDeclarationSyntax>(file.Declarations[0]).Name;
        Assert.True(name.IsQuoted);
        Assert.Equal("区委编办(区绩效办)", name.Value);
        Assert.Equal("区委编办(区绩效办)", ((OwnersItemSyntax)Assert.Single(file.Tasks).Items[0]).Names[0].Value);
    }

    [Fact]
    public void EmptyInput_GivesAnEmptyFile()
    {
        var file = ParseClean("  // only a comment\n");

        Assert.Empty(file.Declarations);
        Assert.Single(file.Comments);
    }

    private static void AssertOwners(TaskItemSyntax item, OwnerRole role, params string[] names)
    {
        var owners = Assert.IsType<OwnersItemSyntax>(item);
        Assert.Equal(role, owners.Role);
        Assert.Equal(names, owners.Names.Select(n => n.Value));
    }

    private static void AssertDate(TaskItemSyntax item, TaskDateKind kind, LocalDate date)
    {
        var d = Assert.IsType<DateItemSyntax>(item);
        Assert.Equal(kind, d.Kind);
        Assert.Equal(date, d.Date.Value);
    }
}
