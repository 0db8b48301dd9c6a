using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Scans;

/// <summary>
/// Answers a <see cref="GroupQuery"/> over a store. Each group is a slot of dense arrays indexed by
/// (period number, dictionary codes), so a row costs a few array updates rather than a hash lookup.
/// Users are scanned one at a time, so a group's distinct users are counted by remembering the last
/// user that touched it.
/// </summary>
internal static class GroupScan
{
    public const int MaxDimensions = 3;

    // Up to this many possible groups (or a few per stored event) a plain array finds a group;
    // beyond, a dictionary does, so a sparse space (content × event type) costs no huge arrays.
    private const long MinDenseSlots = 1 << 16;
    private const long MaxSlots = 1L << 40;

    public static GroupPartial Run(EventStore store, GroupQuery query, CancellationToken cancellationToken)
    {
        if (query.Dimensions.Length > MaxDimensions)
        {
            throw new ArgumentException($"At most {MaxDimensions} dimensions are supported.", nameof(query));
        }
        var filter = CompiledFilter.Compile(query.Filter, store);
        if (filter.MatchesNothing || store.EventCount == 0)
        {
            return GroupPartial.Empty(query.Dimensions.Length, query.Measures.Length);
        }
        var columns = query.Dimensions.Select(ToColumn).ToArray();
        var sizes = columns.Select(c => store.Pool(c).Count).ToArray();
        var periods = query.Period is { } bucket
            ? new PeriodIndex(bucket, Math.Max(filter.FromMs, store.MinTimestamp), Math.Min(filter.ToMs, store.MaxTimestamp))
            : null;
        var slots = sizes.Aggregate((long)(periods?.Count ?? 1), (product, size) => product * size);
        if (periods is { Count: <= 0 })
        {
            return GroupPartial.Empty(columns.Length, query.Measures.Length);
        }
        if (slots > MaxSlots)
        {
            return DictionaryFallback(store, query, filter, columns, cancellationToken);
        }

        var measures = query.Measures;
        var dense = slots <= Math.Max(MinDenseSlots, 4 * store.EventCount);
        var accumulators = new GroupAccumulators(slots, dense, measures, new MeasureTypeCodes(store.Pool(EventColumn.EventType)));
        var view = store.CreateView();
        var selected = new int[256];
        long read = 0;
        foreach (var user in filter.Users(store))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var events = view.Load(user);
            var (start, end) = filter.Range(events);
            if (start == end)
            {
                continue;
            }
            read += end - start;
            if (selected.Length < end - start)
            {
                selected = new int[Math.Max(end - start, selected.Length * 2)];
            }
            var count = filter.Select(events, start, end, selected);
            var c0 = columns.Length > 0 ? events.Codes(columns[0]) : default;
            var c1 = columns.Length > 1 ? events.Codes(columns[1]) : default;
            var c2 = columns.Length > 2 ? events.Codes(columns[2]) : default;
            var timestamps = events.Timestamps;
            var durations = events.Durations;
            var types = accumulators.NeedsTypes ? events.Codes(EventColumn.EventType) : default;
            for (var k = 0; k < count; k++)
            {
                var i = selected[k];
                long slot = periods is null ? 0 : periods.IndexOf(timestamps[i]);
                if (columns.Length > 0)
                {
                    slot = (slot * sizes[0]) + c0[i];
                    if (columns.Length > 1)
                    {
                        slot = (slot * sizes[1]) + c1[i];
                        if (columns.Length > 2)
                        {
                            slot = (slot * sizes[2]) + c2[i];
                        }
                    }
                }
                accumulators.Add(accumulators.GroupOf(slot), user.Index, types, durations, i);
            }
        }

        var partial = new GroupPartialBuilder(columns.Length, measures.Length);
        var keys = new string[columns.Length];
        var values = new double[measures.Length];
        for (var group = 0; group < accumulators.Count; group++)
        {
            var rest = accumulators.SlotOf(group);
            for (var d = columns.Length - 1; d >= 0; d--)
            {
                keys[d] = store.Pool(columns[d])[(int)(rest % sizes[d])];
                rest /= sizes[d];
            }
            accumulators.CopyValues(group, values);
            partial.Add(periods?.StartOf((int)rest) ?? 0, keys, values);
        }
        return partial.Build(read);
    }

    /// <summary>The general path for groupings with too many possible groups for dense arrays.</summary>
    private static GroupPartial DictionaryFallback(EventStore store, GroupQuery query, CompiledFilter filter, EventColumn[] columns, CancellationToken cancellationToken)
    {
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
            var types = events.Codes(EventColumn.EventType);
            for (var i = start; i < end; i++)
            {
                if (!filter.Matches(events, i))
                {
                    continue;
                }
                var key = new GroupKey(
                    query.Period is { } bucket ? TimeBuckets.Start(events.Timestamps[i], bucket) : 0,
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
                        GroupMeasure.SumDuration => events.Durations[i],
                        _ => types[i] == typeCodes.For(measures[m]) ? 1 : 0,
                    };
                }
            }
        }
        var partial = new GroupPartialBuilder(columns.Length, measures.Length);
        var keys = new string[columns.Length];
        foreach (var (key, values) in groups.Groups)
        {
            for (var d = 0; d < keys.Length; d++)
            {
                keys[d] = store.Pool(columns[d])[d switch { 0 => key.K0, 1 => key.K1, _ => key.K2 }];
            }
            partial.Add(key.Period, keys, values);
        }
        return partial.Build(read);
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
