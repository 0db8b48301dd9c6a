using UserAnalytics.Gateway.Output;
using UserAnalytics.GrainInterfaces;
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
        var merged = partials.SelectMany(p => p).GroupBy(s => s.SegmentId, StringComparer.Ordinal).ToDictionary(g => g.Key, Merge, StringComparer.Ordinal);
        var rows = ids.Select(id =>
        {
            var s = merged[id];
            return new object?[]
            {
                id, s.Name, s.Members, s.ActiveUsers, s.Events, ContractMath.Average(s.Events, s.ActiveUsers), s.Sessions,
                s.Sessions == 0 ? 0.0 : ContractMath.Round2((double)s.SessionDurationMs / s.Sessions / 1000),
                s.Purchasers, ContractMath.Percent(s.Purchasers, s.ActiveUsers),
            };
        }).ToList();
        return new PipeResult(Columns, rows, rows.Count, merged.Values.Sum(s => s.RowsRead));
    }

    private static SegmentStats Merge(IEnumerable<SegmentStats> shards)
    {
        var all = shards.ToList();
        // The segment's name is the one on its latest row; equal update times: the greatest name.
        var named = all.MaxBy(s => s, Comparer<SegmentStats>.Create((a, b) =>
        {
            var byTime = a.NameUpdatedAtMs.CompareTo(b.NameUpdatedAtMs);
            return byTime != 0 ? byTime : StringOrder.Compare(a.Name, b.Name);
        }))!;
        return new SegmentStats(
            named.SegmentId, named.Name, named.NameUpdatedAtMs,
            all.Sum(s => s.Members), all.Sum(s => s.ActiveUsers), all.Sum(s => s.Events), all.Sum(s => s.Sessions),
            all.Sum(s => s.SessionDurationMs), all.Sum(s => s.Purchasers), all.Sum(s => s.RowsRead));
    }
}
