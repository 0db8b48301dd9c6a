using UserAnalytics.GrainInterfaces.Rows;
using UserAnalytics.Grains.Store;
using static UserAnalytics.Grains.Tests.Rows;

namespace UserAnalytics.Grains.Tests;

/// <summary>A code column kept sparse (only its rows that are not code 0) answers every read as the
/// same codes kept per row, through a checkpoint too; the store keeps its rarely filled columns so.</summary>
public sealed class SparseCodesTests
{
    /// <summary>Codes up to 9 (one byte a code) and up to 90,000 (four), on one row in 40, with a
    /// run of kept rows side by side.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(10_000)]
    public void ColumnKeptSparseReadsLikeOneStoredPerRow(int codeStep)
    {
        var values = Enumerable.Range(0, 4_000).Select(i => i % 40 == 7 || i is >= 1_000 and < 1_004 ? (1 + (i % 9)) * codeStep : 0).ToArray();
        var plain = CodeVector.Build(values, 9 * codeStep);

        var sparse = CodeVector.BuildSparse(values, 9 * codeStep);

        Assert.True(sparse.Sparse);
        Assert.True(sparse.Packed);
        Assert.True(sparse.Bytes * 4 < plain.Bytes, $"{sparse.Bytes} against {plain.Bytes}");
        AssertReadsLike(plain, sparse, values.Length, codeStep);
        Assert.Throws<InvalidOperationException>(() => sparse.Raw);
        var read = RoundTrip(sparse);
        Assert.True(read.Sparse);
        AssertReadsLike(plain, read, values.Length, codeStep);
    }

    [Fact]
    public void ColumnOftenFilledStaysPerRowAndOneNeverFilledKeepsNothing()
    {
        var often = Enumerable.Range(0, 1_000).Select(i => i % 5 == 0 ? 3 : 0).ToArray();
        var never = new int[1_000];

        Assert.False(CodeVector.BuildSparse(often, 9).Packed);
        var empty = CodeVector.BuildSparse(never, 0);
        Assert.True(empty.Sparse);
        Assert.Equal(0, empty.Bytes);
        Assert.Equal(1_000, empty.Length);
        Assert.Equal(0, empty.Max());
        Assert.Equal(1_000, empty.Count(0, 0, 1_000));
        Assert.Equal(-1, empty.IndexOf(1, 0));
        Assert.Equal(999, empty.IndexOf(0, 999));
    }

    [Fact]
    public void ACheckpointWhoseKeptRowsAreOutOfOrderIsRefused()
    {
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write((byte)0x80);
            writer.Write(100);
            BinaryArrays.Write(writer, new[] { 5, 3 });
            CodeVector.Build([1, 2], 2).Write(writer);
        }
        memory.Position = 0;

        Assert.Throws<InvalidDataException>(() => CodeVector.Read(new BinaryReader(memory), null));
    }

    /// <summary>A sealed block keeps product ids and properties, which few events carry, sparse,
    /// and every row still reads back as it was sent, before and after a checkpoint.</summary>
    [Fact]
    public void TheStoreKeepsItsRarelyFilledColumnsSparseAndReadsEveryRowBack()
    {
        var store = new EventStore();
        var events = Enumerable.Range(0, 3_000).Select(Row).ToList();
        store.Apply(ShardBatch.Of(events));

        store.Compact();

        Assert.True(store.Sealed.Codes[(int)EventColumn.ProductId].Sparse);
        Assert.True(store.Sealed.Properties.Sparse);
        Assert.False(store.Sealed.Codes[(int)EventColumn.Page].Packed);
        var expected = events.OrderBy(e => e.UserId, StringComparer.Ordinal).ThenBy(e => e.TimestampMs).ToList();
        Assert.Equal(expected, RowsOf(store));
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            store.WriteCheckpoint(writer);
        }
        memory.Position = 0;
        using var restored = EventStore.ReadCheckpoint(new BinaryReader(memory));
        Assert.True(restored.Sealed.Codes[(int)EventColumn.ProductId].Sparse);
        Assert.Equal(expected, RowsOf(restored));
    }

    /// <summary>One event in 101 with a product and a value, one in 211 with properties.</summary>
    private static EventRow Row(int i)
    {
        var row = Event($"u-{i % 13}", $"e-{i}", T0 + (i * 1_000L), page: $"/p/{i % 7}", properties: i % 211 == 0 ? $"{{\"n\":{i}}}" : "");
        return i % 101 == 0 ? row with { ProductId = $"prod-{i % 5}", EventValue = 19.5 } : row;
    }

    private static List<EventRow> RowsOf(EventStore store) =>
        [.. store.Users.OrderBy(u => u.UserId, StringComparer.Ordinal).SelectMany(u => store.Snapshot(u).Events)];

    private static void AssertReadsLike(CodeVector plain, CodeVector sparse, int length, int codeStep)
    {
        Assert.Equal(plain.Length, sparse.Length);
        Assert.Equal(plain.Max(), sparse.Max());
        for (var row = 0; row < length; row++)
        {
            Assert.Equal(plain[row], sparse[row]);
            Assert.Equal(plain[row], sparse.At(0, row));
        }
        Assert.Equal(-1, sparse.UserCode(0));
        foreach (var (start, count) in new[] { (0, length), (0, 1), (7, 1), (995, 20), (1_000, 4), (length - 45, 45), (5, 0) })
        {
            int[] scratchA = [], scratchB = [];
            Assert.Equal(plain.Slice(start, count, ref scratchA).ToArray(), sparse.Slice(start, count, ref scratchB).ToArray());
            for (var code = 0; code <= 10 * codeStep; code += codeStep)
            {
                Assert.Equal(plain.Count(code, start, count), sparse.Count(code, start, count));
                Assert.Equal(plain.IndexOf(code, start), sparse.IndexOf(code, start));
            }
        }
        Assert.Equal(plain.IndexOf(0, 1_000), sparse.IndexOf(0, 1_000));
    }

    private static CodeVector RoundTrip(CodeVector vector)
    {
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            vector.Write(writer);
        }
        memory.Position = 0;
        return CodeVector.Read(new BinaryReader(memory), null);
    }
}
