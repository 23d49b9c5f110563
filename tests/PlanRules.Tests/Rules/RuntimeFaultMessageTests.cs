using System.Text.RegularExpressions;
using PlanRules.Diagnostics;
using PlanRules.Rules.Runtime;
using static PlanRules.Tests.Rules.RuleKit;

namespace PlanRules.Tests.Rules;

/// <summary>
/// PR2005 and PR0002 say why a pattern or a host function failed in the finding's language: .NET's exception texts
/// are English only, and used to be the whole reason in a zh-CN finding. The .NET exception stays in the properties.
/// </summary>
public class RuntimeFaultMessageTests
{
    /// <summary>Pattern, its problem in zh-CN and in English.</summary>
    public static TheoryData<string, string, string> BadPatterns { get; } = new()
    {
        { "公开(", "缺少右括号 ')'（位置 3）", "missing ')' (at offset 3)" },
        { "a)", "多出的右括号 ')'（没有对应的 '('）（位置 2）", "')' without a matching '(' (at offset 2)" },
        { "[a", "字符集 '[' 缺少 ']'（位置 2）", "unterminated '[' set (at offset 2)" },
        { "*a", "量词前面没有可重复的内容（位置 1）", "quantifier following nothing (at offset 1)" },
        { "a{2,1}", "量词 {x,y} 中 x 大于 y（位置 6）", "{x,y} quantifier with x greater than y (at offset 6)" },
        { "\\q", "无法识别的转义序列（位置 2）", "unrecognized escape sequence (at offset 2)" },
        { "(a)\\1", "非回溯引擎不支持反向引用（\\1、\\k<名称>）", "the non-backtracking engine does not support backreferences (\\1, \\k<name>)" },
        { "(?=a)b", "非回溯引擎不支持环视（先行或后行断言，如 (?=…)、(?<!…)）", "the non-backtracking engine does not support lookarounds (lookahead or lookbehind, such as (?=…) or (?<!…))" },
        { "(?>a)", "非回溯引擎不支持原子组 (?>…)", "the non-backtracking engine does not support atomic groups (?>…)" },
        { "\\Ga", "非回溯引擎不支持\\G（连续匹配）", "the non-backtracking engine does not support \\G (contiguous matches)" },
        // A rarer syntax error has no text of its own: .NET's detail, inside a sentence in the finding's language.
        { "(?(1)b|c)", "语法错误：Conditional alternation refers to an undefined group number 1（位置 5）",
            "syntax error: Conditional alternation refers to an undefined group number 1 (at offset 5)" },
    };

    /// <summary>A pattern as a string literal of the plan and rule languages.</summary>
    private static string Quoted(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    [Theory]
    [MemberData(nameof(BadPatterns))]
    public void AnInvalidPatternFromTheData_IsAPR2005InTheFindingsLanguage(string pattern, string zh, string en)
    {
        var plan = Header + $$"""
            task 1 "标题" { lead 区政府办 note {{Quoted(pattern)}} }
            task 2 "标题" { lead 区政府办 note "标" }
            """;
        var set = CompileClean("""
            rule M001 "备注匹配标题" {
              for task t
              when any n in t.notes: matches(t.title, n)
            }
            """);
        var result = Check(plan, null, "2021-12-31", set);
        Assert.Equal("2", Single(result.Diagnostics, "M001").TaskId);
        var fault = Single(result.Diagnostics, "PR2005");
        Assert.Equal("1", fault.TaskId);
        Assert.Equal($"规则 M001 无法在 任务 1 上求值：正则表达式 '{pattern}' 无效：{zh}", fault.GetMessage(Zh));
        Assert.Equal($"Rule M001 could not be evaluated on task 1: invalid regular expression '{pattern}': {en}", fault.GetMessage(En));
        // .NET's own account, for developers.
        Assert.Matches("^System.(Text.RegularExpressions.RegexParse|NotSupported)Exception$", fault.Properties["exceptionType"]);
        Assert.NotEmpty(fault.Properties["exceptionMessage"]);
    }

    [Theory]
    [MemberData(nameof(BadPatterns))]
    public void AnInvalidLiteralPattern_IsAPR0002AtTheLiteralInTheFindingsLanguage(string pattern, string zh, string en)
    {
        var literal = Quoted(pattern);
        var set = Compile($$"""
            rule M002 "x" {
              for task t
              when matches(t.title, {{literal}})
            }
            """);
        var d = Single(set.Diagnostics, "PR0002");
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Finding(d, "PR0002", 3, 25, $"无效的正则表达式 '{pattern}'：{zh}", $"Invalid regular expression '{pattern}': {en}");
        Assert.Equal((3, 25 + literal.Length), (d.Location.LineSpan.End.Line, d.Location.LineSpan.End.Column));
        Assert.Empty(set.Rules);
    }

    [Fact]
    public void APatternThatTimesOut_SaysSoInTheFindingsLanguage()
    {
        // The rules' own patterns run on the non-backtracking engine and do not time out in practice; a backtracking
        // one with a 1 ms limit does, through the same path.
        var regex = new Regex("^(a+)+$", RegexOptions.None, TimeSpan.FromMilliseconds(1));
        var fault = Assert.Throws<RuleRuntimeException>(() => BuiltinFunctions.Matches(new string('a', 40) + "!", regex));
        Assert.Equal("正则表达式匹配超时（超过 1 毫秒）", fault.Reason.ToString(Zh));
        Assert.Equal("regular expression match timed out (over 1 ms)", fault.Reason.ToString(En));
        Assert.IsType<RegexMatchTimeoutException>(fault.InnerException);
    }

    [Fact]
    public void TheEnglishCheckOfAPatternIsTheLanguagesText()
    {
        Assert.Null(BuiltinFunctions.CheckPattern("公开"));
        Assert.Equal("missing ')' (at offset 3)", BuiltinFunctions.CheckPattern("公开("));
    }

    [Fact]
    public void EveryPatternTextNamesARegexParseErrorOrAConstruct()
    {
        string[] others = ["Regex_AtOffset", "Regex_Other", "Regex_NotSupported", "Regex_Construct", "Regex_Backreference", "Regex_Lookaround",
            "Regex_AtomicGroup", "Regex_Conditional", "Regex_BalancingGroup", "Regex_Contiguous"];
        foreach (var file in new[] { "Messages.resx", "Messages.en.resx" })
        {
            var path = Path.Combine(Support.TestPaths.RepoRoot, "src", "PlanRules", "Resources", file);
            var keys = System.Xml.Linq.XDocument.Load(path).Root!.Elements("data").Select(e => (string)e.Attribute("name")!)
                .Where(k => k.StartsWith("Regex_", StringComparison.Ordinal)).ToList();
            Assert.True(keys.Count > 20, file);
            Assert.All(keys.Except(others), key => Assert.True(Enum.IsDefined(typeof(RegexParseError), key["Regex_".Length..]), file + ": " + key));
            Assert.Empty(others.Except(keys));
        }
    }

    private const string Plan = Header + """
        task 1 "一" { lead 区政府办 }
        task 2 "二" { lead 区政府办 }
        """;

    private static Diagnostic FaultOf(string rule, RuleFunction function)
    {
        var result = Check(Plan, null, "2021-12-31", CompileClean(rule, function));
        return Single(result.Diagnostics, "PR2005");
    }

    [Fact]
    public void AHostFunctionsOwnRuleRuntimeException_KeepsItsReason()
    {
        var own = RuleFunction.FromDelegate("lookup", (Func<string, bool>)(id => id == "2" ? throw new RuleRuntimeException("台账缺失 no ledger") : false));
        var fault = FaultOf("""rule H1 "x" { for task t when lookup(t.id) }""", own);
        Assert.Equal("规则 H1 无法在 任务 2 上求值：台账缺失 no ledger", fault.GetMessage(Zh));
        Assert.Equal("Rule H1 could not be evaluated on task 2: 台账缺失 no ledger", fault.GetMessage(En));
        Assert.False(fault.Properties.ContainsKey("exceptionType"));
    }

    [Fact]
    public void AFaultInAHostFunctionsArgument_IsTheArguments()
    {
        var called = RuleFunction.FromDelegate("isTown", (Func<long?, bool>)(_ => true));
        var fault = FaultOf("""rule H2 "x" { for task t where t.id == "1" when isTown(9223372036854775807 + len(t.id)) }""", called);
        Assert.Equal("规则 H2 无法在 任务 1 上求值：整数溢出", fault.GetMessage(Zh));
        Assert.Equal("Rule H2 could not be evaluated on task 1: integer overflow", fault.GetMessage(En));
    }

    [Fact]
    public void AHostFunctionsResultThatRulesCannotHold_IsTheFunctionsFault()
    {
        // double.NaN has no decimal: the conversion of the result fails, and that is the function's doing.
        var ratio = RuleFunction.FromDelegate("ratio", (Func<string, double>)(id => id == "2" ? double.NaN : 0.5));
        var fault = FaultOf("""rule H3 "x" { for task t when ratio(t.id) > 1 }""", ratio);
        Assert.StartsWith("规则 H3 无法在 任务 2 上求值：函数 'ratio' 执行出错：OverflowException: ", fault.GetMessage(Zh), StringComparison.Ordinal);
        Assert.StartsWith("Rule H3 could not be evaluated on task 2: function 'ratio' failed: OverflowException: ", fault.GetMessage(En), StringComparison.Ordinal);
        Assert.Equal("System.OverflowException", fault.Properties["exceptionType"]);
    }

    [Fact]
    public void AHostFunctionsMessageOnSeveralLines_IsOneLine()
    {
        var broken = RuleFunction.FromDelegate("isTown", (Func<string, bool>)(_ => throw new InvalidOperationException("第一行\n第二行")));
        var fault = FaultOf("""rule H4 "x" { for task t where t.id == "1" when isTown(t.title) }""", broken);
        Assert.Equal("规则 H4 无法在 任务 1 上求值：函数 'isTown' 执行出错：InvalidOperationException: 第一行 第二行", fault.GetMessage(Zh));
        Assert.Equal("Rule H4 could not be evaluated on task 1: function 'isTown' failed: InvalidOperationException: 第一行 第二行", fault.GetMessage(En));
        Assert.Equal("第一行\n第二行", fault.Properties["exceptionMessage"]);
    }

    [Fact]
    public void AHostFunctionThatFailsInAMessageHole_IsLocalizedToo()
    {
        var broken = RuleFunction.FromDelegate("isTown", (Func<string, bool>)(_ => throw new KeyNotFoundException("missing")));
        var fault = FaultOf("""rule H5 "x" { for task t where t.id == "1" when true message "{isTown(t.title)}" }""", broken);
        Assert.Equal("规则 H5 无法在 任务 1 上求值：函数 'isTown' 执行出错：KeyNotFoundException: missing", fault.GetMessage(Zh));
        Assert.Equal("Rule H5 could not be evaluated on task 1: function 'isTown' failed: KeyNotFoundException: missing", fault.GetMessage(En));
    }
}
