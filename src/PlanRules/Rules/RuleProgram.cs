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
/// of ten small rules cost as much as the rules. Compiled on its first run.
/// </summary>
internal sealed class RuleProgram
{
    private Func<object, RuleModel, RuleFaults, ulong, ulong> _run;

    private RuleProgram(ImmutableArray<int> indexes, Func<Func<object, RuleModel, RuleFaults, ulong, ulong>> compile)
    {
        Indexes = indexes;
        // Compiled on the first element, then called directly (two threads racing on the first may both compile, to the same effect).
        _run = (element, model, faults, enabled) => (_run = compile())(element, model, faults, enabled);
    }

    /// <summary>The rules, as indexes into <see cref="RuleSet.Rules"/>, ascending; bit <c>i</c> of a result is <c>Indexes[i]</c>.</summary>
    public ImmutableArray<int> Indexes { get; }

    /// <summary>The bits of the enabled rules that report <paramref name="element"/>; faults go to <paramref name="faults"/>.</summary>
    public ulong Run(object element, RuleModel model, RuleFaults faults, ulong enabled) => _run(element, model, faults, enabled);

    /// <summary>The programs for the rules of <paramref name="rules"/> over <paramref name="target"/>, in rule order.</summary>
    public static RuleProgram[] For(ImmutableArray<CompiledRule> rules, RuleTarget target)
    {
        var programs = new List<RuleProgram>();
        var current = new List<int>();
        var nodes = 0;
        void Close()
        {
            if (current.Count == 0) return;
            var members = current.Select(i => rules[i].Bound).Select(b => (b.Variable, b.Where, b.Condition, b.IsRequire)).ToArray();
            programs.Add(new RuleProgram([.. current], RuleCompiler.CompileProgram<RuleFaults>(members, RuleFaults.SetMethod)));
            current.Clear();
            nodes = 0;
        }
        for (var i = 0; i < rules.Length; i++)
        {
            if (rules[i].Target != target) continue;
            // A rule big enough to be interpreted alone stays alone: the others keep being compiled.
            if (current.Count == 64 || (current.Count > 0 && nodes + rules[i].FilterNodes > RuleCompiler.InterpretAbove)) Close();
            current.Add(i);
            nodes += rules[i].FilterNodes;
        }
        Close();
        return [.. programs];
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
