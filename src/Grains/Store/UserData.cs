namespace UserAnalytics.Grains.Store;

/// <summary>Everything a store holds about one user, apart from the event columns themselves.</summary>
internal sealed class UserData
{
    public UserData(string userId, int index)
    {
        UserId = userId;
        Index = index;
    }

    public string UserId { get; }

    /// <summary>Dense per-store number of the user: its run in the sealed block, array index in scans.</summary>
    public int Index { get; }

    /// <summary>The user's rows in the tail (stored since the last compaction), or null.</summary>
    public List<int>? TailRows { get; set; }

    private long _version;

    /// <summary>Changes whenever a row of this user is stored. User grains in the shard's silo read
    /// it from their own threads (<c>LocalShards</c>).</summary>
    public long Version
    {
        get => Volatile.Read(ref _version);
        set => Volatile.Write(ref _version, value);
    }

    /// <summary>The slot of the winning <c>customers</c> row in the store's <see cref="CustomerColumns"/>, or -1.</summary>
    public int CustomerSlot { get; set; } = -1;

    /// <summary>The winning <c>user_segments</c> row per segment id.</summary>
    public Memberships? Memberships { get; set; }
}
