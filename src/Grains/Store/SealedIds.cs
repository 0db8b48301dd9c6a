namespace UserAnalytics.Grains.Store;

/// <summary>
/// The event ids of a sealed block, by row. Ids are read only to show an event, to confirm a
/// possible duplicate and to order events with equal times, never by an aggregate, so a shard keeps
/// them in a file (<see cref="FileIds"/>) instead of its heap: they were 17 of the ≈ 62 bytes a
/// sealed event took in memory. A user's ids are read with one call, and only when needed.
/// </summary>
internal abstract class SealedIds : IDisposable
{
    public static SealedIds Empty { get; } = new MemoryIds([]);

    public abstract int Count { get; }

    /// <summary>Bytes of the heap this holds (for the memory figures).</summary>
    public abstract long MemoryBytes { get; }

    /// <summary>Copies the ids of rows [<paramref name="start"/>, start + destination length).</summary>
    public abstract void Read(int start, Span<EventIdKey> destination);

    public virtual void Dispose()
    {
    }
}
