using UserAnalytics.Grains.Store;
using static UserAnalytics.Grains.Tests.Rows;

namespace UserAnalytics.Grains.Tests;

public sealed class DedupIndexTests
{
    [Fact]
    public void MergedFingerprintsAreAllFoundWithTheirDuplicatesAndBucketEdges()
    {
        var random = new Random(7);
        var first = Enumerable.Range(0, 50_000).Select(_ => (uint)random.NextInt64(1, uint.MaxValue)).ToList();
        uint[] edges = [1, 0xFFFF, 0x10000, 0x1FFFF, 0xFFFF0000, uint.MaxValue, 0x12345678, 0x12345678];
        first.AddRange(edges);
        var second = Enumerable.Range(0, 30_000).Select(_ => (uint)random.NextInt64(1, uint.MaxValue)).Append(0x12345678u).ToArray();

        var merged = SortedFingerprints.Empty.Merge([.. first.Order()]).Merge([.. second.Order()]);

        Assert.Equal(first.Count + second.Length, merged.Count);
        Assert.All(first.Concat(second), f => Assert.True(merged.Contains(f), $"{f:x8} is missing"));
        var stored = first.Concat(second).ToHashSet();
        var absent = Enumerable.Range(0, 20_000).Select(_ => (uint)random.NextInt64(1, uint.MaxValue)).Where(f => !stored.Contains(f)).ToArray();
        Assert.All(absent, f => Assert.False(merged.Contains(f), $"{f:x8} is found"));
    }

    [Fact]
    public void TheIndexFoldsOnlyOnceItIsLargeAndRoundTripsBothParts()
    {
        var index = new DedupIndex();
        var random = new Random(3);
        var added = Enumerable.Range(0, DedupIndex.MinToFold - 1).Select(_ => (uint)random.NextInt64(1, uint.MaxValue)).ToList();
        added.ForEach(index.Add);
        index.Fold();
        Assert.Equal(0, index.SortedCount);

        index.Add(42);
        added.Add(42);
        index.Fold();
        Assert.Equal(added.Count, index.SortedCount);
        var later = Enumerable.Range(0, 1_000).Select(_ => (uint)random.NextInt64(1, uint.MaxValue)).ToList();
        later.ForEach(index.Add);
        added.AddRange(later);

        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            index.Write(writer);
        }
        memory.Position = 0;
        var restored = DedupIndex.Read(new BinaryReader(memory));

        Assert.Equal(memory.Length, memory.Position);
        Assert.Equal(added.Count, restored.Count);
        Assert.Equal(added.Count - later.Count, restored.SortedCount);
        Assert.All(added, f => Assert.True(restored.MayContain(f)));
    }

    [Fact]
    public void AStoreLargeEnoughToFoldStillRefusesEveryDuplicateAndKeepsEveryNewEvent()
    {
        using var store = new EventStore();
        const int Users = 400, PerUser = 200;
        for (var u = 0; u < Users; u++)
        {
            store.Apply(Batch([.. Enumerable.Range(0, PerUser).Select(i => Event($"u{u}", $"e{u}-{i}", T0 + i))]));
        }
        store.Compact();
        store.Apply(Batch(Event("u1", "late-1", T0 + 5_000)));

        var again = store.Apply(Batch([
            .. Enumerable.Range(0, Users).Select(u => Event($"u{u}", $"e{u}-{u % PerUser}", T0)),
            Event("u1", "late-1", T0),
            Event("u2", "e2-new", T0),
        ]));

        Assert.Equal(new(1, Users + 1), again);
        Assert.Equal((Users * PerUser) + 2, store.EventCount);
    }
}
