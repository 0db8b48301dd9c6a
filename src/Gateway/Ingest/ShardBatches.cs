using UserAnalytics.GrainInterfaces;
using UserAnalytics.GrainInterfaces.Rows;

namespace UserAnalytics.Gateway.Ingest;

/// <summary>Accepted rows grouped by the shard that owns them, until they are sent.</summary>
internal sealed class ShardBatches
{
    private readonly int _shards;
    private readonly Dictionary<int, Builder> _builders = [];

    public ShardBatches(int shards)
    {
        _shards = shards;
    }

    public int Count { get; private set; }

    public void Add(EventRow row) => For(row.UserId).Events.Add(row);

    public void Add(CustomerRow row) => For(row.CustomerId).Customers.Add(row);

    public void Add(SegmentRow row) => For(row.UserId).Segments.Add(row);

    public void Add(MetricRow row) => For(row.SegmentId).Metrics.Add(row);

    /// <summary>Hands out every buffered batch and starts empty again.</summary>
    public List<(int Shard, ShardBatch Batch)> Drain()
    {
        var batches = _builders
            .Select(b => (b.Key, new ShardBatch([.. b.Value.Events], [.. b.Value.Customers], [.. b.Value.Segments], [.. b.Value.Metrics])))
            .ToList();
        _builders.Clear();
        Count = 0;
        return batches;
    }

    private Builder For(string partitionKey)
    {
        Count++;
        var shard = GrainKeys.ShardOf(partitionKey, _shards);
        if (!_builders.TryGetValue(shard, out var builder))
        {
            builder = new Builder();
            _builders.Add(shard, builder);
        }
        return builder;
    }

    private sealed class Builder
    {
        public List<EventRow> Events { get; } = [];

        public List<CustomerRow> Customers { get; } = [];

        public List<SegmentRow> Segments { get; } = [];

        public List<MetricRow> Metrics { get; } = [];
    }
}
