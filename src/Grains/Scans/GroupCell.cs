namespace UserAnalytics.Grains.Scans;

/// <summary>
/// The plain measures of one group, side by side, so that a row adding to a group touches one
/// cache line: content_engagement spreads its rows over ≈ 200k groups a shard, and four separate
/// arrays cost up to four cache misses a row.
/// </summary>
internal struct GroupCell
{
    /// <summary>The last user that added to the group, plus one (0: none yet), so a cleared
    /// array is a fresh one.</summary>
    public int Mark;

    public int Users;

    public long Events;

    public double Duration;

    /// <summary>Adds a row of user <paramref name="mark"/> (user index plus one).</summary>
    public void Add(int mark)
    {
        Events++;
        if (Mark != mark)
        {
            Mark = mark;
            Users++;
        }
    }
}
