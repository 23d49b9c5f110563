using FsCheck;
using FsCheck.Xunit;
using PlanRules.Diagnostics;

namespace PlanRules.Tests.Analysis;

/// <summary>The chunked list rule findings come in: order, bounds, and no chunk a large object.</summary>
public class DiagnosticListTests
{
    private static Diagnostic Numbered(int i) => Diagnostic.Create(DiagnosticCatalog.SyntaxError, Location.None, i);

    private static List<Diagnostic> Make(int count) => [.. Enumerable.Range(0, count).Select(Numbered)];

    private static DiagnosticList Build(IEnumerable<IReadOnlyList<Diagnostic>> parts)
    {
        var all = new DiagnosticList.Builder();
        foreach (var part in parts)
        {
            var builder = new DiagnosticList.Builder();
            foreach (var d in part) builder.Add(d);
            all.AddRange(builder);
        }
        return all.ToList();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(DiagnosticList.ChunkSize - 1)]
    [InlineData(DiagnosticList.ChunkSize)]
    [InlineData(DiagnosticList.ChunkSize + 1)]
    [InlineData(3 * DiagnosticList.ChunkSize + 5)]
    public void Keeps_every_finding_in_order_across_chunk_boundaries(int count)
    {
        var expected = Make(count);
        var list = Build([expected]);
        Assert.Equal(count, list.Count);
        Assert.Equal(count == 0, list.IsEmpty);
        for (var i = 0; i < count; i++) Assert.Same(expected[i], list[i]);
        var enumerated = new List<Diagnostic>();
        foreach (var d in list) enumerated.Add(d);
        Assert.Equal(expected, enumerated);
        Assert.Equal(expected, list.AsEnumerable());
        Assert.Equal(expected, list.ToImmutableArray());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(5)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void Index_outside_the_list_throws(int index)
    {
        var list = Build([Make(5)]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[index]);
        Assert.Throws<ArgumentOutOfRangeException>(() => DiagnosticList.Empty[0]);
    }

    [Property(MaxTest = 60)]
    public bool Concatenating_builders_keeps_their_order(PositiveInt[] sizes)
    {
        // Sizes up to 3 chunks each, a few builders: every boundary between the first chunk's growth and full chunks.
        var parts = sizes.Take(4).Select((s, k) => Enumerable.Range(0, s.Get % (3 * DiagnosticList.ChunkSize)).Select(i => Numbered(k * 100_000 + i)).ToList()).ToList();
        var list = Build(parts);
        var expected = parts.SelectMany(p => p).ToList();
        return list.Count == expected.Count && expected.Select((d, i) => ReferenceEquals(d, list[i])).All(same => same);
    }

    [Fact]
    public void No_chunk_is_a_large_object()
    {
        // A large object (85,000 bytes or more) lives with the oldest generation at once: it would keep every finding it
        // points to alive through young collections.
        var list = Build([Make(5 * DiagnosticList.ChunkSize + 3)]);
        var chunks = ((Array)typeof(DiagnosticList).GetField("_chunks", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(list)!).Cast<Array>().ToArray();
        Assert.Equal(6, chunks.Length);
        var entry = (int)typeof(System.Runtime.CompilerServices.Unsafe).GetMethod(nameof(System.Runtime.CompilerServices.Unsafe.SizeOf))!
            .MakeGenericMethod(chunks[0].GetType().GetElementType()!).Invoke(null, null)!;
        Assert.All(chunks, chunk => Assert.True(chunk.Length * entry < 85_000, $"a chunk of {chunk.Length} entries of {entry} bytes is a large object"));
    }
}
