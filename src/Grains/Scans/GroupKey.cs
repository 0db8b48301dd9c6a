namespace UserAnalytics.Grains.Scans;

/// <summary>A group of a grouped scan: the bucket start and up to three dictionary codes.</summary>
internal readonly record struct GroupKey(long Period, int K0, int K1, int K2);
