namespace UserAnalytics.Grains.Storage;

/// <summary>Where and how often shards save their in-memory state, so that an activation reads it
/// and replays only the log records written after it.</summary>
public sealed class CheckpointOptions
{
    public const string Section = "Checkpoints";

    /// <summary>Directory of the checkpoint files; none are written or read when it is not set. The
    /// embedded mode puts them in the data directory; in the production mode they are a local cache
    /// of each silo (<c>UA_CHECKPOINT_DIR</c>), off unless set.</summary>
    public string? Directory { get; set; }

    /// <summary>The least time between two checkpoints of a shard.</summary>
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A shard writes a new checkpoint once its log has grown by this fraction since the
    /// last one (or <see cref="MaxInterval"/> has passed), so the cost of writing stays a small
    /// share of what was ingested.</summary>
    public double GrowthToWrite { get; set; } = 0.1;

    /// <summary>After this long any change is checkpointed, however small.</summary>
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A shard under sustained ingest is never idle, so it checkpoints anyway once this
    /// long has passed since its last checkpoint (and its log grew by <see cref="GrowthToWrite"/>),
    /// holding its appends while it writes (130–220 ms per 600k events): a restart after a crash
    /// then replays about this much of its log, not all of it.</summary>
    public TimeSpan BusyInterval { get; set; } = TimeSpan.FromMinutes(5);
}
