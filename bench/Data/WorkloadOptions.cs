namespace UserAnalytics.Bench.Data;

/// <summary>The size and shape of a generated data set.</summary>
public sealed record WorkloadOptions(long Events, int Users, int Seed, int DaysSpanned = 90)
{
    public string Key => $"g2-e{Events}-u{Users}-s{Seed}";
}
