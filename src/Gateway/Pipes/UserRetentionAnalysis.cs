using UserAnalytics.Gateway.Output;
using UserAnalytics.GrainInterfaces;
using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Gateway.Pipes;

/// <summary><c>user_retention_analysis</c>: weekly cohorts by first event in the window and the share
/// of each cohort active in each following week.</summary>
internal sealed class UserRetentionAnalysis : IPipe
{
    private const long WeekMs = 7 * 86_400_000L;

    private static readonly PipeColumn[] Columns =
    [
        new("cohort_week", ColumnType.Date),
        new("cohort_size", ColumnType.UInt64),
        new("week_number", ColumnType.UInt64),
        new("retained_users", ColumnType.UInt64),
        new("retention_rate", ColumnType.Float64),
    ];

    private static readonly OutputOrder Order = new(Columns.Length, (0, false), (2, false));

    public string Name => "user_retention_analysis";

    public async Task<PipeResult> RunAsync(PipeContext context)
    {
        var p = context.Parameters;
        var (from, to) = p.Window();
        var maxWeeks = p.Int("max_weeks", 8, 0, 520);
        var query = new RetentionQuery(new EventFilter(from, to, SegmentId: p.String("segment_id")), maxWeeks);
        var partials = await Task.WhenAll(context.AllShards().Select(s => s.Retention(query, context.CancellationToken)));
        var (cohorts, read) = GroupMerge.Merge(partials);
        var rows = new List<object?[]>();
        foreach (var cohort in cohorts)
        {
            var size = cohort.Values[0];
            for (var week = 0; week <= maxWeeks; week++)
            {
                if (to is { } end && cohort.PeriodMs + (week * WeekMs) > end)
                {
                    break;
                }
                var retained = cohort.Values[week + 1];
                rows.Add([cohort.PeriodMs, (long)size, (long)week, (long)retained, ContractMath.Percent(retained, size)]);
            }
        }
        var sorted = Order.SortAndTake(rows);
        return new PipeResult(Columns, sorted, sorted.Count, read);
    }
}
