namespace UserAnalytics.Gateway.Ingest;

/// <summary>The shards could not store rows; the request may be retried. Rows counted in
/// <see cref="StoredRows"/> were stored before the failure.</summary>
internal sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException(long storedRows, Exception inner)
        : base($"storage is unavailable ({inner.GetType().Name}: {inner.Message})", inner)
    {
        StoredRows = storedRows;
    }

    public long StoredRows { get; }
}
