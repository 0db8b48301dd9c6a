namespace UserAnalytics.Grains.Scans;

/// <summary>A session of one user computed from its filtered events.</summary>
internal struct SessionAcc
{
    public int Key;
    public int FirstIndex;
    public int LastIndex;
    public long StartMs;
    public long EndMs;
    public long Events;
    public long PageViews;
    public long Interactions;
    public double TotalDuration;
    public long UniquePages;
    public long UniqueContent;
    public bool CountsDistinct;

    public readonly long DurationMs => EndMs - StartMs;
}
