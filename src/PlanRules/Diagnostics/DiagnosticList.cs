using System.Collections;
using System.Collections.Immutable;

namespace PlanRules.Diagnostics;

/// <summary>
/// An immutable list of findings, as <see cref="Rules.RuleRunner"/> returns them: stored in chunks of at most
/// <see cref="ChunkSize"/> references, so no part of it is a large object.
/// </summary>
/// <remarks>
/// A large plan gives findings by the ten thousand. One array of them is a large object (85,000 bytes or more), and
/// the runtime keeps large objects with the oldest generation: while such an array lives, and after it died until the
/// next full collection, every finding it points to looks alive to the young collections, which copy it twice (into
/// generation 1, then 2). A host that checks plans again and again would move every finding it ever made into the
/// oldest generation. Small chunks die young with their findings. <see cref="ToImmutableArray"/> makes the one
/// array when a caller wants it.
/// </remarks>
public sealed class DiagnosticList : IReadOnlyList<Diagnostic>
{
    /// <summary>References per chunk: 8,192 (64 KiB on 64-bit), below the large-object threshold.</summary>
    public const int ChunkSize = 1 << Shift;
    private const int Shift = 13;
    private readonly Entry[][] _chunks;

    private DiagnosticList(Entry[][] chunks, int count)
    {
        _chunks = chunks;
        Count = count;
    }

    /// <summary>No findings.</summary>
    public static DiagnosticList Empty { get; } = new([], 0);

    /// <summary>The number of findings.</summary>
    public int Count { get; }

    /// <summary>True when there are none.</summary>
    public bool IsEmpty => Count == 0;

    /// <summary>The finding at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is negative or not below <see cref="Count"/>.</exception>
    public Diagnostic this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            return _chunks[index >> Shift][index & (ChunkSize - 1)].Value;
        }
    }

    /// <summary>
    /// A finding in a chunk. A struct, so storing one is a plain write: storing into a <c>Diagnostic[]</c> checks the
    /// array's run-time element type first (arrays of classes are covariant).
    /// </summary>
    private struct Entry
    {
        public Diagnostic Value;
    }

    /// <summary>All findings in one array (a large object when there are more than about 10,000).</summary>
    public ImmutableArray<Diagnostic> ToImmutableArray()
    {
        var all = new Diagnostic[Count];
        var at = 0;
        foreach (var chunk in _chunks)
        {
            var take = Math.Min(chunk.Length, Count - at);
            for (var i = 0; i < take; i++) all[at + i] = chunk[i].Value;
            at += take;
        }
        return ImmutableArray.Create(all);
    }

    /// <summary>Enumerates the findings in order without allocating.</summary>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<Diagnostic> IEnumerable<Diagnostic>.GetEnumerator() => Count == 0 ? Enumerable.Empty<Diagnostic>().GetEnumerator() : Boxed();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<Diagnostic>)this).GetEnumerator();

    private IEnumerator<Diagnostic> Boxed()
    {
        foreach (var d in this) yield return d;
    }

    /// <summary>Enumerates a <see cref="DiagnosticList"/>.</summary>
    public struct Enumerator
    {
        private readonly DiagnosticList _list;
        private int _index;

        internal Enumerator(DiagnosticList list)
        {
            _list = list;
            _index = -1;
        }

        /// <summary>The current finding.</summary>
        public readonly Diagnostic Current => _list._chunks[_index >> Shift][_index & (ChunkSize - 1)].Value;

        /// <summary>Moves to the next finding.</summary>
        public bool MoveNext() => ++_index < _list.Count;
    }

    /// <summary>
    /// Collects findings in order. Its first chunk grows from a few references (most checks find little); after that
    /// every chunk is full size.
    /// </summary>
    internal sealed class Builder
    {
        private readonly List<Entry[]> _full = [];
        private Entry[] _current = new Entry[16];
        private int _used;

        public int Count => _full.Count * ChunkSize + _used;

        public void Add(Diagnostic diagnostic)
        {
            if (_used == _current.Length) Grow();
            _current[_used++].Value = diagnostic;
        }

        private void Grow()
        {
            if (_current.Length < ChunkSize)
            {
                Array.Resize(ref _current, _current.Length * 2);
                return;
            }
            _full.Add(_current);
            _current = new Entry[ChunkSize];
            _used = 0;
        }

        /// <summary>Appends everything <paramref name="other"/> collected, in order.</summary>
        public void AddRange(Builder other)
        {
            foreach (var chunk in other._full) AddRange(chunk, chunk.Length);
            AddRange(other._current, other._used);
        }

        private void AddRange(Entry[] items, int count)
        {
            var at = 0;
            while (at < count)
            {
                if (_used == _current.Length) Grow();
                var take = Math.Min(count - at, _current.Length - _used);
                Array.Copy(items, at, _current, _used, take);
                _used += take;
                at += take;
            }
        }

        /// <summary>The list; the builder must not be used afterwards.</summary>
        public DiagnosticList ToList()
        {
            if (Count == 0) return Empty;
            var chunks = new Entry[_full.Count + 1][];
            _full.CopyTo(chunks);
            chunks[^1] = _used == _current.Length ? _current : _current[.._used];
            return new DiagnosticList(chunks, Count);
        }
    }
}
