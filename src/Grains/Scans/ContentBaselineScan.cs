using UserAnalytics.GrainInterfaces;
using UserAnalytics.GrainInterfaces.Activity;
using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Scans;

/// <summary>A store's engagement with one content item or recommendation: events per hour and type,
/// and per user the counters of the affinity score.</summary>
internal static class ContentBaselineScan
{
    private const long HourMs = 3_600_000;

    public static (HourlyCount[] Hourly, AffinityRow[] Users) Run(EventStore store, string key)
    {
        var (column, id) = Parse(key);
        var code = store.Pool(column).Find(id);
        if (code <= 0)
        {
            return ([], []);
        }
        var typePool = store.Pool(EventColumn.EventType);
        var engagement = new Engagement(new MeasureTypeCodes(typePool));
        var users = new List<(int Index, AffinityRow Row)>();
        void Flush(UserData user)
        {
            if (engagement.Touched)
            {
                users.Add((user.Index, engagement.ToRow(user.UserId, id)));
            }
            engagement.Reset();
        }

        // Sealed rows of users without tail rows: the item's rows are found by a vectorized
        // search of the whole column, so a lookup does not walk every user's columns.
        var sealedEvents = store.Sealed;
        var types = sealedEvents.Codes[(int)EventColumn.EventType];
        UserData? current = null;
        var u = 0;
        foreach (var row in SealedRows(sealedEvents.Codes[(int)column], code))
        {
            while (sealedEvents.UserStart[u + 1] <= row)
            {
                u++;
            }
            if (store.Users[u].TailRows is not null)
            {
                continue;
            }
            if (!ReferenceEquals(current, store.Users[u]))
            {
                if (current is not null)
                {
                    Flush(current);
                }
                current = store.Users[u];
            }
            engagement.Add(sealedEvents.Timestamps[row], types[row], sealedEvents.Durations[row]);
        }
        if (current is not null)
        {
            Flush(current);
        }

        // Users with tail rows, all their rows in time order.
        using var view = store.CreateView();
        foreach (var user in store.TailUsers)
        {
            var events = view.Load(user);
            var items = events.Codes(column);
            var eventTypes = events.Codes(EventColumn.EventType);
            for (var i = 0; i < events.Count; i++)
            {
                if (items[i] == code)
                {
                    engagement.Add(events.Timestamps[i], eventTypes[i], events.Durations[i]);
                }
            }
            Flush(user);
        }
        users.Sort((a, b) => a.Index.CompareTo(b.Index));
        return ([.. engagement.Hourly.Select(h => new HourlyCount(h.Key.Hour, typePool[h.Key.Type], h.Value))], [.. users.Select(x => x.Row)]);
    }

    /// <summary>The spec's affinity score, rounded as it is shown.</summary>
    public static double Score(long views, long clicks, long likes, long shares, double duration) =>
        ContractMath.Round2(WeightedSum(views, clicks, likes, shares, duration));

    /// <summary>The affinity score before it is rounded to two decimals.</summary>
    public static double WeightedSum(long views, long clicks, long likes, long shares, double duration) =>
        views + (2 * clicks) + (3 * likes) + (4 * shares) + (duration / 60);

    private static (EventColumn Column, string Id) Parse(string key)
    {
        const string content = "content:";
        const string recommendation = "recommendation:";
        if (key.StartsWith(content, StringComparison.Ordinal))
        {
            return (EventColumn.ContentId, key[content.Length..]);
        }
        if (key.StartsWith(recommendation, StringComparison.Ordinal))
        {
            return (EventColumn.RecommendationId, key[recommendation.Length..]);
        }
        throw new ArgumentException($"'{key}' is not a content key (content:… or recommendation:…).", nameof(key));
    }

    /// <summary>The rows of the sealed block whose code is <paramref name="code"/>, in order.</summary>
    private static IEnumerable<int> SealedRows(CodeVector codes, int code)
    {
        for (var row = codes.IndexOf(code, 0); row >= 0; row = codes.IndexOf(code, row + 1))
        {
            yield return row;
        }
    }

    /// <summary>One user's counters with the item, and the item's events per hour and type.</summary>
    private sealed class Engagement(MeasureTypeCodes codes)
    {
        private PairAcc _pair;

        public Dictionary<(long Hour, int Type), long> Hourly { get; } = [];

        public bool Touched { get; private set; }

        public void Add(long timestampMs, int type, double duration)
        {
            Touched = true;
            var hour = TimeBuckets.FloorTo(timestampMs, HourMs);
            Hourly[(hour, type)] = Hourly.GetValueOrDefault((hour, type)) + 1;
            _pair.Add(type, duration, timestampMs, codes);
        }

        public AffinityRow ToRow(string userId, string item) =>
            new(userId, item, _pair.Views, _pair.Clicks, _pair.Likes, _pair.Shares, _pair.TotalDuration, _pair.LastMs, _pair.Score);

        public void Reset()
        {
            _pair = default;
            Touched = false;
        }
    }
}
