namespace UserAnalytics.Grains.Activity;

/// <summary>Remembers the (shard, batch) pairs a consumer has counted recently, so a batch that
/// arrives twice (once directly for <c>wait=true</c>, once on the stream) counts once.</summary>
internal sealed class DuplicateBatches
{
    private const int Remembered = 4096;
    private readonly HashSet<(int Shard, long Sequence)> _seen = [];
    private readonly Queue<(int Shard, long Sequence)> _order = new();

    /// <summary>True when the batch was not seen before.</summary>
    public bool Add(int shard, long sequence)
    {
        if (!_seen.Add((shard, sequence)))
        {
            return false;
        }
        _order.Enqueue((shard, sequence));
        if (_order.Count > Remembered)
        {
            _seen.Remove(_order.Dequeue());
        }
        return true;
    }
}
