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

    /// <summary>The spec's affinity score of the pair, rounded as it is shown.</summary>
    public readonly double Score => ContentBaselineScan.Score(Views, Clicks, Likes, Shares, TotalDuration);

    /// <summary>Adds one event of the pair; rows come in time order, so the last is the latest.</summary>
    public void Add(int type, double duration, long timestampMs, in MeasureTypeCodes codes)
    {
        Views += type == codes.View ? 1 : 0;
        Clicks += type == codes.Click ? 1 : 0;
        Likes += type == codes.Like ? 1 : 0;
        Shares += type == codes.Share ? 1 : 0;
        TotalDuration += duration;
        LastMs = timestampMs;
    }
}
