namespace UserAnalytics.Grains.Store;

/// <summary>A stored row and the order in which it was stored, which breaks ties between versions
/// with equal version times (the later one wins, as a replacing merge would keep it).</summary>
internal readonly record struct Versioned<T>(T Row, long Arrival);
