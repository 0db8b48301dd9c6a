namespace UserAnalytics.Grains.Storage;

/// <summary>One durable stream of records.</summary>
public interface ILogStream : IAsyncDisposable
{
    string Name { get; }

    /// <summary>Calls <paramref name="apply"/> for every stored record in append order and returns
    /// their number. Call once, before the first append. A torn or corrupt tail is dropped and
    /// reported, never thrown.</summary>
    Task<long> ReplayAsync(Action<ReadOnlyMemory<byte>> apply, CancellationToken cancellationToken);

    /// <summary>Appends one record. The task completes once the record is on stable storage;
    /// records appended concurrently share one flush.</summary>
    Task AppendAsync(ReadOnlyMemory<byte> record, CancellationToken cancellationToken);
}
