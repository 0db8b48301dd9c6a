namespace UserAnalytics.Grains.Store;

/// <summary>Reads a block's ids front to back in large pieces (compaction and checkpoints).</summary>
internal sealed class SealedIdsCursor(SealedIds ids)
{
    private const int ChunkRecords = 1 << 16;
    private EventIdKey[] _buffer = [];
    private int _bufferStart;
    private int _bufferCount;

    /// <summary>The ids of rows [<paramref name="start"/>, start + <paramref name="count"/>); valid until the next call.</summary>
    public ReadOnlySpan<EventIdKey> Get(int start, int count)
    {
        if (count == 0)
        {
            // A user without sealed rows has the range (0, 0): no reason to go back to the start.
            return [];
        }
        if (start < _bufferStart || start + count > _bufferStart + _bufferCount)
        {
            var n = Math.Min(Math.Max(count, ChunkRecords), ids.Count - start);
            if (_buffer.Length < n)
            {
                _buffer = new EventIdKey[Math.Max(n, ChunkRecords)];
            }
            ids.Read(start, _buffer.AsSpan(0, n));
            (_bufferStart, _bufferCount) = (start, n);
        }
        return _buffer.AsSpan(start - _bufferStart, count);
    }
}
