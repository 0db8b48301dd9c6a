namespace UserAnalytics.Grains.Store;

/// <summary>Builds the ids of a new sealed block, front to back.</summary>
internal abstract class SealedIdsWriter : IDisposable
{
    public abstract void Append(ReadOnlySpan<EventIdKey> ids);

    public abstract SealedIds Complete();

    public virtual void Dispose()
    {
    }
}
