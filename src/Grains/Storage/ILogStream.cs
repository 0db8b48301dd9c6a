namespace UserAnalytics.Grains.Storage;

/// <summary>One durable stream of records.</summary>
public interface ILogStream : IAsyncDisposable
{
    string Name { get; }

    /// <summary>Calls <paramref name="apply"/> for every stored record after <paramref name="from"/>
    /// in append order and returns the position after the last one. Call before the first append;
    /// it may be called again (from the start) when the first call returned null. A torn or corrupt
    /// tail is dropped and reported, never thrown.</summary>
    /// <returns>The end of the log, or null when <paramref name="from"/> is not a position of this
    /// log (it holds fewer records, or another record there); nothing was applied then.</returns>
    Task<LogPosition?> ReplayAsync(LogPosition from, Action<ReadOnlyMemory<byte>> apply, CancellationToken cancellationToken);

    /// <summary><see cref="ReplayAsync"/> on the calling thread throughout, <paramref name="apply"/>
    /// included. A shard load runs on a thread of its own (decision 84); awaiting a database read
    /// there would move the rest of the load, and its CPU, onto the thread-pool workers that serve
    /// requests (decision 89).</summary>
    LogPosition? Replay(LogPosition from, Action<ReadOnlyMemory<byte>> apply, CancellationToken cancellationToken);

    /// <summary>About how many bytes the records stored after <paramref name="from"/> take, when
    /// the stream can tell without reading them (a replay sizes its buffers by it); null when it
    /// cannot, or when <paramref name="from"/> is not a position of this log.</summary>
    ValueTask<long?> BytesAfterAsync(LogPosition from, CancellationToken cancellationToken) => ValueTask.FromResult<long?>(null);

    /// <summary>Appends one record. The task completes once the record is on stable storage;
    /// records appended concurrently share one flush.</summary>
    Task AppendAsync(ReadOnlyMemory<byte> record, CancellationToken cancellationToken);
}
