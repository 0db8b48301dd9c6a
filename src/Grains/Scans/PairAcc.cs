namespace UserAnalytics.Grains.Scans;

/// <summary>Engagement of one user with one item (a content id or a recommendation id).</summary>
internal struct PairAcc
{
    public int Item;
    public long Views;
    public long Clicks;
    public long Likes;
    public long Shares;
    public double TotalDuration;
    public long LastMs;
}
