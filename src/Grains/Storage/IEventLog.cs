namespace UserAnalytics.Grains.Storage;

/// <summary>Durable, append-only record streams: one per shard (and per quarantine). The embedded
/// implementation keeps a file per stream; the production one a PostgreSQL table.</summary>
public interface IEventLog
{
    /// <summary>Opens (creating when needed) a stream for exclusive use by the caller, which is the
    /// single activation that owns the partition.</summary>
    Task<ILogStream> OpenAsync(string name, CancellationToken cancellationToken);
}
