namespace UserAnalytics.Grains.Store;

/// <summary>A sorted multiset of 32-bit fingerprints in 2 bytes each: the high half picks one of
/// 65,536 buckets (an offset table of 256 KB), the low half is stored, sorted within its bucket.
/// Nothing of the fingerprint is lost, so two of them merge without the ids they came from.
/// Immutable; <see cref="Merge"/> builds the next one.</summary>
internal sealed class SortedFingerprints
{
    private const int Buckets = 1 << 16;

    public static SortedFingerprints Empty { get; } = new(new int[Buckets + 1], []);

    private readonly int[] _bucketStart;
    private readonly ushort[] _low;

    private SortedFingerprints(int[] bucketStart, ushort[] low)
    {
        _bucketStart = bucketStart;
        _low = low;
    }

    public int Count => _low.Length;

    public long Bytes => (_bucketStart.Length * 4L) + (_low.Length * 2L);

    public bool Contains(uint fingerprint)
    {
        var bucket = (int)(fingerprint >> 16);
        var start = _bucketStart[bucket];
        return _low.AsSpan(start, _bucketStart[bucket + 1] - start).Contains((ushort)fingerprint);
    }

    /// <summary>This set and <paramref name="sorted"/> (ascending) together.</summary>
    public SortedFingerprints Merge(ReadOnlySpan<uint> sorted)
    {
        var start = new int[Buckets + 1];
        var low = new ushort[_low.Length + sorted.Length];
        int n = 0, j = 0;
        for (var bucket = 0; bucket < Buckets; bucket++)
        {
            start[bucket] = n;
            var old = _low.AsSpan(_bucketStart[bucket], _bucketStart[bucket + 1] - _bucketStart[bucket]);
            var i = 0;
            while (j < sorted.Length && sorted[j] >> 16 == bucket)
            {
                var value = (ushort)sorted[j];
                while (i < old.Length && old[i] <= value)
                {
                    low[n++] = old[i++];
                }
                low[n++] = value;
                j++;
            }
            old[i..].CopyTo(low.AsSpan(n));
            n += old.Length - i;
        }
        start[Buckets] = n;
        return new SortedFingerprints(start, low);
    }

    /// <summary>Writes the set; an empty one without its bucket table.</summary>
    public void Write(BinaryWriter writer)
    {
        BinaryArrays.Write<int>(writer, Count > 0 ? _bucketStart : []);
        BinaryArrays.Write<ushort>(writer, _low);
    }

    public static SortedFingerprints Read(BinaryReader reader)
    {
        var start = BinaryArrays.Read<int>(reader);
        var low = BinaryArrays.Read<ushort>(reader);
        if (start.Length == 0 && low.Length == 0)
        {
            return Empty;
        }
        if (start.Length != Buckets + 1 || start[0] != 0 || start[Buckets] != low.Length)
        {
            throw new InvalidDataException("The sorted fingerprints of the checkpoint do not add up.");
        }
        for (var b = 0; b < Buckets; b++)
        {
            if (start[b + 1] < start[b])
            {
                throw new InvalidDataException("The sorted fingerprints of the checkpoint do not add up.");
            }
        }
        return new SortedFingerprints(start, low);
    }
}
