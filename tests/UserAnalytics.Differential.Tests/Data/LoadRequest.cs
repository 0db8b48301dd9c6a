namespace UserAnalytics.Differential.Tests.Data;

/// <summary>One HTTP request of the load, and the rows it stores, in order (its invalid lines are
/// not among them).</summary>
public sealed record LoadRequest(string Path, byte[] Body, string ContentType, bool Gzip, IReadOnlyList<object> StoredRows, int InvalidRows);
