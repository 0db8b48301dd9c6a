using UserAnalytics.GrainInterfaces.Rows;

namespace UserAnalytics.Grains.Store;

/// <summary>A user's winning <c>user_segments</c> row for one segment, kept in the user's
/// <see cref="Memberships"/> as a value: 48 bytes, where the row object and its entry took 80.
/// The user id is the user's own; the texts are shared with every other row of the store. Arrival
/// is the order in which it was stored, which breaks ties between versions.</summary>
internal readonly record struct Membership(string SegmentId, string SegmentName, long CreatedAtMs, long UpdatedAtMs, bool Active, long Arrival)
{
    public static Membership Of(SegmentRow row, long arrival) =>
        new(row.SegmentId, row.SegmentName, row.CreatedAtMs, row.UpdatedAtMs, row.Active, arrival);

    /// <summary>The row as it was stored, for <paramref name="userId"/> (its user).</summary>
    public SegmentRow Row(string userId) => new(userId, SegmentId, SegmentName, CreatedAtMs, UpdatedAtMs, Active);
}
