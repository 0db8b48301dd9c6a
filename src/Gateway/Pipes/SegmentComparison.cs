using UserAnalytics.Gateway.Output;
using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Gateway.Pipes;

/// <summary><c>segment_comparison</c>: one row per requested segment, in the order given.</summary>
internal sealed class SegmentComparison : IPipe
{
    private static readonly PipeColumn[] Columns =
    [
        new("segment_id", ColumnType.String),
        new("segment_name", ColumnType.String),
        new("member_count", ColumnType.UInt64),
        new("active_users", ColumnType.UInt64),
        new("total_events", ColumnType.UInt64),
        new("events_per_user", ColumnType.Float64),
        new("sessions", ColumnType.UInt64),
        new("avg_session_duration", ColumnType.Float64),
        new("purchasers", ColumnType.UInt64),
        new("conversion_rate", ColumnType.Float64),
    ];

    public string Name => "segment_comparison";

    public async Task<PipeResult> RunAsync(PipeContext context)
    {
        var p = context.Parameters;
        var ids = p.List("segment_ids") ?? throw new BadParameterException("segment_ids", "is required");
        var (from, to) = p.Window();
        var query = new SegmentStatsQuery([.. ids.Distinct(StringComparer.Ordinal)], new EventFilter(from, to));
        var partials = await Task.WhenAll(context.AllShards().Select(s => s.SegmentStats(query, context.CancellationToken)));
        var shards = partials.SelectMany(p => p).ToList();
        var merged = shards.GroupBy(s => s.SegmentId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => SegmentMetrics.Merge([.. g]), StringComparer.Ordinal);
        var rows = ids.Select(id =>
        {
            var m = merged[id];
            return new object?[]
            {
                id, m.SegmentName, m.Members, m.ActiveUsers, m.TotalEvents, m.EventsPerUser, m.Sessions, m.AvgSessionDuration, m.Purchasers, m.ConversionRate,
            };
        }).ToList();
        return new PipeResult(Columns, rows, rows.Count, shards.Sum(s => s.RowsRead));
    }
}
