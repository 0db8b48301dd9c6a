using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using UserAnalytics.Gateway.Hosting;
using UserAnalytics.Grains.Storage;
using UserAnalytics.Grains.Storage.Postgres;
using UserAnalytics.Silo.Postgres;

namespace UserAnalytics.Cluster.Tests;

/// <summary>The production event log against a real PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresEventLogTests : IAsyncLifetime
{
    private readonly PostgresServer _server;
    private string _database = "";

    public PostgresEventLogTests(PostgresFixture fixture)
    {
        _server = fixture.Server;
    }

    public async Task InitializeAsync()
    {
        _database = await _server.CreateDatabaseAsync("ua_log");
        await PostgresSchema.EnsureAsync(_database, 4, NullLogger.Instance, CancellationToken.None);
    }

    public Task DisposeAsync() => _server.DropDatabaseAsync(_database);

    [Fact]
    public async Task RecordsAppendedConcurrentlyAreReplayedInAppendOrderByTheNextOwner()
    {
        await using var log = NewLog();
        await using (var stream = await log.OpenAsync("shard-0001", CancellationToken.None))
        {
            Assert.Equal(0, (await stream.ReplayAsync(LogPosition.Start, _ => { }, CancellationToken.None))!.Value.Records);
            await Task.WhenAll(Enumerable.Range(0, 200).Select(i => stream.AppendAsync(BitConverter.GetBytes(i), CancellationToken.None)));
            await stream.AppendAsync(new byte[100_000], CancellationToken.None);
        }

        await using var next = await NewLog().OpenAsync("shard-0001", CancellationToken.None);
        var records = new List<byte[]>();
        var count = await next.ReplayAsync(LogPosition.Start, r => records.Add(r.ToArray()), CancellationToken.None);

        Assert.Equal(201, count!.Value.Records);
        Assert.Equal(Enumerable.Range(0, 200).ToHashSet(), records.Take(200).Select(r => BitConverter.ToInt32(r)).ToHashSet());
        Assert.Equal(100_000, records[^1].Length);
        await next.AppendAsync(new byte[] { 7 }, CancellationToken.None);
    }

    [Fact]
    public async Task TheBytesAfterAPositionAreTheSizesOfTheLaterRecordsOfThatStreamOnly()
    {
        await using var log = NewLog();
        await using (var stream = await log.OpenAsync("shard-0003", CancellationToken.None))
        {
            await stream.ReplayAsync(LogPosition.Start, _ => { }, CancellationToken.None);
            await stream.AppendAsync(new byte[10], CancellationToken.None);
            await stream.AppendAsync(new byte[20], CancellationToken.None);
            await stream.AppendAsync(new byte[300_000], CancellationToken.None);
        }
        await using (var other = await log.OpenAsync("shard-0004", CancellationToken.None))
        {
            await other.ReplayAsync(LogPosition.Start, _ => { }, CancellationToken.None);
            await other.AppendAsync(new byte[5], CancellationToken.None);
        }

        await using var again = await log.OpenAsync("shard-0003", CancellationToken.None);

        Assert.Equal(300_030, await again.BytesAfterAsync(LogPosition.Start, CancellationToken.None));
        Assert.Equal(300_000, await again.BytesAfterAsync(new LogPosition(2, 0), CancellationToken.None));
        Assert.Equal(0, await again.BytesAfterAsync(new LogPosition(3, 0), CancellationToken.None));
    }

    [Fact]
    public async Task ReplayFromAPositionAppliesOnlyLaterRecordsAndRefusesAPositionOfAnotherLog()
    {
        await using var log = NewLog();
        LogPosition afterTwo;
        await using (var stream = await log.OpenAsync("shard-0005", CancellationToken.None))
        {
            await stream.ReplayAsync(LogPosition.Start, _ => { }, CancellationToken.None);
            await stream.AppendAsync(new byte[] { 1 }, CancellationToken.None);
            await stream.AppendAsync(new byte[] { 2 }, CancellationToken.None);
        }
        await using (var stream = await log.OpenAsync("shard-0005", CancellationToken.None))
        {
            afterTwo = (await stream.ReplayAsync(LogPosition.Start, _ => { }, CancellationToken.None))!.Value;
            await stream.AppendAsync(new byte[] { 3 }, CancellationToken.None);
        }

        await using var again = await log.OpenAsync("shard-0005", CancellationToken.None);
        var seen = new List<byte>();
        Assert.Null(await again.ReplayAsync(afterTwo with { LastRecordCrc = afterTwo.LastRecordCrc ^ 1 }, r => seen.Add(r.Span[0]), CancellationToken.None));
        Assert.Null(await again.ReplayAsync(afterTwo with { Records = 9 }, r => seen.Add(r.Span[0]), CancellationToken.None));
        Assert.Empty(seen);
        var end = await again.ReplayAsync(afterTwo, r => seen.Add(r.Span[0]), CancellationToken.None);
        Assert.Equal([3], seen);
        Assert.Equal(3, end!.Value.Records);
        await again.AppendAsync(new byte[] { 4 }, CancellationToken.None);
    }

    [Fact]
    public async Task TheSynchronousReplayAppliesEveryRecordOnTheCallingThreadAndAgreesWithTheAsynchronousOne()
    {
        await using var log = NewLog();
        LogPosition afterTen;
        await using (var stream = await log.OpenAsync("shard-0006", CancellationToken.None))
        {
            await stream.ReplayAsync(LogPosition.Start, _ => { }, CancellationToken.None);
            await AppendAsync(stream, 0, 10);
        }
        await using (var stream = await log.OpenAsync("shard-0006", CancellationToken.None))
        {
            afterTen = (await stream.ReplayAsync(LogPosition.Start, _ => { }, CancellationToken.None))!.Value;
            // 2 MB in all, so the server sends it in many network reads.
            await AppendAsync(stream, 10, 490);
        }
        await using var reader = await log.OpenAsync("shard-0006", CancellationToken.None);
        var asynchronous = new List<byte>();
        var asyncEnd = await reader.ReplayAsync(LogPosition.Start, r => asynchronous.Add(r.Span[0]), CancellationToken.None);

        // As a shard load runs it: on a thread of its own (ReplayGate).
        var (synchronous, threads, loader, end, fromTen, wrong) = await Task.Factory.StartNew(
            () =>
            {
                var seen = new List<byte>();
                var threads = new HashSet<int>();
                var end = reader.Replay(LogPosition.Start, r => { seen.Add(r.Span[0]); threads.Add(Environment.CurrentManagedThreadId); }, CancellationToken.None);
                var fromTen = reader.Replay(afterTen, r => threads.Add(Environment.CurrentManagedThreadId), CancellationToken.None);
                var wrong = reader.Replay(afterTen with { LastRecordCrc = afterTen.LastRecordCrc ^ 1 }, _ => threads.Add(-1), CancellationToken.None);
                return (seen, threads, Environment.CurrentManagedThreadId, end, fromTen, wrong);
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        Assert.Equal(asynchronous, synchronous);
        Assert.Equal(500, synchronous.Count);
        Assert.Equal([loader], threads);
        Assert.Equal(asyncEnd, end);
        Assert.Equal(asyncEnd, fromTen);
        Assert.Null(wrong);

        // Queued in order, written together (one COPY for the appends that wait on a write).
        static Task AppendAsync(ILogStream stream, int first, int count) => Task.WhenAll(Enumerable.Range(first, count).Select(i =>
        {
            var record = new byte[4096];
            record[0] = (byte)i;
            return stream.AppendAsync(record, CancellationToken.None);
        }));
    }

    [Fact]
    public async Task StreamsAreSeparate()
    {
        await using var log = NewLog();
        await using var a = await log.OpenAsync("shard-0002", CancellationToken.None);
        await using var b = await log.OpenAsync("quarantine-user_events", CancellationToken.None);
        await a.ReplayAsync(LogPosition.Start, _ => { }, CancellationToken.None);
        await b.ReplayAsync(LogPosition.Start, _ => { }, CancellationToken.None);

        await a.AppendAsync(new byte[] { 1 }, CancellationToken.None);
        await b.AppendAsync(new byte[] { 2 }, CancellationToken.None);
        await b.AppendAsync(new byte[] { 3 }, CancellationToken.None);

        await using var again = await log.OpenAsync("quarantine-user_events", CancellationToken.None);
        var seen = new List<byte>();
        await again.ReplayAsync(LogPosition.Start, r => seen.Add(r.Span[0]), CancellationToken.None);
        Assert.Equal([2, 3], seen);
    }

    [Fact]
    public async Task ASecondOwnerFencesTheFirstInsteadOfInterleaving()
    {
        await using var log = NewLog();
        await using var first = await log.OpenAsync("shard-0003", CancellationToken.None);
        await first.ReplayAsync(LogPosition.Start, _ => { }, CancellationToken.None);
        await using var second = await log.OpenAsync("shard-0003", CancellationToken.None);
        await second.ReplayAsync(LogPosition.Start, _ => { }, CancellationToken.None);

        await second.AppendAsync(new byte[] { 1 }, CancellationToken.None);
        var fenced = await Assert.ThrowsAsync<IOException>(() => first.AppendAsync(new byte[] { 2 }, CancellationToken.None));
        Assert.Contains("another owner", fenced.Message, StringComparison.Ordinal);
        // A fenced stream stays closed: its owner must reload.
        await Assert.ThrowsAsync<IOException>(() => first.AppendAsync(new byte[] { 3 }, CancellationToken.None));

        await using var reader = await log.OpenAsync("shard-0003", CancellationToken.None);
        var seen = new List<byte>();
        await reader.ReplayAsync(LogPosition.Start, r => seen.Add(r.Span[0]), CancellationToken.None);
        Assert.Equal([1], seen);
    }

    [Fact]
    public async Task AppendingBeforeReplayIsRefused()
    {
        await using var log = NewLog();
        await using var stream = await log.OpenAsync("shard-0004", CancellationToken.None);

        await Assert.ThrowsAsync<IOException>(() => stream.AppendAsync(new byte[] { 1 }, CancellationToken.None));
    }

    [Fact]
    public async Task TheSchemaIsAppliedOnceAndPinsTheShardCount()
    {
        await PostgresSchema.EnsureAsync(_database, 4, NullLogger.Instance, CancellationToken.None);
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PostgresSchema.EnsureAsync(_database, 4, NullLogger.Instance, CancellationToken.None)));

        var wrong = await Assert.ThrowsAsync<StartupException>(() => PostgresSchema.EnsureAsync(_database, 8, NullLogger.Instance, CancellationToken.None));
        Assert.Contains("UA_SHARDS=4", wrong.Message, StringComparison.Ordinal);
    }

    private PostgresEventLog NewLog() =>
        new(Options.Create(new PostgresEventLogOptions { ConnectionString = _database }), NullLogger<PostgresEventLog>.Instance);
}
