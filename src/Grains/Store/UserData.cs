using UserAnalytics.GrainInterfaces.Rows;

namespace UserAnalytics.Grains.Store;

/// <summary>Everything a store holds about one user.</summary>
internal sealed class UserData
{
    public UserData(string userId, int index)
    {
        UserId = userId;
        Index = index;
    }

    public string UserId { get; }

    /// <summary>Dense per-store number of the user: array index for per-user state in scans.</summary>
    public int Index { get; }

    public EventTable Events { get; } = new();

    /// <summary>Changes whenever a row of this user is stored.</summary>
    public long Version { get; set; }

    /// <summary>The winning <c>customers</c> row, if any.</summary>
    public Versioned<CustomerRow>? Customer { get; set; }

    /// <summary>The winning <c>user_segments</c> row per segment code.</summary>
    public Dictionary<int, Versioned<SegmentRow>>? Memberships { get; set; }
}
