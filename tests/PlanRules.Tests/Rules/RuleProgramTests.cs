using System.Text;
using PlanRules.Rules;
using PlanRules.Rules.Compilation;
using PlanRules.Rules.Runtime;
using PlanRules.Rules.Syntax;
using static PlanRules.Tests.Rules.RuleKit;

namespace PlanRules.Tests.Rules;

/// <summary>
/// The runner evaluates the filters of a set's rules over one kind of element as programs of up to 64 rules: each
/// rule still reports, faults and stops on its own, whatever program it shares.
/// </summary>
public class RuleProgramTests
{
    // Tasks 1, 2 and 3, and a host function that throws on task 2.
    private const string Plan = RuleRuntimeFaultTests.Plan;
    private static readonly RuleFunction Risky = RuleRuntimeFaultTests.Risky;

    private static string Rules(int count, Func<int, string> condition)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++) text.Append($"rule P{i:000} \"r\" {{ for task t when {condition(i)} message \"{{t.id}}\" }}\n");
        return text.ToString();
    }

    [Fact]
    public void Seventy_rules_make_two_programs_and_each_rule_reports_its_own_task()
    {
        var set = CompileClean(Rules(70, i => $"t.id == \"{i % 3 + 1}\""));
        var programs = set.ProgramsFor(RuleTarget.Task);
        Assert.Equal([64, 6], programs.Select(p => p.Indexes.Length));
        Assert.Equal(Enumerable.Range(0, 70), programs.SelectMany(p => p.Indexes));
        var findings = Check(Plan, null, "2021-12-31", set).Diagnostics.Where(d => d.Id.StartsWith("P0", StringComparison.Ordinal)).ToList();
        Assert.Equal(70, findings.Count);
        Assert.All(findings, d => Assert.Equal(((int.Parse(d.Id[1..]) % 3) + 1).ToString(), d.TaskId));
    }

    [Fact]
    public void A_rule_too_big_to_compile_has_a_program_of_its_own()
    {
        var chain = "1" + string.Concat(Enumerable.Repeat(" + 1", RuleCompiler.InterpretAbove));
        var set = CompileClean(Rules(5, i => i == 2 ? $"{chain} > 0 and t.id == \"2\"" : $"t.id == \"{i % 3 + 1}\""));
        Assert.Equal([[0, 1], [2], [3, 4]], set.ProgramsFor(RuleTarget.Task).Select(p => p.Indexes.ToArray()));
        var findings = Check(Plan, null, "2021-12-31", set).Diagnostics.Where(d => d.Id.StartsWith("P0", StringComparison.Ordinal)).ToList();
        Assert.Equal(["P000:1", "P001:2", "P002:2", "P003:1", "P004:2"], findings.Select(d => $"{d.Id}:{d.TaskId}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_fault_in_the_second_program_is_that_rule_s_and_the_others_still_report()
    {
        var set = CompileClean(Rules(68, i => i == 66 ? "risky(t.id)" : "true"), Risky);
        var result = Check(Plan, null, "2021-12-31", set);
        var fault = Single(result.Diagnostics, "PR2005");
        Assert.Equal("2", fault.TaskId);
        Assert.Contains("P066", fault.GetMessage(En));
        Assert.Equal(["1", "3"], result.Diagnostics.Where(d => d.Id == "P066").Select(d => d.TaskId));
        Assert.Equal(67 * 3, result.Diagnostics.Count(d => d.Id.StartsWith("P0", StringComparison.Ordinal) && d.Id != "P066"));
    }

    [Fact]
    public void Rules_not_in_effect_are_left_out_of_a_shared_program()
    {
        var set = CompileClean("""
            rule E001 "a" { for task t when true }
            rule E002 "b" { effective 2022-01-01 .. for task t when true }
            rule E003 "c" { for task t when t.id == "3" }
            """);
        Assert.Single(set.ProgramsFor(RuleTarget.Task));
        var ids = Check(Plan, null, "2021-12-31", set).Diagnostics.Select(d => d.Id).ToList();
        Assert.Equal(3, ids.Count(id => id == "E001"));
        Assert.DoesNotContain("E002", ids);
        Assert.Single(ids, "E003");
    }

    [Fact]
    public void Interpreted_rules_fault_and_report_as_compiled_ones_do()
    {
        // Above RuleCompiler.InterpretAbove nodes a program and a report are interpreted (as every rule is in the
        // Native AOT tool): a fault in the filter is PR2005 for the element, a fault in a term reads "error: …".
        var padding = "1" + string.Concat(Enumerable.Repeat(" + 0", RuleCompiler.InterpretAbove));
        var set = CompileClean($$"""
            rule I001 "filter faults on task 2" {
              for task t
              when risky(t.id) and {{padding}} > 0
              message "{t.id}"
            }
            rule I002 "term faults on task 2" {
              for task t
              when (t.id == "2" or risky(t.id)) and {{padding}} > 0
              message "{t.id} {{{padding}}}"
            }
            """, Risky);
        var result = Check(Plan, null, "2021-12-31", set);
        Assert.Equal(["1", "3"], result.Diagnostics.Where(d => d.Id == "I001").Select(d => d.TaskId));
        var fault = Assert.Single(result.Diagnostics, d => d.Id == "PR2005");
        Assert.Equal("2", fault.TaskId);
        Assert.Contains("I001", fault.GetMessage(En));
        var onTwo = Assert.Single(result.Diagnostics, d => d.Id == "I002" && d.TaskId == "2");
        Assert.StartsWith("error: ", onTwo.Properties["risky(t.id)"]);
        Assert.Contains("broken", onTwo.Properties["risky(t.id)"]);
        Assert.Equal(3, result.Diagnostics.Count(d => d.Id == "I002"));
    }
}
