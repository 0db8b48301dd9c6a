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
            var all = DictionaryFallback(store, query, filter, columns, cancellationToken);
            return query.Top is { } shortList ? TopGroups.Trim(all, shortList) : all;
        }

        var measures = query.Measures;
        var direct = slots <= Math.Max(MinDenseSlots, 2 * store.EventCount);
        using var accumulators = new GroupAccumulators(slots, direct, measures, new MeasureTypeCodes(store.Pool(EventColumn.EventType)));
        // Rows are read straight from the sealed block and the tail: no per-user view. A user's
        // sealed and tail rows are visited together, which is all distinct counting needs.
        var sealedEvents = store.Sealed;
        var tail = store.Tail;
        var sealedDims = columns.Select(c => sealedEvents.Codes[(int)c]).ToArray();
        var tailDims = columns.Select(c => tail.Codes[(int)c]).ToArray();
        var sealedTypes = sealedEvents.Codes[(int)EventColumn.EventType];
        var tailTypes = tail.Codes[(int)EventColumn.EventType];
        var sink = new Sink(accumulators, periods, sizes, direct);
        var fast = DirectGroupLoop.For(filter, accumulators, columns, sealedDims, sizes, periods, sealedEvents, store.Pool(EventColumn.EventType).Count);
        long read = 0;
        foreach (var user in filter.Users(store))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var u = user.Index;
            var (start, end) = filter.Range(sealedEvents, user);
            read += end - start;
            if (fast is not null)
            {
                fast.Run(u, start, end);
                start = end;
            }
            for (var i = start; i < end; i++)
            {
                if (!filter.Matches(sealedEvents, u, i))
                {
                    continue;
                }
                var k0 = sealedDims.Length > 0 ? sealedDims[0].At(u, i) : 0;
                var k1 = sealedDims.Length > 1 ? sealedDims[1].At(u, i) : 0;
                var k2 = sealedDims.Length > 2 ? sealedDims[2].At(u, i) : 0;
                sink.Add(u, sealedEvents.Timestamps[i], k0, k1, k2, sealedTypes[i], sealedEvents.Durations[i]);
            }
            if (user.TailRows is not { } rows)
            {
                continue;
            }
            foreach (var t in rows)
            {
                if (!filter.Matches(tail, t))
                {
                    continue;
                }
                read++;
                var k0 = tailDims.Length > 0 ? tailDims[0][t] : 0;
                var k1 = tailDims.Length > 1 ? tailDims[1][t] : 0;
                var k2 = tailDims.Length > 2 ? tailDims[2][t] : 0;
                sink.Add(u, tail.Timestamps[t], k0, k1, k2, tailTypes[t], tail.Durations[t]);
            }
        }

        fast?.Finish();
        var partial = new GroupPartialBuilder([.. columns.Select(store.Pool)], measures.Length);
        var keys = new int[columns.Length];
        var values = new double[measures.Length];
        var groups = accumulators.Groups();
        GroupOmission? omitted = null;
        if (query.Top is { } top)
        {
            (var kept, omitted) = TopGroups.Select(groups, top, g => accumulators.ValueOf(g.Group, top.Measure));
            groups = kept;
        }
        foreach (var (group, slot) in groups)
        {
            var rest = slot;
            for (var d = columns.Length - 1; d >= 0; d--)
            {
                keys[d] = (int)(rest % sizes[d]);
                rest /= sizes[d];
            }
            accumulators.CopyValues(group, values);
            partial.AddCodes(periods?.StartOf((int)rest) ?? 0, keys, values);
        }
        return partial.Build(read, omitted);
    }

    /// <summary>The general path for groupings with too many possible groups for dense arrays.</summary>
    private static GroupPartial DictionaryFallback(EventStore store, GroupQuery query, CompiledFilter filter, EventColumn[] columns, CancellationToken cancellationToken)
    {
        var measures = query.Measures;
        var typeCodes = new MeasureTypeCodes(store.Pool(EventColumn.EventType));
        using var view = store.CreateView();
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
        var partial = new GroupPartialBuilder([.. columns.Select(store.Pool)], measures.Length);
        var keys = new int[columns.Length];
        foreach (var (key, values) in groups.Groups)
        {
            for (var d = 0; d < keys.Length; d++)
            {
                keys[d] = d switch { 0 => key.K0, 1 => key.K1, _ => key.K2 };
            }
            partial.AddCodes(key.Period, keys, values);
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

    /// <summary>Turns a row's period and codes into its group and adds the row to it.</summary>
    private readonly struct Sink
    {
        private readonly GroupAccumulators _accumulators;
        private readonly PeriodIndex? _periods;
        private readonly int[] _sizes;
        private readonly bool _direct;

        public Sink(GroupAccumulators accumulators, PeriodIndex? periods, int[] sizes, bool direct)
        {
            _accumulators = accumulators;
            _periods = periods;
            _sizes = sizes;
            _direct = direct;
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public void Add(int user, long timestamp, int k0, int k1, int k2, int type, double duration)
        {
            long slot = _periods is null ? 0 : _periods.IndexOf(timestamp);
            var dimensions = _sizes.Length;
            if (dimensions > 0)
            {
                slot = (slot * _sizes[0]) + k0;
                if (dimensions > 1)
                {
                    slot = (slot * _sizes[1]) + k1;
                    if (dimensions > 2)
                    {
                        slot = (slot * _sizes[2]) + k2;
                    }
                }
            }
            _accumulators.Add(_direct ? (int)slot : _accumulators.GroupOf(slot), user, type, duration);
        }
    }
}
