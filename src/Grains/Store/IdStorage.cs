namespace UserAnalytics.Grains.Store;

/// <summary>Where a store keeps the ids of its sealed blocks.</summary>
internal sealed class IdStorage
{
    private IdStorage(string? directory)
    {
        Directory = directory;
    }

    /// <summary>In the heap.</summary>
    public static IdStorage InMemory { get; } = new(null);

    /// <summary>In files in <paramref name="directory"/>.</summary>
    public static IdStorage InFiles(string directory) => new(directory);

    public string? Directory { get; }

    public SealedIdsWriter Begin(int count) => Directory is null ? new MemoryWriter(count) : new FileIds.Writer(Directory);

    private sealed class MemoryWriter(int count) : SealedIdsWriter
    {
        private readonly EventIdKey[] _ids = new EventIdKey[count];
        private int _count;

        public override void Append(ReadOnlySpan<EventIdKey> ids)
        {
            ids.CopyTo(_ids.AsSpan(_count));
            _count += ids.Length;
        }

        public override SealedIds Complete() => new MemoryIds(_count == _ids.Length ? _ids : _ids[.._count]);
    }
}
