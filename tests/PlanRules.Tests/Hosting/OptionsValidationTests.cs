using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PlanRules.Analysis;
using PlanRules.Hosting;
using PlanRules.Rules;
using PlanRules.Rules.Runtime;
using PlanRules.Text;
using static PlanRules.Tests.Hosting.HostingKit;

namespace PlanRules.Tests.Hosting;

/// <summary>Mistakes in <c>AddPlanRules(o => …)</c> are named when the checker is created, never found later by accident.</summary>
public class OptionsValidationTests
{
    private static OptionsValidationException Refused(Action<PlanRulesOptions> configure)
    {
        using var provider = Build(s => s.AddPlanRules(configure));
        return Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IPlanChecker>());
    }

    [Fact]
    public void Two_host_functions_of_one_name_are_refused()
    {
        var error = Refused(o => o.AddFunction("isTown", (string name) => true).AddFunction("isTown", (string name) => false));

        Assert.Contains("宿主函数 'isTown' 添加了不止一次 / host function 'isTown' is added more than once", error.Message);
    }

    [Fact]
    public void Two_host_functions_of_one_name_are_refused_by_the_rule_compiler_too()
    {
        RuleFunction[] functions = [RuleFunction.FromDelegate("f", () => true), RuleFunction.FromDelegate("f", () => false)];

        var error = Assert.Throws<ArgumentException>(() => RuleSet.Compile([new SourceText("")], functions));

        Assert.StartsWith("宿主函数 'f' 添加了不止一次 / host function 'f' is added more than once", error.Message);
        Assert.Throws<ArgumentException>(() => RuleSet.Compile([new SourceText("")], [null!]));
    }

    [Theory]
    [InlineData("is town")]
    [InlineData("1st")]
    [InlineData("is-town")]
    public void A_function_name_rules_cannot_write_is_refused(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => new PlanRulesOptions().AddFunction(name, (string s) => true));

        Assert.StartsWith($"宿主函数名 '{name}' 不是规则中可调用的名称", error.Message);
        Assert.Contains($"host function name '{name}' cannot be called from rules", error.Message);
    }

    [Theory]
    [InlineData("and")]
    [InlineData("today")]
    [InlineData("done")]
    public void A_reserved_word_is_refused_as_a_function_name(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => RuleFunction.FromDelegate(name, (string s) => true));

        Assert.StartsWith($"宿主函数名 '{name}' 是规则语言的保留字 / host function name '{name}' is a reserved word of the rule language", error.Message);
    }

    [Fact]
    public void Chinese_function_names_are_identifiers_and_callable()
    {
        using var provider = Build(s => s.AddPlanRules(o =>
        {
            o.UseStandardRules = false;
            o.AddFunction("是镇街", (string name) => name.EndsWith('镇') || name.EndsWith('街'));
            o.RuleTexts.Add(new SourceText("rule HOSTZ1 \"镇街\" {\n  severity info\n  for unit u where not u.isGroup and 是镇街(u.name)\n  when true\n  message \"{u.name}\"\n}\n", "z.rules"));
        }));

        var result = provider.GetRequiredService<IPlanChecker>().Check(Request(SmallPlan));

        Assert.Equal(["市桥街", "石楼镇"], result.Findings("HOSTZ1").Select(d => d.GetMessage(Zh)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Null_items_missing_options_and_empty_rule_paths_are_named_together()
    {
        var error = Refused(o =>
        {
            o.RuleTexts.Add(null!);
            o.Functions.Add(null!);
            o.AnalyzerTypes.Add(null!);
            o.RulePaths.Add(null!);
            o.RulePaths.Add(" ");
            o.Compliance = null!;
            o.Parse = null!;
        });

        Assert.Contains("PlanRulesOptions.Compliance must not be null", error.Message);
        Assert.Contains("PlanRulesOptions.Parse must not be null", error.Message);
        Assert.Contains("PlanRulesOptions.RuleTexts contains null (item 0)", error.Message);
        Assert.Contains("PlanRulesOptions.Functions contains null (item 0)", error.Message);
        Assert.Contains("PlanRulesOptions.AnalyzerTypes contains null (item 0)", error.Message);
        Assert.Contains("PlanRulesOptions.RulePaths contains null (item 0)", error.Message);
        Assert.Contains("PlanRulesOptions.RulePaths contains an empty path (item 1)", error.Message);
        Assert.Contains("PlanRulesOptions.RulePaths 中有空路径（第 1 项）", error.Message);
        Assert.Equal(7, error.Failures.Count());
    }

    [Theory]
    [InlineData(typeof(string))]
    [InlineData(typeof(PlanAnalyzer))]
    public void An_analyzer_type_that_is_not_a_creatable_analyzer_is_refused(Type type)
    {
        var error = Refused(o => o.AnalyzerTypes.Add(type));

        Assert.Contains($"{type.FullName} in PlanRulesOptions.AnalyzerTypes is not a PlanAnalyzer that can be created", error.Message);
    }

    [Fact]
    public void Valid_options_pass_and_the_validator_is_registered_once()
    {
        var services = new ServiceCollection();
        services.AddPlanRules(o => o.AddFunction("isTown", (string name) => true).AddAnalyzer<TaskCountAnalyzer>());
        services.AddPlanRules();
        using var provider = services.BuildServiceProvider();

        Assert.Single(provider.GetServices<IValidateOptions<PlanRulesOptions>>());
        Assert.Single(provider.GetRequiredService<IPlanChecker>().Check(Request(SmallPlan)).Findings("HOSTA2"));
    }

    [Fact]
    public void The_builder_checks_functions_and_rule_paths_when_they_are_added()
    {
        var builder = new ServiceCollection().AddPlanRules();

        var type = Assert.Throws<ArgumentException>(() => builder.AddFunction("isTown", (object name) => true));
        Assert.Contains("parameter 'name' of isTown has type Object, which rules cannot pass", type.Message);
        Assert.Throws<ArgumentException>(() => builder.AddFunction("is town", (string name) => true));
        Assert.Throws<ArgumentException>(() => builder.AddRules(""));
        Assert.Throws<ArgumentException>(() => new PlanRulesOptions().AddRules(" "));
    }

    [Fact]
    public void Configured_rules_with_errors_are_logged_once_as_a_warning_when_the_checker_is_created()
    {
        var capture = new CapturingLoggerProvider();
        using var provider = Build(s =>
        {
            s.AddLogging(b => b.AddProvider(capture).SetMinimumLevel(LogLevel.Trace));
            s.AddPlanRules(o =>
            {
                o.RuleTexts.Add(new SourceText("rule HOSTE1 \"x\" {\n  for task t\n  when t.nosuch\n}\n", "host/bad.rules"));
                o.RuleTexts.Add(new SourceText("rule HOSTE2 \"y\" {\n  for task t\n  when isSecret(t.title)\n}\n", "host/worse.rules"));
            });
        });
        var checker = provider.GetRequiredService<IPlanChecker>();
        checker.Check(Request(SmallPlan));
        checker.Check(Request(SmallPlan));

        var warning = Assert.Single(capture.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Equal(LogLevel.Warning, warning.Level);
        var values = warning.State.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(2, values["RuleErrors"]);
        Assert.Equal("PR2001", values["Ids"]);
        Assert.Equal("host/bad.rules, host/worse.rules", values["RuleFiles"]);
        Assert.DoesNotContain("nosuch", warning.Message);
        Assert.DoesNotContain("isSecret", warning.Message);
    }

    [Fact]
    public void Rules_without_errors_log_no_warning()
    {
        var capture = new CapturingLoggerProvider();
        using var provider = Build(s =>
        {
            s.AddLogging(b => b.AddProvider(capture).SetMinimumLevel(LogLevel.Trace));
            s.AddPlanRules(o => o.AddFunction("isTown", (string name) => true));
        });

        provider.GetRequiredService<IPlanChecker>().Check(Request(SmallPlan));

        Assert.DoesNotContain(capture.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public void An_analyzer_type_added_twice_runs_once()
    {
        using var provider = Build(s =>
        {
            s.AddSingleton<UnitCounter>();
            s.AddPlanRules(o => o.AddAnalyzer<TaskCountAnalyzer>().AddAnalyzer<TaskCountAnalyzer>().AddAnalyzer<UnitCountingAnalyzer>())
                .AddAnalyzer<TaskCountAnalyzer>()
                .AddAnalyzer<PlanTitleAnalyzer>()
                .AddAnalyzer<PlanTitleAnalyzer>();
        });

        var result = provider.GetRequiredService<IPlanChecker>().Check(Request(SmallPlan));

        Assert.Single(result.Findings("HOSTA2"));
        Assert.Single(result.Findings("HOSTA3"));
        Assert.Equal(4, result.Findings("HOSTA1").Count);
    }
}
