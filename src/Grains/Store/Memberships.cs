namespace UserAnalytics.Grains.Store;

/// <summary>
/// The winning <c>user_segments</c> row per segment id of one user. A user is in a few segments,
/// so this is a short array searched in order, where a dictionary took about 200 bytes for one
/// membership (some 135k users hold memberships in the 10M-event data set).
/// </summary>
internal sealed class Memberships
{
    private Membership[] _rows = new Membership[1];

    public int Count { get; private set; }

    /// <summary>The rows, in the order their segments first appeared.</summary>
    public ReadOnlySpan<Membership> Values => _rows.AsSpan(0, Count);

    public Membership this[string segmentId] =>
        TryGetValue(segmentId, out var row) ? row : throw new KeyNotFoundException($"No membership in {segmentId}.");

    public bool TryGetValue(string segmentId, out Membership row)
    {
        var i = IndexOf(segmentId);
        row = i >= 0 ? _rows[i] : default;
        return i >= 0;
    }

    /// <summary>Stores <paramref name="row"/> as the membership of its segment.</summary>
    public void Set(Membership row)
    {
        var i = IndexOf(row.SegmentId);
        if (i < 0)
        {
            if (Count == _rows.Length)
            {
                Array.Resize(ref _rows, Count * 2);
            }
            i = Count++;
        }
        _rows[i] = row;
    }

    private int IndexOf(string segmentId)
    {
        for (var i = 0; i < Count; i++)
        {
            if (string.Equals(_rows[i].SegmentId, segmentId, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }
}
