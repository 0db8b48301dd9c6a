using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.GrainInterfaces.Rows;
using UserAnalytics.Grains.Scans;
using UserAnalytics.Grains.Store;
using static UserAnalytics.Grains.Tests.Rows;

namespace UserAnalytics.Grains.Tests;

public sealed class EventStoreTests
{
    [Fact]
    public void AnEventIdIsADuplicateOnlyForTheSameUser()
    {
        var store = new EventStore();
        store.Add(Event("u1", "e1", T0));

        Assert.True(store.ContainsEvent("u1", "e1"));
        Assert.False(store.ContainsEvent("u2", "e1"));
        Assert.False(store.ContainsEvent("u1", "e2"));
    }

    [Fact]
    public void TheLatestCustomerVersionWinsAndTiesGoToTheLaterRow()
    {
        var store = new EventStore();
        store.ApplyCustomer(new CustomerRow("c", "new", "", 30, "", "", 0, 10, T0 + 1));
        store.ApplyCustomer(new CustomerRow("c", "old", "", 30, "", "", 0, 10, T0));
        Assert.Equal("new", store.Customer(store.FindUser("c")!)!.Name);

        store.ApplyCustomer(new CustomerRow("c", "tie", "", 30, "", "", 0, 10, T0 + 1));
        Assert.Equal("tie", store.Customer(store.FindUser("c")!)!.Name);
    }

    [Fact]
    public void SegmentMembershipFollowsTheLatestRow()
    {
        var store = new EventStore();
        store.ApplySegment(new SegmentRow("u", "s", "Old name", T0, T0, true));
        store.ApplySegment(new SegmentRow("u", "s", "New name", T0, T0 + 10, false));
        store.ApplySegment(new SegmentRow("u", "s", "Stale", T0, T0 + 5, true));

        var segment = store.FindSegment("s")!;
        Assert.Empty(segment.Members);
        Assert.Equal("New name", segment.Name);
    }

    [Fact]
    public void GroupScanCountsDistinctUsersExactly()
    {
        var store = new EventStore();
        store.Apply(Batch(
            Event("u1", "1", T0, duration: 10),
            Event("u1", "2", T0 + 1, duration: 20),
            Event("u2", "3", T0 + 2, duration: 30),
            Event("u2", "4", T0 + 3, eventType: "click", duration: 5)));

        var result = GroupScan.Run(
            store,
            new GroupQuery(EventFilter.All, [GroupDimension.EventType], [GroupMeasure.Events, GroupMeasure.UniqueUsers, GroupMeasure.SumDuration]),
            default);

        double[] ValuesOf(string type)
        {
            var row = Enumerable.Range(0, result.Count).Single(g => result.Key(0, g) == type);
            return [.. result.Values.Select(v => v[row])];
        }
        Assert.Equal(2, result.Count);
        Assert.Equal([3, 2, 60], ValuesOf("page_view"));
        Assert.Equal([1, 1, 5], ValuesOf("click"));
    }

    [Fact]
    public void TheWindowIsInclusiveOnBothEnds()
    {
        var store = new EventStore();
        store.Apply(Batch(Event("u", "1", T0 - 1), Event("u", "2", T0), Event("u", "3", T0 + 5), Event("u", "4", T0 + 6)));

        var result = EventsScan.Run(store, new EventsQuery(new EventFilter(T0, T0 + 5), 10, NewestFirst: false), default);

        Assert.Equal(["2", "3"], result.Rows.Select(r => r.EventId).Order());
    }

    [Fact]
    public void AFilterValueNoRowHasMatchesNothing()
    {
        var store = new EventStore();
        store.Apply(Batch(Event("u", "1", T0)));

        var result = EventsScan.Run(store, new EventsQuery(new EventFilter(Country: "Atlantis"), 10, true), default);

        Assert.Empty(result.Rows);
        Assert.Equal(0, result.RowsRead);
    }

    [Fact]
    public void TopRowsIncludeEveryRowTiedWithTheLastOne()
    {
        var store = new EventStore();
        store.Apply(Batch(Event("a", "1", T0), Event("b", "2", T0), Event("c", "3", T0), Event("d", "4", T0 - 10)));

        var result = EventsScan.Run(store, new EventsQuery(EventFilter.All, 2, NewestFirst: true), default);

        Assert.Equal(3, result.Rows.Length);
        Assert.Equal(4, result.Total);
    }

    [Fact]
    public void RowsShareTheirUserIdAndFewValuedTextsInsteadOfKeepingCopies()
    {
        using var store = new EventStore();
        // Every row read from a batch brings its own strings; build them apart the same way.
        string Text(string value) => new(value.AsSpan());
        store.ApplySegment(new SegmentRow(Text("u1"), Text("seg-a"), Text("A"), T0, T0, true));
        store.ApplySegment(new SegmentRow(Text("u2"), Text("seg-a"), Text("A"), T0, T0, true));
        store.ApplyCustomer(new CustomerRow(Text("u1"), "n1", "e1", 30, Text("f"), Text("DE"), T0, 1, T0));
        store.ApplyCustomer(new CustomerRow(Text("u2"), "n2", "e2", 31, Text("f"), Text("DE"), T0, 2, T0));

        var (u1, u2) = (store.FindUser("u1")!, store.FindUser("u2")!);
        var (a1, a2) = (u1.Memberships!["seg-a"], u2.Memberships!["seg-a"]);
        Assert.Same(u1.UserId, store.Snapshot(u1).Segments[0].UserId);
        Assert.Same(a1.SegmentId, a2.SegmentId);
        Assert.Same(a1.SegmentName, a2.SegmentName);
        var (c1, c2) = (store.Customer(u1)!, store.Customer(u2)!);
        Assert.Same(u2.UserId, c2.CustomerId);
        Assert.Same(c1.Location, c2.Location);
        Assert.Same(c1.Gender, c2.Gender);
        Assert.Equal(("seg-a", "A", "DE"), (a2.SegmentId, a2.SegmentName, c2.Location));
    }

    /// <summary>The duplicate check reads a user's ids in pieces (sealed ones from their file),
    /// past the piece's edge, and the tail's apart: every id of every kind is refused again, even
    /// with another time, and new ones are kept.</summary>
    [Fact]
    public void EveryStoredIdOfAUserWithMoreRowsThanOneReadIsRefusedAgain()
    {
        using var cold = new TempDirectory();
        using var store = new EventStore(IdStorage.InFiles(cold.Path));
        const int Sealed = 20_000;
        string Id(int i) => (i % 3) switch
        {
            0 => new Guid(i, 0, 0, new byte[8]).ToString(),
            1 => $"s-{i}",
            _ => $"a-rather-long-event-id-number-{i}",
        };
        store.Apply(Batch([.. Enumerable.Range(0, Sealed).Select(i => Event("heavy", Id(i), T0 + i))]));
        store.Compact();
        store.Add(Event("heavy", Id(Sealed), T0 - 1), Event("heavy", Id(Sealed + 1), T0 + Sealed), Event("heavy", Id(Sealed + 2), T0 + 5));

        var again = store.Apply(Batch([.. Enumerable.Range(0, Sealed + 3).Select(i => Event("heavy", Id(i), T0 + 99))]));
        var fresh = store.Apply(Batch([.. Enumerable.Range(Sealed + 3, 3).Select(i => Event("heavy", Id(i), T0 + i))]));

        Assert.Equal(new(0, Sealed + 3), again);
        Assert.Equal(new(3, 0), fresh);
        Assert.Equal(Sealed + 6, store.EventCount);
    }

    /// <summary>A batch sent again repeats its rows' times: the check reads the sealed rows of that
    /// time first (several rows share each time here), and an id it does not find there is still
    /// looked for in the whole run; a new id at a stored time is kept.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RowsSentAgainWithTheirOwnTimesAreRefusedAndNewIdsAtThoseTimesAreKept(bool idsInFiles)
    {
        using var cold = new TempDirectory();
        using var store = new EventStore(idsInFiles ? IdStorage.InFiles(cold.Path) : null);
        const int Rows = 20_000;
        string Id(int i) => i % 2 == 0 ? new Guid(i, 0, 0, new byte[8]).ToString() : $"e-{i}";
        EventRow[] Sent(int from, int count) => [.. Enumerable.Range(from, count).Select(i => Event("heavy", Id(i), T0 + (i / 5)))];
        store.Apply(Batch(Sent(0, Rows)));
        store.Compact();

        var again = store.Apply(Batch(Sent(0, Rows)));
        var movedInTime = store.Apply(Batch([Event("heavy", Id(7), T0 + 3_000), Event("heavy", Id(8), T0 - 1)]));
        var newAtStoredTimes = store.Apply(Batch([.. Enumerable.Range(0, 4).Select(i => Event("heavy", $"new-{i}", T0 + i))]));

        Assert.Equal(new(0, Rows), again);
        Assert.Equal(new(0, 2), movedInTime);
        Assert.Equal(new(4, 0), newAtStoredTimes);
        Assert.Equal(Rows + 4, store.EventCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CompactionKeepsEveryEventInTimeOrderAndTheTailMergesWithIt(bool idsInFiles)
    {
        using var cold = new TempDirectory();
        using var store = new EventStore(idsInFiles ? IdStorage.InFiles(cold.Path) : null);
        var ids = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            var id = i % 3 == 0 ? Guid.NewGuid().ToString() : i % 3 == 1 ? $"short-{i}" : $"a-rather-long-event-id-number-{i}";
            ids.Add(id);
            store.Add(Event($"u{i % 4}", id, T0 + ((i * 7919) % 1000), contentId: $"c{i}"));
        }
        store.Compact();
        store.Add(Event("u1", "late", T0 - 5));
        store.Add(Event("u9", "new-user", T0));

        var view = store.CreateView();
        var seen = new List<string>();
        foreach (var user in store.Users)
        {
            view.Load(user);
            for (var i = 0; i < view.Count; i++)
            {
                seen.Add(view.EventId(i));
                if (i > 0)
                {
                    Assert.True(view.Timestamps[i - 1] <= view.Timestamps[i]);
                }
            }
        }

        Assert.Equal(ids.Append("late").Append("new-user").Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        Assert.Equal("late", view.Load(store.FindUser("u1")!).EventId(0));
        Assert.True(store.ContainsEvent("u0", ids[0]));
        Assert.True(store.ContainsEvent("u2", ids[2]));
        Assert.False(store.ContainsEvent("u0", ids[1]));

        // Ties in time are ordered by id across the sealed block and the tail, through more compactions.
        store.Add(Event("u1", "tie-b", T0 + 2000), Event("u1", "tie-d", T0 + 2000));
        store.Compact();
        store.Add(Event("u1", "tie-c", T0 + 2000), Event("u1", "tie-a", T0 + 2000), Event("u1", "tie-b", T0 + 2000));
        Assert.Equal(["tie-a", "tie-b", "tie-c", "tie-d"], Last(4));
        store.Compact();
        Assert.Equal(["tie-a", "tie-b", "tie-c", "tie-d"], Last(4));
        Assert.Equal(56, store.EventCount);
        Assert.Empty(Directory.GetFileSystemEntries(cold.Path));

        string[] Last(int n)
        {
            var user = view.Load(store.FindUser("u1")!);
            return [.. Enumerable.Range(user.Count - n, n).Select(user.EventId)];
        }
    }

    [Fact]
    public void CodesTakeTheNarrowestWidthThatHoldsThem()
    {
        var store = new EventStore();
        for (var i = 0; i < 300; i++)
        {
            store.Add(Event("u", $"e{i}", T0 + i, page: $"/page/{i}"));
        }
        store.Compact();

        Assert.Equal(1, store.Sealed.Codes[(int)EventColumn.EventType].Width);
        Assert.Equal(2, store.Sealed.Codes[(int)EventColumn.Page].Width);
        var view = store.CreateView().Load(store.Users[0]);
        Assert.Equal("/page/299", store.Pool(EventColumn.Page)[view.Codes(EventColumn.Page)[299]]);
    }

    /// <summary>Decision 72: rows arriving in a burst wait in the tail until it holds more than
    /// half as many rows as the sealed block (a quarter before), so a filling shard rewrites each
    /// row about three times.</summary>
    [Fact]
    public void ABurstCompactsOnceTheTailPassesHalfTheSealedBlock()
    {
        using var store = new EventStore();
        const int Sealed = 40_000;
        store.Apply(Batch([.. Enumerable.Range(0, Sealed).Select(i => Event($"u{i % 50}", $"s-{i}", T0 + i))]));
        Assert.Equal((Sealed, 0), (store.Sealed.Count, store.Tail.Count));

        var next = Sealed;
        void Add(int rows)
        {
            store.Apply(Batch([.. Enumerable.Range(next, rows).Select(i => Event($"u{i % 50}", $"s-{i}", T0 + i))]));
            next += rows;
        }

        Add((Sealed / 4) + 1);
        Assert.Equal((Sealed, (Sealed / 4) + 1), (store.Sealed.Count, store.Tail.Count));
        Add((Sealed / 4) - 1);
        Assert.Equal(Sealed / 2, store.Tail.Count);
        Add(1);
        Assert.Equal((next, 0), (store.Sealed.Count, store.Tail.Count));
    }

    [Fact]
    public void AOneUserStoreHoldsNoTailOnceCompacted()
    {
        // What a user grain holds for its user: its events in the sealed block, and no room left
        // in the tail, however many rows the snapshot brought.
        using var store = new EventStore();
        for (var i = 0; i < 3_000; i++)
        {
            store.Add(Event("u1", $"e{i}", T0 + i));
        }
        store.Compact();

        Assert.Equal(3_000, store.EventCount);
        Assert.Equal(0, store.Tail.Bytes);
    }
}
