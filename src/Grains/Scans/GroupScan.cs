using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Scans;

/// <summary>Answers a <see cref="GroupQuery"/> over a store. Users are scanned one at a time, so a
/// group's distinct users are counted by remembering the last user that touched it.</summary>
internal static class GroupScan
{
    public const int MaxDimensions = 3;

    public static GroupPartial Run(EventStore store, GroupQuery query, CancellationToken cancellationToken)
    {
        if (query.Dimensions.Length > MaxDimensions)
        {
            throw new ArgumentException($"At most {MaxDimensions} dimensions are supported.", nameof(query));
        }
        var filter = CompiledFilter.Compile(query.Filter, store);
        var columns = query.Dimensions.Select(ToColumn).ToArray();
        var measures = query.Measures;
        var typeCodes = new MeasureTypeCodes(store.Pool(EventColumn.EventType));
        var view = store.CreateView();
        var groups = new GroupSlots<GroupKey>(measures.Length);
        long read = 0;

        foreach (var user in filter.Users(store))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var events = view.Load(user);
            var (start, end) = filter.Range(events);
            read += end - start;
            var timestamps = events.Timestamps;
            var types = events.Codes(EventColumn.EventType);
            var durations = events.Durations;
            for (var i = start; i < end; i++)
            {
                if (!filter.Matches(events, i))
                {
                    continue;
                }
                var key = new GroupKey(
                    query.Period is { } bucket ? TimeBuckets.Start(timestamps[i], bucket) : 0,
                    columns.Length > 0 ? events.Codes(columns[0])[i] : 0,
                    columns.Length > 1 ? events.Codes(columns[1])[i] : 0,
                    columns.Length > 2 ? events.Codes(columns[2])[i] : 0);
                var row = groups.Get(key, user.Index, out var firstForUser);
                for (var m = 0; m < measures.Length; m++)
                {
                    row[m] += measures[m] switch
                    {
                        GroupMeasure.Events => 1,
                        GroupMeasure.UniqueUsers => firstForUser ? 1 : 0,
                        GroupMeasure.SumDuration => durations[i],
                        _ => types[i] == typeCodes.For(measures[m]) ? 1 : 0,
                    };
                }
            }
        }

        var rows = groups.Groups.Select(g =>
        {
            var keys = new string[columns.Length];
            for (var d = 0; d < keys.Length; d++)
            {
                keys[d] = store.Pool(columns[d])[d switch { 0 => g.Key.K0, 1 => g.Key.K1, _ => g.Key.K2 }];
            }
            return new GroupRow(g.Key.Period, keys, g.Values);
        });
        return new GroupPartial([.. rows], read);
    }

    private static EventColumn ToColumn(GroupDimension dimension) => dimension switch
    {
        GroupDimension.EventType => EventColumn.EventType,
        GroupDimension.Country => EventColumn.Country,
        GroupDimension.Region => EventColumn.Region,
        GroupDimension.Platform => EventColumn.Platform,
        GroupDimension.ContentId => EventColumn.ContentId,
        GroupDimension.RecommendationId => EventColumn.RecommendationId,
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, null),
    };
}
