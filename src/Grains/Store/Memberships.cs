using UserAnalytics.GrainInterfaces.Rows;

namespace UserAnalytics.Grains.Store;

/// <summary>
/// The winning <c>user_segments</c> row per segment id of one user. A user is in a few segments,
/// so this is a short array searched in order: about 60 bytes for one membership, where a
/// dictionary took about 200 (some 120k users hold memberships in the 10M-event data set).
/// </summary>
internal sealed class Memberships
{
    private Versioned<SegmentRow>[] _rows = new Versioned<SegmentRow>[1];

    public int Count { get; private set; }

    /// <summary>The rows, in the order their segments first appeared.</summary>
    public ReadOnlySpan<Versioned<SegmentRow>> Values => _rows.AsSpan(0, Count);

    public Versioned<SegmentRow> this[string segmentId] =>
        TryGetValue(segmentId, out var row) ? row : throw new KeyNotFoundException($"No membership in {segmentId}.");

    public bool TryGetValue(string segmentId, out Versioned<SegmentRow> row)
    {
        var i = IndexOf(segmentId);
        row = i >= 0 ? _rows[i] : default;
        return i >= 0;
    }

    /// <summary>Stores <paramref name="row"/> as the membership of its segment.</summary>
    public void Set(Versioned<SegmentRow> row)
    {
        var i = IndexOf(row.Row.SegmentId);
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
            if (string.Equals(_rows[i].Row.SegmentId, segmentId, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }
}
