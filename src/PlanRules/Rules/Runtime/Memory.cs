using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace PlanRules.Rules.Runtime;

/// <summary>
/// Prefetch hints for the rule runner. On a large plan the runner waits mostly for memory: each task's lists,
/// title and tags are objects of their own, spread over the heap, and every rule that reads one first waits for it.
/// A hint for the next task's parts lets the processor load them while the rules run on this one.
/// </summary>
internal static class Memory
{
    /// <summary>
    /// Asks the processor to bring the start of <paramref name="item"/> into the cache. Only a hint: nothing is read
    /// or written through the address, and an object the collector has just moved costs a useless load, never a
    /// fault. Does nothing where the processor has no such instruction in .NET (x86 only).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Prefetch(object? item)
    {
        if (Sse.IsSupported && item is not null) Sse.Prefetch0((void*)Unsafe.As<object, nint>(ref item));
    }

    /// <summary>As <see cref="Prefetch(object?)"/>, for an object that spans <paramref name="lines"/> cache lines of 64 bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Prefetch(object? item, int lines)
    {
        if (!Sse.IsSupported || item is null) return;
        var start = (byte*)Unsafe.As<object, nint>(ref item);
        for (var i = 0; i < lines; i++) Sse.Prefetch0(start + 64 * i);
    }
}
