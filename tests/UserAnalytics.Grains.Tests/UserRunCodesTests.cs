using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.Grains.Scans;
using UserAnalytics.Grains.Store;
using static UserAnalytics.Grains.Tests.Rows;

namespace UserAnalytics.Grains.Tests;

/// <summary>A code column kept per user run answers every read as the same codes kept per row, and
/// the scans that read such columns through it (grouping, filters, segment rules, checkpoints) give
/// the answers they give over unsealed rows.</summary>
public sealed class UserRunCodesTests
{
    /// <summary>Codes up to 9 (one byte a row) and up to 90,000 (four: the mixed users' rows too).</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(10_000)]
    public void ColumnStoredPerUserRunReadsLikeOneStoredPerRow(int codeStep)
    {
        var (values, userStart) = Runs(users: 50, mixed: [3, 17, 49], empty: [0, 10]);
        values = [.. values.Select(v => v * codeStep)];
        var plain = CodeVector.Build(values, 9 * codeStep);

        var runs = CodeVector.BuildByUser(values, 9 * codeStep, userStart);

        Assert.True(runs.ByUser);
        Assert.Equal(0, runs.Width);
        Assert.True(runs.Bytes * 4 < plain.Bytes);
        Assert.Equal(plain.Length, runs.Length);
        Assert.Equal(plain.Max(), runs.Max());
        for (var u = 0; u < userStart.Length - 1; u++)
        {
            var run = values[userStart[u]..userStart[u + 1]];
            var expected = u is 3 or 17 or 49 ? -1 : run.Length == 0 ? 0 : run[0];
            Assert.Equal(expected, runs.UserCode(u));
            for (var row = userStart[u]; row < userStart[u + 1]; row++)
            {
                Assert.Equal(plain[row], runs.At(u, row));
                Assert.Equal(plain[row], runs[row]);
            }
        }
        Assert.Equal(-1, runs.UserCode(userStart.Length));
        foreach (var (start, length) in new[] { (0, values.Length), (0, 1), (37, 200), (120, 1), (values.Length - 45, 45), (5, 0) })
        {
            int[] scratchA = [], scratchB = [];
            Assert.Equal(plain.Slice(start, length, ref scratchA).ToArray(), runs.Slice(start, length, ref scratchB).ToArray());
            for (var code = 0; code <= 10 * codeStep; code += codeStep)
            {
                Assert.Equal(plain.Count(code, start, length), runs.Count(code, start, length));
                Assert.Equal(plain.IndexOf(code, start), runs.IndexOf(code, start));
            }
        }
        Assert.Throws<InvalidOperationException>(() => runs.Raw);
    }

    [Fact]
    public void ColumnWhoseRunsMostlyDifferStaysPerRow()
    {
        var (values, userStart) = Runs(users: 50, mixed: [.. Enumerable.Range(0, 30)], empty: []);

        Assert.False(CodeVector.BuildByUser(values, 9, userStart).ByUser);
        Assert.False(CodeVector.BuildByUser(values.AsSpan(0, 2), 9, [0, 1, 2]).ByUser);
    }

    [Fact]
    public void ColumnStoredPerUserRunRoundTripsAndIsReadOnlyWithItsOwnRuns()
    {
        var (values, userStart) = Runs(users: 50, mixed: [3, 17], empty: [10]);
        var runs = CodeVector.BuildByUser(values, 9, userStart);
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            runs.Write(writer);
        }

        var read = Read(userStart);

        Assert.True(read.ByUser);
        Assert.Equal(Enumerable.Range(0, values.Length).Select(r => runs[r]), Enumerable.Range(0, values.Length).Select(r => read[r]));
        var shifted = (int[])userStart.Clone();
        shifted[4]++;
        Assert.Throws<InvalidDataException>(() => Read(shifted));
        Assert.Throws<InvalidDataException>(() => Read(null));

        CodeVector Read(int[]? starts)
        {
            memory.Position = 0;
            using var reader = new BinaryReader(memory, System.Text.Encoding.UTF8, leaveOpen: true);
            return CodeVector.Read(reader, starts);
        }
    }

    [Fact]
    public void ScansOverUserAttributesStoredPerUserRunAnswerAsOverUnsealedRows()
    {
        var sealedStore = Store();
        sealedStore.Compact();
        Assert.True(sealedStore.Sealed.Codes[(int)EventColumn.Country].ByUser);
        Assert.True(sealedStore.Sealed.Codes[(int)EventColumn.Platform].ByUser);
        Assert.False(sealedStore.Sealed.Codes[(int)EventColumn.EventType].ByUser);
        var queries = new[]
        {
            new GroupQuery(EventFilter.All, [GroupDimension.Country, GroupDimension.Platform], [GroupMeasure.Events, GroupMeasure.UniqueUsers, GroupMeasure.SumDuration]),
            new GroupQuery(EventFilter.All, [GroupDimension.Platform], [GroupMeasure.UniqueUsers], Bucket.Day),
            new GroupQuery(EventFilter.All, [GroupDimension.Country, GroupDimension.EventType], [GroupMeasure.Events, GroupMeasure.Views]),
            new GroupQuery(EventFilter.All with { Country = "FR" }, [GroupDimension.Platform], [GroupMeasure.Events, GroupMeasure.UniqueUsers]),
            new GroupQuery(EventFilter.All with { Platform = "ios", Device = "mobile" }, [GroupDimension.Country], [GroupMeasure.Events]),
        };

        foreach (var query in queries)
        {
            Assert.Equal(Groups(Store(), query), Groups(sealedStore, query));
        }
        var now = T0 + (40L * 86_400_000);
        foreach (var rule in new[] { new SegmentRule("fr", "FR buyers", "purchase", 2, "FR", 30, now), new SegmentRule("fr-r", "FR refunds", "refund", 1, "FR", 30, now) })
        {
            Assert.NotEmpty(Members(sealedStore, rule, now));
            Assert.Equal(Members(Store(), rule, now), Members(sealedStore, rule, now));
        }
    }

    /// <summary>Users of runs of 40 rows, each run one code (the user's number mod 7) but the mixed
    /// ones, whose codes cycle; the empty users have no rows.</summary>
    private static (int[] Values, int[] UserStart) Runs(int users, int[] mixed, int[] empty)
    {
        var values = new List<int>();
        var userStart = new int[users + 1];
        for (var u = 0; u < users; u++)
        {
            userStart[u] = values.Count;
            for (var i = 0; !empty.Contains(u) && i < 40; i++)
            {
                values.Add(mixed.Contains(u) ? (u + i) % 10 : u % 7);
            }
        }
        userStart[users] = values.Count;
        return ([.. values], userStart);
    }

    /// <summary>Users with one country and platform each, but one who moves from FR to DE and one
    /// who uses two platforms; purchases over 30 days, and a rare refund (whose rows the store keeps).</summary>
    private static EventStore Store()
    {
        var store = new EventStore();
        var events = new List<UserAnalytics.GrainInterfaces.Rows.EventRow>();
        for (var u = 0; u < 40; u++)
        {
            for (var i = 0; i < 30; i++)
            {
                var country = u == 5 ? (i < 26 ? "FR" : "DE") : u % 3 == 0 ? "FR" : "US";
                var platform = u == 8 && i % 2 == 0 ? "web" : u % 2 == 0 ? "ios" : "android";
                events.Add(Event($"u{u}", $"e{u}-{i}", T0 + (i * 86_400_000L) + u, eventType: i % 4 == 0 ? "purchase" : u % 5 == 0 && i == 25 ? "refund" : "page_view",
                    platform: platform, device: platform == "web" ? "desktop" : "mobile", country: country, duration: i + (u * 0.5)));
            }
        }
        store.Add([.. events]);
        return store;
    }

    private static List<string> Groups(EventStore store, GroupQuery query)
    {
        var partial = GroupScan.Run(store, query, default);
        return [.. Enumerable.Range(0, partial.Count)
            .Select(g => $"{partial.Periods[g]} {string.Join('/', Enumerable.Range(0, query.Dimensions.Length).Select(d => partial.Key(d, g)))}: {string.Join(' ', partial.Values.Select(v => v[g]))}")
            .Order(StringComparer.Ordinal)];
    }

    private static List<string> Members(EventStore store, SegmentRule rule, long now) =>
        [.. SegmentEvaluator.Evaluate(store, rule, now).Rows.Where(r => r.Active).Select(r => r.UserId).Order(StringComparer.Ordinal)];
}
