using System.Collections;

namespace PlanRules.Collections;

/// <summary>
/// An append-only list kept in chunks of 8,192 items, each small enough to stay out of the large object heap.
/// Findings are collected by the million on big plans: a <see cref="List{T}"/> would double into ever larger
/// arrays there, each left behind for a full collection, while this list leaves nothing behind and makes one
/// exact array at the end.
/// </summary>
internal sealed class ChunkedList<T> : IReadOnlyList<T>
{
    private const int Shift = 13;
    private const int ChunkSize = 1 << Shift;
    private readonly List<T[]> _chunks = [];

    public int Count { get; private set; }

    public T this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return _chunks[index >> Shift][index & (ChunkSize - 1)];
        }
    }

    public void Add(T item)
    {
        var offset = Count & (ChunkSize - 1);
        if (offset == 0 && Count >> Shift == _chunks.Count) _chunks.Add(new T[ChunkSize]);
        _chunks[Count >> Shift][offset] = item;
        Count++;
    }

    public void AddRange(IEnumerable<T> items)
    {
        foreach (var item in items) Add(item);
    }

    /// <summary>The items in one array of exactly <see cref="Count"/> items.</summary>
    public T[] ToArray()
    {
        var array = new T[Count];
        var copied = 0;
        foreach (var chunk in _chunks)
        {
            var length = Math.Min(ChunkSize, Count - copied);
            Array.Copy(chunk, 0, array, copied, length);
            copied += length;
        }
        return array;
    }

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return _chunks[i >> Shift][i & (ChunkSize - 1)];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
