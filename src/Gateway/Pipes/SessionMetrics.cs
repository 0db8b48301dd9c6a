using UserAnalytics.Gateway.Output;
using UserAnalytics.GrainInterfaces;
using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Gateway.Pipes;

/// <summary><c>session_metrics</c>: sessions per period of their start, with duration, bounce rate
/// and depth.</summary>
internal sealed class SessionMetrics : IPipe
{
    private static readonly PipeColumn[] Columns =
    [
        new("period", ColumnType.DateTime),
        new("sessions", ColumnType.UInt64),
        new("unique_users", ColumnType.UInt64),
        new("avg_session_duration", ColumnType.Float64),
        new("bounce_rate", ColumnType.Float64),
        new("avg_events_per_session", ColumnType.Float64),
    ];

    private static readonly OutputOrder Order = new(Columns.Length, (0, false));

    public string Name => "session_metrics";

    public async Task<PipeResult> RunAsync(PipeContext context)
    {
        var p = context.Parameters;
        var (from, to) = p.Window();
        var filter = new EventFilter(from, to, Platform: p.String("platform"), Device: p.String("device"), Country: p.String("country"));
        var query = new SessionBucketsQuery(filter, p.Bucket("time_bucket", Bucket.Day));
        var partials = await Task.WhenAll(context.AllShards().Select(s => s.SessionBuckets(query, context.CancellationToken)));
        var (groups, read) = GroupMerge.Merge(partials);
        var rows = groups.Select(g =>
        {
            var (sessions, users, durationMs, bounces, events) = (g.Values[0], g.Values[1], g.Values[2], g.Values[3], g.Values[4]);
            return new object?[]
            {
                g.PeriodMs, (long)sessions, (long)users, sessions == 0 ? 0.0 : ContractMath.Round2(durationMs / sessions / 1000),
                ContractMath.Percent(bounces, sessions), ContractMath.Average(events, sessions),
            };
        });
        var sorted = Order.SortAndTake(rows);
        return new PipeResult(Columns, sorted, sorted.Count, read);
    }
}
