namespace UserAnalytics.Grains.Store;

/// <summary>Fingerprints of every stored (user, event_id). A hit only says "maybe": the caller
/// confirms against the user's stored ids, so a fingerprint collision can never drop an event.
/// New fingerprints go to a hash table; <see cref="Fold"/> (at each compaction) moves them into a
/// sorted set of 2 bytes per event, once there are enough of them to pay for its 256 KB bucket
/// table; the hash table alone took about 6.5 bytes per event.</summary>
internal sealed class DedupIndex
{
    /// <summary>Below this many fingerprints (a user grain's copy, a small shard) the hash table
    /// is smaller than the sorted set's bucket table.</summary>
    public const int MinToFold = 1 << 16;

    private FingerprintTable _recent = new();
    private SortedFingerprints _sorted = SortedFingerprints.Empty;

    public int Count => _recent.Count + _sorted.Count;

    /// <summary>Fingerprints in the sorted set (the rest are in the hash table).</summary>
    public int SortedCount => _sorted.Count;

    public long Bytes => _recent.Bytes + (_sorted.Count > 0 ? _sorted.Bytes : 0);

    public void Add(uint fingerprint) => _recent.Add(fingerprint);

    public bool MayContain(uint fingerprint) =>
        _recent.Contains(fingerprint) || (_sorted.Count > 0 && _sorted.Contains(fingerprint));

    /// <summary>Moves the hash table's fingerprints into the sorted set, when there are enough in all.</summary>
    public void Fold()
    {
        if (_recent.Count > 0 && Count >= MinToFold)
        {
            _sorted = _sorted.Merge(_recent.TakeSorted());
        }
    }

    public void Write(BinaryWriter writer)
    {
        _sorted.Write(writer);
        _recent.Write(writer);
    }

    public static DedupIndex Read(BinaryReader reader) => new()
    {
        _sorted = SortedFingerprints.Read(reader),
        _recent = FingerprintTable.Read(reader),
    };
}
