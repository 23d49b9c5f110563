using Sprache;

namespace PlanRules.Syntax.Query;

/// <summary>
/// The LINQ query operators (<c>from … from … select</c>) and <c>XMany</c> for Sprache parsers, with Sprache's
/// semantics (<c>SelectMany = Then(t =&gt; selector(t).Select(u =&gt; projector(t, u)))</c>, <c>Select =
/// Then(t =&gt; Return(convert(t)))</c>) but computed directly. Sprache's own versions build a new parser, two
/// closures and two extra results at every step of every parse; with them the plan grammar allocated about
/// 65 bytes per byte of input, much of it here. Results are the same: on success the projected value with the
/// last remainder; on failure the failing step's remainder, message and expectations.
/// </summary>
/// <remarks>
/// Only files that say <c>using PlanRules.Syntax.Query;</c> inside their namespace (<c>Tokens</c>,
/// <c>PlanGrammar</c>) get these: the compiler looks for extension methods in the innermost scope first,
/// so there they are preferred over the ones <c>using Sprache;</c> imports at file level. Everywhere else
/// Sprache's operators apply, unchanged.
/// </remarks>
internal static class ParserQuery
{
    /// <summary>Projects a parser's value; same result as Sprache's <c>Select</c>.</summary>
    public static Parser<U> Select<T, U>(this Parser<T> parser, Func<T, U> convert)
    {
        ArgumentNullException.ThrowIfNull(parser);
        ArgumentNullException.ThrowIfNull(convert);
        return input =>
        {
            var result = parser(input);
            return result.WasSuccessful
                ? Result.Success(convert(result.Value), result.Remainder)
                : Result.Failure<U>(result.Remainder, result.Message, result.Expectations);
        };
    }

    /// <summary>Sequences two parsers and projects both values; same result as Sprache's <c>SelectMany</c>.</summary>
    public static Parser<V> SelectMany<T, U, V>(this Parser<T> parser, Func<T, Parser<U>> selector, Func<T, U, V> projector)
    {
        ArgumentNullException.ThrowIfNull(parser);
        ArgumentNullException.ThrowIfNull(selector);
        ArgumentNullException.ThrowIfNull(projector);
        return input =>
        {
            var first = parser(input);
            if (!first.WasSuccessful) return Result.Failure<V>(first.Remainder, first.Message, first.Expectations);
            var value = first.Value;
            var second = selector(value)(first.Remainder);
            return second.WasSuccessful
                ? Result.Success(projector(value, second.Value), second.Remainder)
                : Result.Failure<V>(second.Remainder, second.Message, second.Expectations);
        };
    }

    /// <summary>
    /// Sprache's <c>XMany</c> (zero or more; fails if an element fails after consuming input) without
    /// rebuilding <c>parser.Once().XOr(Return(m))</c> on every call. Sprache runs the element parser once more
    /// where the repetition stopped; parsers here are deterministic, so the stopping result is reused.
    /// </summary>
    public static Parser<IEnumerable<T>> XMany<T>(this Parser<T> parser)
    {
        ArgumentNullException.ThrowIfNull(parser);
        return input =>
        {
            var remainder = input;
            var items = new List<T>();
            var result = parser(input);
            while (result.WasSuccessful && result.Remainder != remainder)
            {
                items.Add(result.Value);
                remainder = result.Remainder;
                result = parser(remainder);
            }
            return !result.WasSuccessful && result.Remainder != remainder
                ? Result.Failure<IEnumerable<T>>(result.Remainder, result.Message, result.Expectations)
                : Result.Success<IEnumerable<T>>(items, remainder);
        };
    }
}
