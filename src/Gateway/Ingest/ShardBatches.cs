using UserAnalytics.GrainInterfaces;
using UserAnalytics.GrainInterfaces.Rows;

namespace UserAnalytics.Gateway.Ingest;

/// <summary>Accepted rows, encoded per shard as they are parsed, until they are sent.</summary>
internal sealed class ShardBatches
{
    private readonly int _shards;
    private readonly Dictionary<int, BatchWriter> _writers = [];

    public ShardBatches(int shards)
    {
        _shards = shards;
    }

    public int Count { get; private set; }

    public void Add(in EventFields row) => For(row.UserId).Event(in row);

    public void Add(CustomerRow row) => For(row.CustomerId).Customer(row);

    public void Add(SegmentRow row) => For(row.UserId).Segment(row);

    public void Add(MetricRow row) => For(row.SegmentId).Metric(row);

    /// <summary>Hands out every buffered batch and starts empty again (the buffers are kept).</summary>
    public List<(int Shard, ShardBatch Batch)> Drain()
    {
        var batches = new List<(int, ShardBatch)>();
        foreach (var (shard, writer) in _writers)
        {
            if (writer.Rows > 0)
            {
                batches.Add((shard, writer.ToBatch()));
                writer.Clear();
            }
        }
        Count = 0;
        return batches;
    }

    private BatchWriter For(string partitionKey) => Writer(GrainKeys.ShardOf(partitionKey, _shards));

    private BatchWriter For(ReadOnlySpan<byte> partitionKey) => Writer(GrainKeys.ShardOf(partitionKey, _shards));

    private BatchWriter Writer(int shard)
    {
        Count++;
        if (!_writers.TryGetValue(shard, out var writer))
        {
            writer = new BatchWriter(64 * 1024);
            _writers.Add(shard, writer);
        }
        return writer;
    }
}
