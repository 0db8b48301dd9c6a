using UserAnalytics.GrainInterfaces.Rows;
using UserAnalytics.Grains.Storage;
using UserAnalytics.Grains.Store;
using static UserAnalytics.Grains.Tests.Rows;

namespace UserAnalytics.Grains.Tests;

/// <summary>A store read back from its checkpoint is the store that was written: same rows, same
/// versions and arrival order, same dictionary codes, and it goes on deciding duplicates and
/// versions as the original does.</summary>
public sealed class StoreCheckpointTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void AStoreReadFromItsCheckpointHoldsTheSameStateAndGoesOnTheSameWay(bool idsInFiles, bool restoredIdsInFiles)
    {
        using var original = Populated(idsInFiles ? IdStorage.InFiles(Path.Combine(_dir.Path, "cold-a")) : null);

        using var restored = RoundTrip(original, restoredIdsInFiles ? IdStorage.InFiles(Path.Combine(_dir.Path, "cold-b")) : null);

        Assert.Equal(Describe(original), Describe(restored));
        var next = Batch(
            Event("u-3", "dup-3", T0 + 3_000),
            Event("u-3", "fresh-1", T0 + 9_000, page: "/brand-new", properties: "{\"k\":\"ü\"}"),
            Event("u-new", "0d5e1c32-1111-4aaa-8bbb-000000000001", T0 + 10_000, page: "/p/7"));
        Assert.Equal(original.Apply(next), restored.Apply(next));
        original.ApplyCustomer(new CustomerRow("u-1", "tie", "", 30, "", "", 0, 10, T0 + 1));
        restored.ApplyCustomer(new CustomerRow("u-1", "tie", "", 30, "", "", 0, 10, T0 + 1));
        Assert.Equal(Describe(original), Describe(restored));
        original.Compact();
        restored.Compact();
        Assert.Equal(Describe(original), Describe(restored));
    }

    /// <summary>Data/checkpoint-format3.bin is <see cref="Populated"/> written by the code of
    /// 359e55e (format 3: durations as doubles, every code column per row). A silo upgraded to
    /// format 4 reads it as it is, and writes it again in format 4.</summary>
    [Fact]
    public void ACheckpointOfTheFormatBeforePerUserColumnsIsReadAsItIs()
    {
        using var restored = ReadOldCheckpoint("checkpoint-format3.bin", EventStore.PerRowCheckpointFormat);

        Assert.False(restored.Sealed.Durations.Scaled);
        using (var rewritten = RoundTrip(restored))
        {
            Assert.Equal(Describe(Populated()), Describe(rewritten));
        }
        using var expected = CompactAfterTheUpgrade(restored);
        Assert.True(restored.Sealed.Durations.Scaled);
        Assert.True(restored.Sealed.Codes[(int)EventColumn.Platform].ByUser);
        Assert.Equal(Describe(expected), Describe(restored));
    }

    /// <summary>Data/checkpoint-format4.bin is <see cref="Populated"/> written by the code of
    /// c9ff7b9 (format 4: no sparse columns, product ids per row). A silo upgraded to format 5
    /// reads it as it is; the next compaction packs the empty product ids.</summary>
    [Fact]
    public void ACheckpointOfTheFormatBeforeSparseColumnsIsReadAsItIs()
    {
        using var restored = ReadOldCheckpoint("checkpoint-format4.bin", EventStore.ByUserCheckpointFormat);

        Assert.False(restored.Sealed.Codes[(int)EventColumn.ProductId].Packed);
        using var expected = CompactAfterTheUpgrade(restored);
        Assert.True(restored.Sealed.Codes[(int)EventColumn.ProductId].Packed);
        Assert.Equal(Describe(expected), Describe(restored));
        using var rewritten = RoundTrip(restored);
        Assert.Equal(Describe(expected), Describe(rewritten));
    }

    /// <summary>Reads a checkpoint of <see cref="Populated"/> written by an older version, and checks
    /// it was read to its end as that store.</summary>
    private static EventStore ReadOldCheckpoint(string file, int format)
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Data", file));
        using var reader = new BinaryReader(stream);
        Assert.Equal(format, reader.ReadInt32());
        stream.Position = 0;
        var restored = EventStore.ReadCheckpoint(reader);
        Assert.Equal(stream.Length, stream.Position);
        Assert.Equal(Describe(Populated()), Describe(restored));
        return restored;
    }

    /// <summary>One more event and a compaction, which builds the block in the new layout; returns
    /// a store of this version that went the same way.</summary>
    private static EventStore CompactAfterTheUpgrade(EventStore restored)
    {
        var expected = Populated();
        foreach (var store in new[] { expected, restored })
        {
            store.Add(Event("u-2", "after-the-upgrade", T0 + 7));
            store.Compact();
        }
        return expected;
    }

    [Fact]
    public void AnEmptyStoreRoundTrips()
    {
        var restored = RoundTrip(new EventStore());

        Assert.Equal(0, restored.EventCount);
        Assert.Equal(Describe(new EventStore()), Describe(restored));
    }

    [Fact]
    public void TheFileKeepsItsLogPositionAndADamagedFileIsRefused()
    {
        var path = Path.Combine(_dir.Path, "shard-0001.ckpt");
        var position = new LogPosition(42, 0xDEADBEEF);
        CheckpointFile.Write(path, position, Populated().WriteCheckpoint);

        var (store, read) = CheckpointFile.Read(path, EventStore.ReadCheckpoint);
        Assert.Equal(position, read);
        Assert.Equal(Describe(Populated()), Describe(store));

        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(path, bytes);
        Assert.Throws<InvalidDataException>(() => CheckpointFile.Read(path, EventStore.ReadCheckpoint));
        File.WriteAllBytes(path, bytes[..100]);
        Assert.Throws<InvalidDataException>(() => CheckpointFile.Read(path, EventStore.ReadCheckpoint));
    }

    /// <summary>Events of many users with every kind of id (UUID, short, long), over 256 pages (two-byte
    /// codes), non-ASCII text and properties, some only in the tail; customers, memberships and
    /// metric rows with replaced versions.</summary>
    private static EventStore Populated(IdStorage? ids = null)
    {
        var store = new EventStore(ids);
        var events = new List<EventRow>();
        for (var i = 0; i < 600; i++)
        {
            var user = $"u-{i % 7}";
            var id = (i % 3) switch
            {
                0 => $"0d5e1c32-{i:D4}-4aaa-8bbb-{i:D12}",
                1 => $"dup-{i}",
                _ => $"an-event-id-longer-than-sixteen-characters-{i}",
            };
            events.Add(Event(user, id, T0 + (i * 997 % 50_000), eventType: i % 5 == 0 ? "purchase" : "page_view",
                sessionId: i % 4 == 0 ? "" : $"{user}-s{i / 40}", page: $"/p/{i % 300}", country: i % 2 == 0 ? "DE" : "Zürich",
                duration: i * 0.5, contentId: i % 6 == 0 ? $"content-{i % 11}" : "", properties: i % 9 == 0 ? $"{{\"n\":{i}}}" : ""));
        }
        store.Apply(ShardBatch.Of(events));
        store.Compact();
        store.Add(Event("u-1", "late-1", T0 - 5), Event("u-9", "late-2", T0 + 1));
        store.ApplyCustomer(new CustomerRow("u-1", "first", "a@x", 30, "DE", "pro", T0, 10, T0));
        store.ApplyCustomer(new CustomerRow("u-1", "second", "a@x", 31, "DE", "pro", T0, 12, T0 + 1));
        store.ApplyCustomer(new CustomerRow("only-customer", "c", "", 40, "", "", 0, 0, T0));
        store.ApplySegment(new SegmentRow("u-2", "vip", "VIP", T0, T0, true));
        store.ApplySegment(new SegmentRow("u-3", "vip", "VIP 2", T0, T0 + 5, true));
        store.ApplySegment(new SegmentRow("u-3", "churn", "Churn", T0, T0, true));
        store.ApplySegment(new SegmentRow("u-3", "churn", "Churn", T0, T0 + 1, false));
        store.ApplyMetric(new MetricRow("vip", "VIP", "revenue", 1.5, T0, "daily", T0));
        store.ApplyMetric(new MetricRow("vip", "VIP", "revenue", 2.5, T0, "daily", T0 + 1));
        store.ApplyMetric(new MetricRow("vip", "VIP", "users", 3, T0, "hourly", T0));
        return store;
    }

    private static EventStore RoundTrip(EventStore store, IdStorage? ids = null)
    {
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            store.WriteCheckpoint(writer);
        }
        memory.Position = 0;
        using var reader = new BinaryReader(memory);
        var restored = EventStore.ReadCheckpoint(reader, ids ?? IdStorage.InMemory);
        Assert.Equal(memory.Length, memory.Position);
        return restored;
    }

    /// <summary>Everything observable about a store, as text.</summary>
    private static List<string> Describe(EventStore store)
    {
        var lines = new List<string> { $"events {store.EventCount} min {store.MinTimestamp} max {store.MaxTimestamp}" };
        foreach (var user in store.Users)
        {
            var snapshot = store.Snapshot(user);
            lines.Add($"user {user.Index} {user.UserId} v{user.Version} customer {store.Customer(user)} {(user.CustomerSlot >= 0 ? store.Customers.Arrival(user.CustomerSlot) : -1)}");
            lines.AddRange(snapshot.Events.Select(e => e.ToString()));
            lines.AddRange((user.Memberships?.Values.ToArray() ?? []).OrderBy(m => m.Arrival).Select(m => m.ToString()));
        }
        foreach (var id in store.SegmentIds.Order(StringComparer.Ordinal))
        {
            var segment = store.FindSegment(id)!;
            lines.Add($"segment {id} {segment.Name} {segment.NameUpdatedAtMs} [{string.Join(',', segment.Members.Order())}]");
        }
        lines.AddRange(store.Metrics.Select(m => m.ToString()).Order(StringComparer.Ordinal));
        for (var c = 0; c < EventColumns.Count; c++)
        {
            var pool = store.Pool((EventColumn)c);
            lines.Add($"pool {c}: {string.Join('|', Enumerable.Range(0, pool.Count).Select(i => pool[i]))}");
        }
        lines.Add($"long ids {string.Join('|', store.LongIds)}");
        return lines;
    }
}
