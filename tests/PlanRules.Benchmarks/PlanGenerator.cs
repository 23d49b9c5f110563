using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PlanRules.Benchmarks;

/// <summary>One generated plan in both forms, with the facts both readers must agree on.</summary>
public sealed class GeneratedPlan
{
    internal GeneratedPlan(PlanDocument document, string planText, byte[] planUtf8, byte[] jsonUtf8)
    {
        Document = document;
        PlanText = planText;
        PlanUtf8 = planUtf8;
        JsonUtf8 = jsonUtf8;
    }

    /// <summary>The plan as data.</summary>
    public PlanDocument Document { get; }
    /// <summary>The plan in the plan language.</summary>
    public string PlanText { get; }
    /// <summary>The plan text as UTF-8 bytes (what a file read returns).</summary>
    public byte[] PlanUtf8 { get; }
    /// <summary>The same plan as UTF-8 JSON.</summary>
    public byte[] JsonUtf8 { get; }
}

/// <summary>
/// Generates realistic plans of any size, deterministically (same size, same seed, same bytes): a header,
/// 60 units (44 district bodies, 16 towns and streets, a few aliases, one quoted name), a closed group of
/// the 16 towns and an open group, sections with subsections, and tasks with lead/with/support lists of
/// 1–4 names, due dates, some <c>every</c>, backward <c>after</c> dependencies, tags, notes and sources in
/// Chinese, and comments. Chinese punctuation, item colons, statement ends, Chinese dates and curly-quoted
/// strings appear at realistic rates. The plan binds without errors or warnings.
/// </summary>
public static class PlanGenerator
{
    private static readonly string[] Bureaus =
    [
        "区政府办", "区发展改革局", "区科工商信局", "区市场监管局", "区财政局", "区民政局", "区农业农村局", "区委宣传部",
        "区委统战部", "区委政法委", "区教育局", "区交通运输局", "区文化广电旅游体育局", "区卫生健康局", "区政务服务数据管理局",
        "区城市运行指挥中心", "区司法局", "区水务局", "区城市管理和综合执法局", "区委编办(区绩效办)", "市规划和自然资源局番禺区分局",
        "市生态环境局番禺分局", "番禺供电局", "区人力资源社会保障局", "区住房城乡建设局", "区退役军人事务局", "区应急管理局",
        "区审计局", "区统计局", "区医疗保障局", "区林业园林局", "区信访局", "区档案馆", "区国资局", "区公安分局",
        "区税务局", "区消防救援大队", "区融媒体中心", "区残联", "区妇联", "区总工会", "团区委", "区科协", "区红十字会",
    ];

    private static readonly string[] Towns =
    [
        "市桥街", "沙头街", "东环街", "桥南街", "小谷围街", "大石街", "洛浦街", "石壁街",
        "钟村街", "大龙街", "沙湾街", "南村镇", "新造镇", "化龙镇", "石楼镇", "石碁镇",
    ];

    private static readonly (string Unit, string[] Aliases)[] Aliases =
    [
        ("区政府办", ["区府办"]),
        ("区委编办(区绩效办)", ["区委编办", "区绩效办"]),
        ("区发展改革局", ["区发改局"]),
        ("区人力资源社会保障局", ["区人社局"]),
    ];

    private const string ClosedGroup = "镇街";
    private const string OpenGroup = "有关单位";

    private static readonly string[] Verbs = ["推进", "做好", "加强", "深化", "落实", "完善", "规范", "健全", "强化", "优化"];

    private static readonly string[] Objects =
    [
        "规范性文件统一公开", "政府信息主动公开", "重大决策预公开", "政策解读和回应关切", "政务新媒体管理", "政府网站集约化建设",
        "依申请公开办理", "基层政务公开标准化规范化", "公共企事业单位信息公开", "财政预决算公开", "重点领域信息公开",
        "政务公开专区建设", "政府开放日活动", "政策咨询服务", "行政执法公示", "营商环境信息公开", "疫情防控信息发布",
        "民生实事办理情况公开", "建议提案办理结果公开", "政府信息公开年度报告",
    ];

    private static readonly string[] Tails =
    [
        "，集中公开现行有效文件", "，及时回应社会关切", "，确保信息准确权威", "，提升公开质量和实效", "，每季度更新一次",
        "，按要求在政府网站专栏发布", "，做到应公开尽公开", "，形成常态化工作机制", "", "",
    ];

    private static readonly string[] SectionTitles =
    [
        "紧扣强基础抓基层深化政务公开", "围绕优化营商环境加强政务公开", "聚焦重大决策推进公开透明", "强化政策解读回应社会关切",
        "提升政务公开平台建设水平", "加强组织保障和监督考核", "做好政务信息管理工作", "推进基层政务公开标准化",
        "持续做好依申请公开工作", "加强政务新媒体管理",
    ];

    private static readonly string[] NoteTexts =
    [
        "原文为“各镇(街)”，按镇街分组承担", "需同步报送区政务公开办备案", "与上级部门工作要点衔接", "年报时间由上级统一确定",
        "涉及多部门，由牵头单位统筹", "按月报送进展情况，遇节假日顺延", "注意保护个人隐私和商业秘密",
    ];

    private static readonly string[] Tags = ["重点", "年度报告", "民生", "营商环境", "基层"];

    private static readonly string[] PeriodWords = ["year", "half-year", "quarter", "month", "week"];

    private static readonly DateOnly PeriodStart = new(2021, 1, 1);
    private static readonly DateOnly PeriodEnd = new(2021, 12, 31);

    /// <summary>Generates a plan with exactly <paramref name="taskCount"/> tasks.</summary>
    public static GeneratedPlan Generate(int taskCount, int seed = 20210720)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(taskCount);
        var document = BuildDocument(taskCount, new Random(seed));
        var text = new PlanWriter(new Random(seed + 1)).Write(document);
        var json = JsonSerializer.SerializeToUtf8Bytes(document, PlanJsonContext.Relaxed.PlanDocument);
        return new GeneratedPlan(document, text, Encoding.UTF8.GetBytes(text), json);
    }

    private static PlanDocument BuildDocument(int taskCount, Random random)
    {
        var units = new List<UnitRecord>();
        foreach (var name in Bureaus)
        {
            var aliases = Aliases.FirstOrDefault(a => a.Unit == name).Aliases;
            units.Add(new UnitRecord(name, "广州市番禺区" + name.TrimStart('区'), aliases?.ToList()));
        }
        foreach (var name in Towns) units.Add(new UnitRecord(name, null, null));
        var groups = new List<GroupRecord>
        {
            new(ClosedGroup, "各镇(街)", [.. Towns]),
            new(OpenGroup, "各有关单位", null),
        };

        // Every unit is named at least once (no PR1009 findings): the first owners cycle through them.
        var owners = Bureaus.Concat(Towns).ToArray();
        var aliasNames = Aliases.SelectMany(a => a.Aliases).ToArray();
        string PickOwner()
        {
            var roll = random.Next(100);
            return roll switch
            {
                < 68 => Bureaus[random.Next(Bureaus.Length)],
                < 80 => ClosedGroup,
                < 90 => OpenGroup,
                < 95 => aliasNames[random.Next(aliasNames.Length)],
                _ => Towns[random.Next(Towns.Length)],
            };
        }
        List<string> PickOwners(int count, string? first = null)
        {
            var list = new List<string>(count);
            if (first is not null) list.Add(first);
            while (list.Count < count)
            {
                var name = PickOwner();
                if (!list.Contains(name)) list.Add(name);
            }
            return list;
        }

        var next = 1;
        TaskRecord NewTask()
        {
            var number = next++;
            var title = Verbs[random.Next(Verbs.Length)] + Objects[random.Next(Objects.Length)] + Tails[random.Next(Tails.Length)];
            if (random.Next(20) == 0) title += "（含\"政务公开日\"活动）";
            var lead = PickOwners(1 + Math.Min(3, random.Next(6) / 2), number <= owners.Length ? owners[number - 1] : null);
            var with = random.Next(100) < 45 ? PickOwners(1 + random.Next(4)) : null;
            var support = random.Next(100) < 30 ? PickOwners(1 + random.Next(4)) : null;
            if (with is not null) with.RemoveAll(lead.Contains);
            if (with is { Count: 0 }) with = null;

            // Due dates grow with the task number, so a dependency (always an earlier task) is never due later.
            var recurring = random.Next(100) < 10;
            DateOnly? due = recurring && random.Next(2) == 0
                ? null
                : PeriodStart.AddDays((int)((long)(number - 1) * 364 / taskCount));
            if (due is null && !recurring) due = PeriodEnd;
            DateOnly? start = due is { } d && random.Next(100) < 5 ? Max(PeriodStart, d.AddDays(-30)) : null;
            EveryRecord? every = recurring ? new EveryRecord(PeriodWords[random.Next(PeriodWords.Length)], 1 + random.Next(3)) : null;

            List<string>? after = null;
            if (number > 1 && random.Next(100) < 25)
            {
                after = [];
                var count = 1 + random.Next(3);
                for (var i = 0; i < count; i++)
                {
                    var id = Math.Max(1, number - 1 - random.Next(200)).ToString(CultureInfo.InvariantCulture);
                    if (!after.Contains(id)) after.Add(id);
                }
            }
            var tags = random.Next(100) < 10 ? new List<string> { Tags[random.Next(Tags.Length)] } : null;
            var notes = random.Next(100) < 30 ? new List<string> { NoteTexts[random.Next(NoteTexts.Length)] } : null;
            var sources = random.Next(100) < 60
                ? new List<string> { $"番府办〔2021〕35号 第{number % 97 + 1}行：“{Objects[random.Next(Objects.Length)]}”由{lead[0]}负责" }
                : null;
            return new TaskRecord(number.ToString(CultureInfo.InvariantCulture), title, lead, with, support, start, due, after, every, tags, notes, sources);
        }

        // Top-level sections of 2–5 subsections, each with 5–40 tasks; some sections end with tasks of their own.
        var sections = new List<SectionRecord>();
        var topLevelTasks = Math.Min(5, Math.Max(1, taskCount / 200));
        var remaining = taskCount - topLevelTasks;
        for (var s = 1; remaining > 0; s++)
        {
            var subsections = new List<SectionRecord>();
            var subsectionCount = 2 + random.Next(4);
            for (var k = 1; k <= subsectionCount && remaining > 0; k++)
            {
                var count = Math.Min(remaining, 5 + random.Next(36));
                remaining -= count;
                var tasks = new List<TaskRecord>(count);
                for (var i = 0; i < count; i++) tasks.Add(NewTask());
                subsections.Add(new SectionRecord($"{s}.{k}", SectionTitles[random.Next(SectionTitles.Length)], null, tasks));
            }
            List<TaskRecord>? own = null;
            if (remaining > 0 && random.Next(4) == 0)
            {
                var count = Math.Min(remaining, 1 + random.Next(3));
                remaining -= count;
                own = [];
                for (var i = 0; i < count; i++) own.Add(NewTask());
            }
            sections.Add(new SectionRecord(s.ToString(CultureInfo.InvariantCulture), SectionTitles[random.Next(SectionTitles.Length)], subsections, own));
        }
        var topLevel = new List<TaskRecord>();
        for (var i = 0; i < topLevelTasks; i++) topLevel.Add(NewTask());

        var header = new PlanHeaderRecord("番禺区2021年政务公开工作要点分工方案", "番府办〔2021〕35号", new DateOnly(2021, 7, 20), PeriodStart, PeriodEnd, "区政府办");
        return new PlanDocument(header, units, groups, sections, topLevel);
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    /// <summary>Writes a <see cref="PlanDocument"/> in the plan language, varying the surface syntax.</summary>
    private sealed class PlanWriter(Random random)
    {
        private readonly StringBuilder _out = new();

        public string Write(PlanDocument plan)
        {
            _out.Append("// 番禺区2021年政务公开工作要点分工方案 (番府办〔2021〕35号)\n");
            _out.Append("// 依据公报原文转写为 PlanRules 计划语言；每项任务的 source 指向原文行号。\n\n");
            var h = plan.Header;
            _out.Append("plan ").Append(Quote(h.Title)).Append(" {\n");
            if (h.Ref is not null) _out.Append("  ref ").Append(Quote(h.Ref)).Append('\n');
            if (h.Issued is { } issued) _out.Append("  issued ").Append(Iso(issued)).Append('\n');
            if (h.PeriodStart is { } ps && h.PeriodEnd is { } pe) _out.Append("  period ").Append(Iso(ps)).Append(" .. ").Append(Iso(pe)).Append('\n');
            if (h.Issuer is not null) _out.Append("  issuer ").Append(Name(h.Issuer)).Append('\n');
            _out.Append("}\n\n// ---- 责任单位 ----\n");
            foreach (var unit in plan.Units)
            {
                _out.Append("unit ").Append(Name(unit.Name));
                if (unit.Title is not null) _out.Append(' ').Append(Quote(unit.Title));
                if (unit.Aliases is { Count: > 0 } aliases) _out.Append(" {\n  alias ").Append(string.Join(", ", aliases.Select(Name))).Append("\n}");
                _out.Append('\n');
            }
            _out.Append('\n');
            foreach (var group in plan.Groups)
            {
                _out.Append("group ").Append(Name(group.Name));
                if (group.Title is not null) _out.Append(' ').Append(Quote(group.Title));
                if (group.Members is { } members) _out.Append(" = ").Append(string.Join("、", members.Select(Name)));
                _out.Append(group.Members is null ? "   // 开放分组：成员不列举\n" : "   // 封闭分组：每个成员都承担任务\n");
            }
            foreach (var section in plan.Sections) WriteSection(section, 0);
            foreach (var task in plan.Tasks ?? []) WriteTask(task, 0);
            return _out.ToString();
        }

        private void WriteSection(SectionRecord section, int depth)
        {
            var indent = new string(' ', depth * 2);
            _out.Append('\n');
            if (depth == 0 && random.Next(3) == 0) _out.Append("/* 第").Append(section.Id).Append("部分\n   以下任务按原文顺序排列 */\n");
            _out.Append(indent).Append("section ").Append(section.Id).Append(' ').Append(Quote(section.Title)).Append(" {\n");
            foreach (var sub in section.Sections ?? []) WriteSection(sub, depth + 1);
            foreach (var task in section.Tasks ?? []) WriteTask(task, depth + 1);
            _out.Append(indent).Append("}\n");
        }

        private void WriteTask(TaskRecord task, int depth)
        {
            var indent = new string(' ', depth * 2);
            var inner = indent + "  ";
            if (random.Next(100) < 15) _out.Append(indent).Append("// 第").Append(task.Id).Append("项\n");
            _out.Append(indent).Append("task ").Append(task.Id).Append(' ').Append(Quote(task.Title)).Append(" {\n");
            Names(inner, "lead", task.Lead);
            if (task.With is not null) Names(inner, "with", task.With);
            if (task.Support is not null) Names(inner, "support", task.Support);
            if (task.Start is { } start) Item(inner, "start", Date(start));
            if (task.Due is { } due) Item(inner, "due", Date(due), random.Next(100) < 5 ? " // 年底前完成" : "");
            if (task.Every is { } every)
            {
                Item(inner, "every", every.AtLeast == 1 && random.Next(2) == 0 ? every.Period : $"{every.Period} at-least {every.AtLeast}");
            }
            if (task.After is not null) Item(inner, "after", string.Join(Separator(), task.After));
            if (task.Tags is not null) Names(inner, "tag", task.Tags);
            foreach (var note in task.Notes ?? []) Item(inner, "note", Quote(note));
            foreach (var source in task.Sources ?? []) Item(inner, "source", Quote(source));
            _out.Append(indent).Append("}\n");
        }

        private void Names(string indent, string keyword, List<string> names)
        {
            var separator = Separator();
            Item(indent, keyword, string.Join(separator, names.Select(Name)));
        }

        private void Item(string indent, string keyword, string value, string trailing = "")
        {
            _out.Append(indent).Append(keyword);
            var roll = random.Next(100);
            _out.Append(roll < 3 ? "：" : roll < 5 ? ":" : "").Append(' ').Append(value);
            if (random.Next(100) < 4) _out.Append('；');
            _out.Append(trailing).Append('\n');
        }

        private string Separator() => random.Next(100) switch
        {
            < 50 => ", ",
            < 85 => "、",
            _ => "，",
        };

        private string Date(DateOnly date) => random.Next(100) < 10
            ? date.ToString("yyyy年MM月dd日", CultureInfo.InvariantCulture)
            : Iso(date);

        private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        private string Name(string name) => name.All(c => char.IsLetterOrDigit(c) || c == '_') ? name : Quote(name);

        private string Quote(string text) =>
            !text.Contains('”') && !text.Contains('"') && random.Next(100) < 10
                ? "“" + text + "”"
                : "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
    }
}
