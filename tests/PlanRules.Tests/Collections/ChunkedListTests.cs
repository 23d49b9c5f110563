using FsCheck.Xunit;
using PlanRules.Collections;

namespace PlanRules.Tests.Collections;

public class ChunkedListTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(8191)]
    [InlineData(8192)]
    [InlineData(8193)]
    [InlineData(40000)]
    public void Keeps_every_item_in_order_across_chunk_boundaries(int count)
    {
        var list = new ChunkedList<int>();
        list.AddRange(Enumerable.Range(0, count));
        Assert.Equal(count, list.Count);
        Assert.Equal(Enumerable.Range(0, count), list.ToArray());
        Assert.Equal(Enumerable.Range(0, count), list);
        if (count > 0) Assert.Equal(count - 1, list[count - 1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[count]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[-1]);
    }

    [Property]
    public bool Reads_as_a_list(int[] items)
    {
        var list = new ChunkedList<int>();
        foreach (var item in items) list.Add(item);
        return list.ToArray().SequenceEqual(items) && Enumerable.Range(0, items.Length).All(i => list[i] == items[i]);
    }
}
