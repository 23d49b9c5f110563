using System.Collections.Immutable;
using System.Numerics;
using PlanRules.Rules.Compilation;
using PlanRules.Rules.Runtime;
using PlanRules.Rules.Syntax;

namespace PlanRules.Rules;

/// <summary>
/// The filters of several rules of a set over one kind of element, compiled into one method (up to 64 rules, and
/// no more compiled nodes together than one rule may have before it is interpreted). The runner calls it once per
/// element instead of once per rule and element: the element is cast once, and on large plans the calls and casts
/// of ten small rules cost as much as the rules. Compiled with the set (<see cref="RuleSet.Compile"/>).
/// </summary>
internal sealed class RuleProgram
{
    private readonly Func<object, RuleModel, RuleFaults, ulong, ulong> _run;

    private RuleProgram(ImmutableArray<int> indexes, Func<object, RuleModel, RuleFaults, ulong, ulong> run)
    {
        Indexes = indexes;
        _run = run;
    }

    /// <summary>The rules, as indexes into <see cref="RuleSet.Rules"/>, ascending; bit <c>i</c> of a result is <c>Indexes[i]</c>.</summary>
    public ImmutableArray<int> Indexes { get; }

    /// <summary>The bits of the enabled rules that report <paramref name="element"/>; faults go to <paramref name="faults"/>.</summary>
    public ulong Run(object element, RuleModel model, RuleFaults faults, ulong enabled) => _run(element, model, faults, enabled);

    /// <summary>
    /// Compiles the programs of <paramref name="rules"/>, per target in rule order. A program that does not compile
    /// is compiled rule by rule instead; a rule that does not compile alone is in <c>Failed</c> (with why), in no
    /// program: the caller reports it and leaves it out.
    /// </summary>
    public static (RuleProgram[][] Programs, List<(int Index, Exception Why)> Failed) Compile(ImmutableArray<CompiledRule> rules)
    {
        var failed = new List<(int, Exception)>();
        var programs = new RuleProgram[4][];
        foreach (var target in Enum.GetValues<RuleTarget>()) programs[(int)target] = [.. For(rules, target, failed)];
        return (programs, failed);
    }

    private static IEnumerable<RuleProgram> For(ImmutableArray<CompiledRule> rules, RuleTarget target, List<(int, Exception)> failed)
    {
        var groups = new List<List<int>> { new() };
        var nodes = 0;
        for (var i = 0; i < rules.Length; i++)
        {
            if (rules[i].Target != target) continue;
            // A rule big enough to be interpreted alone stays alone: the others keep being compiled.
            var current = groups[^1];
            if (current.Count == 64 || (current.Count > 0 && nodes + rules[i].FilterNodes > RuleCompiler.InterpretAbove))
            {
                groups.Add(current = []);
                nodes = 0;
            }
            current.Add(i);
            nodes += rules[i].FilterNodes;
        }
        foreach (var group in groups.Where(g => g.Count > 0))
        {
            if (TryCompile(rules, group, out var program, out var why))
            {
                yield return program;
                continue;
            }
            foreach (var index in group)
            {
                if (group.Count > 1 && TryCompile(rules, [index], out var alone, out why)) yield return alone;
                else failed.Add((index, why!));
            }
        }
    }

    private static bool TryCompile(ImmutableArray<CompiledRule> rules, List<int> indexes, out RuleProgram program, out Exception? why)
    {
        try
        {
            var members = indexes.Select(i => rules[i].Bound).Select(b => (b.Variable, b.Where, b.Condition, b.IsRequire)).ToArray();
            program = new RuleProgram([.. indexes], RuleCompiler.CompileProgram<RuleFaults>(members, RuleFaults.SetMethod)());
            why = null;
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or InsufficientExecutionStackException)
        {
            program = null!;
            why = e;
            return false;
        }
    }
}

/// <summary>The faults of one element's run through a program: per rule position, the exception it threw.</summary>
internal sealed class RuleFaults(int capacity)
{
    internal static readonly System.Reflection.MethodInfo SetMethod = typeof(RuleFaults).GetMethod(nameof(Set))!;

    private readonly Exception?[] _items = new Exception?[capacity];

    /// <summary>The positions that faulted.</summary>
    public ulong Mask { get; private set; }

    /// <summary>Records that the rule at <paramref name="position"/> threw <paramref name="exception"/>.</summary>
    public void Set(int position, Exception exception)
    {
        _items[position] = exception;
        Mask |= 1UL << position;
    }

    /// <summary>Takes the faults recorded, lowest position first, and forgets them.</summary>
    public IEnumerable<(int Position, Exception Exception)> Take()
    {
        var mask = Mask;
        Mask = 0;
        while (mask != 0)
        {
            var position = BitOperations.TrailingZeroCount(mask);
            mask &= mask - 1;
            var exception = _items[position]!;
            _items[position] = null;
            yield return (position, exception);
        }
    }
}
