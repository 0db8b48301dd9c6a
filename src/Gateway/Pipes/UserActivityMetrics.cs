using UserAnalytics.Gateway.Output;
using UserAnalytics.GrainInterfaces;
using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Gateway.Pipes;

/// <summary><c>user_activity_metrics</c>: daily active users, events, sessions started, page views,
/// clicks and click-through ratio, newest day first.</summary>
internal sealed class UserActivityMetrics : IPipe
{
    private static readonly PipeColumn[] Columns =
    [
        new("date", ColumnType.Date),
        new("active_users", ColumnType.UInt64),
        new("total_events", ColumnType.UInt64),
        new("sessions", ColumnType.UInt64),
        new("page_views", ColumnType.UInt64),
        new("clicks", ColumnType.UInt64),
        new("click_through_rate", ColumnType.Float64),
    ];

    private static readonly OutputOrder Order = new(Columns.Length, (0, true));

    public string Name => "user_activity_metrics";

    public async Task<PipeResult> RunAsync(PipeContext context)
    {
        var p = context.Parameters;
        var userId = p.String("user_id");
        var (from, to) = p.Window();
        var filter = new EventFilter(from, to, userId);
        var events = new GroupQuery(filter, [], [GroupMeasure.UniqueUsers, GroupMeasure.Events, GroupMeasure.PageViews, GroupMeasure.Clicks], Bucket.Day);
        var query = new ActivityBucketsQuery(events, new SessionBucketsQuery(filter, Bucket.Day));
        var partials = await Task.WhenAll(context.Targets(userId).Select(t => t.ActivityBuckets(query, context.CancellationToken)));
        var (days, read) = GroupMerge.Merge([.. partials.Select(p => p.Events)]);
        var sessionsPerDay = GroupMerge.Merge([.. partials.Select(p => p.Sessions)]).Groups.ToDictionary(g => g.PeriodMs, g => g.Values[0]);
        var rows = days.Select(d =>
        {
            var (users, total, pageViews, clicks) = (d.Values[0], d.Values[1], d.Values[2], d.Values[3]);
            return new object?[]
            {
                d.PeriodMs, (long)users, (long)total, (long)sessionsPerDay.GetValueOrDefault(d.PeriodMs), (long)pageViews, (long)clicks,
                pageViews == 0 ? 0.0 : ContractMath.Round2(clicks / pageViews),
            };
        });
        var sorted = Order.SortAndTake(rows);
        return new PipeResult(Columns, sorted, sorted.Count, read);
    }
}
