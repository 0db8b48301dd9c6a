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
        var codes = new MeasureTypeCodes(typePool);
        var hourly = new Dictionary<(long Hour, int Type), long>();
        var users = new List<AffinityRow>();
        var view = store.CreateView();
        foreach (var user in store.Users)
        {
            var events = view.Load(user);
            var items = events.Codes(column);
            var types = events.Codes(EventColumn.EventType);
            long views = 0, clicks = 0, likes = 0, shares = 0, last = 0;
            double duration = 0;
            var touched = false;
            for (var i = 0; i < events.Count; i++)
            {
                if (items[i] != code)
                {
                    continue;
                }
                touched = true;
                var hour = TimeBuckets.FloorTo(events.Timestamps[i], HourMs);
                hourly[(hour, types[i])] = hourly.GetValueOrDefault((hour, types[i])) + 1;
                views += types[i] == codes.View ? 1 : 0;
                clicks += types[i] == codes.Click ? 1 : 0;
                likes += types[i] == codes.Like ? 1 : 0;
                shares += types[i] == codes.Share ? 1 : 0;
                duration += events.Durations[i];
                last = events.Timestamps[i];
            }
            if (touched)
            {
                users.Add(new AffinityRow(user.UserId, id, views, clicks, likes, shares, duration, last, Score(views, clicks, likes, shares, duration)));
            }
        }
        return ([.. hourly.Select(h => new HourlyCount(h.Key.Hour, typePool[h.Key.Type], h.Value))], [.. users]);
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
}
