using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using UserAnalytics.Grains.Storage;

namespace UserAnalytics.Grains.Tests;

public sealed class FileLogStreamTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task RecordsAreReplayedInAppendOrder()
    {
        await using (var stream = await Open())
        {
            await stream.ReplayAsync(LogPosition.Start, _ => { }, default);
            for (var i = 0; i < 5; i++)
            {
                await stream.AppendAsync(new[] { (byte)i, (byte)(i * 2) }, default);
            }
        }

        var replayed = await ReplayAll();

        Assert.Equal([[0, 0], [1, 2], [2, 4], [3, 6], [4, 8]], replayed);
    }

    [Fact]
    public async Task ConcurrentAppendsAreAllStored()
    {
        await using (var stream = await Open())
        {
            await stream.ReplayAsync(LogPosition.Start, _ => { }, default);
            await Task.WhenAll(Enumerable.Range(0, 200).Select(i => stream.AppendAsync(BitConverter.GetBytes(i), default)));
        }

        var replayed = await ReplayAll();

        Assert.Equal(Enumerable.Range(0, 200), replayed.Select(r => BitConverter.ToInt32(r)).Order());
    }

    [Fact]
    public async Task AnAppendAfterTheStreamIsClosedFailsInsteadOfWaitingForever()
    {
        var stream = await Open();
        await stream.ReplayAsync(LogPosition.Start, _ => { }, default);
        await stream.AppendAsync(new byte[] { 1 }, default);
        await stream.DisposeAsync();

        var late = stream.AppendAsync(new byte[] { 2 }, default);

        Assert.True(late.IsCompleted);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => late);
        Assert.Equal([[1]], await ReplayAll());
    }

    [Fact]
    public async Task TornTailIsDroppedAndTheLogStaysUsable()
    {
        await WriteRecords(3);
        var path = System.IO.Path.Combine(_dir.Path, "s.log");
        var goodLength = new FileInfo(path).Length;
        // A record header promising 100 bytes, followed by only 10: a write cut off by a crash.
        await using (var file = new FileStream(path, FileMode.Append))
        {
            file.Write([100, 0, 0, 0, 1, 2, 3, 4]);
            file.Write(new byte[10]);
        }

        await using (var stream = await Open())
        {
            var count = await stream.ReplayAsync(LogPosition.Start, _ => { }, default);
            Assert.Equal(3, count!.Value.Records);
            Assert.Equal(goodLength, new FileInfo(path).Length);
            await stream.AppendAsync(new byte[] { 42 }, default);
        }

        var replayed = await ReplayAll();
        Assert.Equal(4, replayed.Count);
        Assert.Equal([42], replayed[^1]);
    }

    [Fact]
    public async Task CorruptRecordStopsReplayThere()
    {
        await WriteRecords(3);
        var path = System.IO.Path.Combine(_dir.Path, "s.log");
        var bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(path, bytes);

        var replayed = await ReplayAll();

        Assert.Equal(2, replayed.Count);
    }

    [Fact]
    public async Task AFileThatIsNotALogIsRefused()
    {
        File.WriteAllText(System.IO.Path.Combine(_dir.Path, "s.log"), "definitely not a log file");

        await Assert.ThrowsAsync<InvalidDataException>(Open);
    }

    [Fact]
    public async Task ReplayFromAPositionAppliesOnlyTheRecordsAfterIt()
    {
        await WriteRecords(3);
        LogPosition? afterThree;
        await using (var stream = await Open())
        {
            afterThree = await stream.ReplayAsync(LogPosition.Start, _ => { }, default);
            await stream.AppendAsync(new byte[] { 7 }, default);
            await stream.AppendAsync(new byte[] { 8 }, default);
        }

        var seen = new List<byte>();
        await using var again = await Open();
        var end = await again.ReplayAsync(afterThree!.Value, r => seen.Add(r.Span[0]), default);

        Assert.Equal(3, afterThree.Value.Records);
        Assert.Equal([7, 8], seen);
        Assert.Equal(5, end!.Value.Records);
        Assert.NotEqual(afterThree.Value.LastRecordCrc, end.Value.LastRecordCrc);
    }

    [Fact]
    public async Task APositionOfAnotherLogIsRefusedAndNothingIsApplied()
    {
        await WriteRecords(3);
        LogPosition end;
        await using (var stream = await Open())
        {
            end = (await stream.ReplayAsync(LogPosition.Start, _ => { }, default))!.Value;
        }
        var applied = 0;

        await using var again = await Open();
        Assert.Null(await again.ReplayAsync(end with { LastRecordCrc = end.LastRecordCrc ^ 1 }, _ => applied++, default));
        Assert.Null(await again.ReplayAsync(end with { Records = 4 }, _ => applied++, default));
        Assert.Equal(0, applied);
        Assert.Equal(end, await again.ReplayAsync(end, _ => applied++, default));
        Assert.Equal(0, applied);
    }

    [Fact]
    public async Task TheBytesAfterAPositionAreThoseOfTheFramedRecordsAfterIt()
    {
        await WriteRecords(3);
        var records = await ReplayAll();
        var afterTwo = new LogPosition(2, Crc32C.Compute(records[1]));

        await using var again = await Open();
        // Each record: 4 payload bytes behind an 8-byte frame (length, checksum).
        Assert.Equal(36, await again.BytesAfterAsync(LogPosition.Start, default));
        Assert.Equal(12, await again.BytesAfterAsync(afterTwo, default));
        Assert.Equal(0, await again.BytesAfterAsync(afterTwo with { Records = 3, LastRecordCrc = Crc32C.Compute(records[2]) }, default));
        Assert.Null(await again.BytesAfterAsync(afterTwo with { LastRecordCrc = afterTwo.LastRecordCrc ^ 1 }, default));
    }

    private async Task WriteRecords(int count)
    {
        await using var stream = await Open();
        await stream.ReplayAsync(LogPosition.Start, _ => { }, default);
        for (var i = 0; i < count; i++)
        {
            await stream.AppendAsync(new byte[] { 1, 2, 3, (byte)i }, default);
        }
    }

    private async Task<List<byte[]>> ReplayAll()
    {
        var records = new List<byte[]>();
        await using var stream = await Open();
        await stream.ReplayAsync(LogPosition.Start, r => records.Add(r.ToArray()), default);
        return records;
    }

    private Task<ILogStream> Open() =>
        new FileEventLog(Options.Create(new FileEventLogOptions { Directory = _dir.Path }), NullLogger<FileEventLog>.Instance)
            .OpenAsync("s", default);
}
