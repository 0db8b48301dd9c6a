using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using UserAnalytics.GrainInterfaces;
using UserAnalytics.GrainInterfaces.Activity;
using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.Grains.Activity;
using UserAnalytics.Grains.Scans;

namespace UserAnalytics.Grains;

/// <summary>
/// One content item or recommendation. On activation it watches every shard and reads each
/// shard's engagement with the item (a baseline with the shard's batch number); from then on the
/// shards' activity stream keeps it current. A batch at or below a shard's baseline number is
/// already counted and is skipped, so nothing is counted twice. Activated on demand, collected when idle.
/// </summary>
/// <remarks>
/// It keeps what its summary shows and no more: totals per type, hourly counts of the hours its
/// summary still shows (a baseline's older hours only add to the totals, and hours that fall out
/// of the window are dropped as time passes), and per user the affinity counters as values. Kept
/// whole, a grain of the bench's catalogue held 800 KB, 350 KB of it in hours no summary showed.
/// </remarks>
[Orleans.Placement.Immovable] // not moved as its silo stops: called again, it activates elsewhere (decision 90)
public sealed class ContentGrain : Grain, IContentGrain
{
    private const int TopUsers = 10;
    private readonly ActivityOptions _options;
    private readonly int _shards;
    private readonly TimeProvider _time;
    private readonly Dictionary<int, ContentPart> _parts = [];
    private readonly DuplicateBatches _seen = new();

    // The last summary, for as long as it reads the same: nothing counted since (_changes) and the
    // same first hour. Building one visits every user of the item (some 4,000 in the bench's
    // catalogue), which was most of a lookup's 90–110 µs of CPU.
    private long _changes;
    private (ContentSummary Summary, long Changes, long Since)? _kept;

    public ContentGrain(IOptions<ActivityOptions> options, IOptions<ShardingOptions> sharding, TimeProvider time)
    {
        _options = options.Value;
        _shards = sharding.Value.Shards;
        _time = time;
    }

    private string Key => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(StreamNames.Provider).GetStream<ActivityBatch>(StreamId.Create(StreamNames.Content, Key));
        await stream.SubscribeAsync((batch, _) => Apply(batch));
        await Task.WhenAll(Enumerable.Range(0, _shards).Select(RebuildAsync));
        // Renewing also drops the hours that have left the window.
        this.RegisterGrainTimer(RenewWatchesAsync, _options.WatchRenewal, _options.WatchRenewal);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (ActivityWatches.ShouldUnwatch(reason))
        {
            await Task.WhenAll(Enumerable.Range(0, _shards).Select(s => Shard(s).Unwatch(ActivityTopic.Content, Key)));
        }
    }

    public Task Apply(ActivityBatch batch)
    {
        if (_parts.TryGetValue(batch.Shard, out var part) && batch.Sequence > part.Sequence && _seen.Add(batch.Shard, batch.Sequence))
        {
            var since = HoursSince();
            foreach (var touch in batch.Touches)
            {
                part.Add(touch, since);
            }
            _changes++;
        }
        return Task.CompletedTask;
    }

    public Task<ContentSummary> GetSummary()
    {
        var since = HoursSince();
        if (_kept is { } kept && kept.Changes == _changes && kept.Since == since)
        {
            return Task.FromResult(kept.Summary);
        }
        var totals = _parts.Values.SelectMany(p => p.Totals).GroupBy(t => t.Key, StringComparer.Ordinal)
            .Select(g => new TypeCount(g.Key, g.Sum(t => t.Value)))
            .OrderByDescending(t => t.Events).ThenBy(t => t.EventType, StringComparer.Ordinal).ToArray();
        var hourly = _parts.Values.SelectMany(p => p.Hourly).Where(h => h.Key.Hour >= since)
            .GroupBy(h => h.Key).Select(g => new HourlyCount(g.Key.Hour, g.Key.Type, g.Sum(h => h.Value)))
            .OrderBy(h => h.HourMs).ThenBy(h => h.EventType, StringComparer.Ordinal).ToArray();
        var summary = new ContentSummary(Key, totals, hourly, TopAffinity());
        _kept = (summary, _changes, since);
        return Task.FromResult(summary);
    }

    /// <summary>The users of highest affinity, best first (ties by user id). One pass that keeps
    /// the best <see cref="TopUsers"/> so far: an id of the bench's catalogue has some 4,000 users,
    /// and sorting them all took most of a lookup.</summary>
    private AffinityRow[] TopAffinity()
    {
        // The root is the worst of those kept: lowest score, then the largest user id.
        var best = new PriorityQueue<(string User, UserCounters Counters), (double Score, string User)>(TopUsers + 1, WorstFirst.Instance);
        foreach (var part in _parts.Values)
        {
            foreach (var (user, counters) in part.Users)
            {
                var rank = (counters.Score, user);
                if (best.Count < TopUsers)
                {
                    best.Enqueue((user, counters), rank);
                }
                else if (best.TryPeek(out _, out var worst) && WorstFirst.Instance.Compare(rank, worst) > 0)
                {
                    best.DequeueEnqueue((user, counters), rank);
                }
            }
        }
        var contentId = ContentId;
        var rows = new AffinityRow[best.Count];
        for (var i = rows.Length - 1; i >= 0; i--)
        {
            var (user, counters) = best.Dequeue();
            rows[i] = counters.ToRow(user, contentId);
        }
        return rows;
    }

    private sealed class WorstFirst : IComparer<(double Score, string User)>
    {
        public static readonly WorstFirst Instance = new();

        // CompareTo, not !=, so that two NaN scores tie and fall to the user id, as in a sort.
        public int Compare((double Score, string User) x, (double Score, string User) y) =>
            x.Score.CompareTo(y.Score) is var byScore and not 0 ? byScore : string.CompareOrdinal(y.User, x.User);
    }

    private string ContentId => Key[(Key.IndexOf(':', StringComparison.Ordinal) + 1)..];

    /// <summary>The first hour the summary shows.</summary>
    private long HoursSince() =>
        TimeBucketsStartOfHour(_time.GetUtcNow().ToUnixTimeMilliseconds()) - ((_options.HourlyHoursKept - 1) * 3_600_000L);

    /// <summary>Watches a shard, then reads its baseline; activity after the baseline comes through the stream.</summary>
    private async Task RebuildAsync(int shard)
    {
        await Shard(shard).Watch(ActivityTopic.Content, Key);
        var baseline = await Shard(shard).ContentBaseline(Key);
        _parts[shard] = ContentPart.From(baseline, HoursSince());
        _changes++;
    }

    private async Task RenewWatchesAsync(CancellationToken cancellationToken)
    {
        var since = HoursSince();
        foreach (var part in _parts.Values)
        {
            part.DropHoursBefore(since);
        }
        for (var shard = 0; shard < _shards; shard++)
        {
            if (await Shard(shard).Watch(ActivityTopic.Content, Key))
            {
                // The shard restarted and forgot us: what it published meanwhile never came.
                _parts[shard] = ContentPart.From(await Shard(shard).ContentBaseline(Key), since);
                _changes++;
            }
        }
    }

    private IEventShardGrain Shard(int shard) => GrainFactory.GetGrain<IEventShardGrain>(shard);

    private static long TimeBucketsStartOfHour(long ms) => Store.TimeBuckets.FloorTo(ms, 3_600_000);

    /// <summary>What one shard contributes.</summary>
    private sealed class ContentPart
    {
        public long Sequence { get; private init; }

        public Dictionary<string, long> Totals { get; } = new(StringComparer.Ordinal);

        public Dictionary<(long Hour, string Type), long> Hourly { get; } = [];

        public Dictionary<string, UserCounters> Users { get; } = new(StringComparer.Ordinal);

        public static ContentPart From(ContentBaseline baseline, long since)
        {
            var part = new ContentPart { Sequence = baseline.Sequence };
            foreach (var h in baseline.Touches)
            {
                if (h.HourMs >= since)
                {
                    part.Hourly[(h.HourMs, h.EventType)] = h.Events;
                }
                part.Totals[h.EventType] = part.Totals.GetValueOrDefault(h.EventType) + h.Events;
            }
            part.Users.EnsureCapacity(baseline.Users.Length);
            foreach (var u in baseline.Users)
            {
                part.Users[u.UserId] = new UserCounters(u.Views, u.Clicks, u.Likes, u.Shares, u.TotalDuration, u.LastInteractionMs);
            }
            return part;
        }

        public void Add(Touch touch, long since)
        {
            var hour = TimeBucketsStartOfHour(touch.TimestampMs);
            if (hour >= since)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(Hourly, (hour, touch.EventType), out _)++;
            }
            CollectionsMarshal.GetValueRefOrAddDefault(Totals, touch.EventType, out _)++;
            ref var counters = ref CollectionsMarshal.GetValueRefOrAddDefault(Users, touch.UserId, out var existed);
            counters = (existed ? counters : UserCounters.None).With(touch);
        }

        public void DropHoursBefore(long since)
        {
            foreach (var key in Hourly.Keys)
            {
                if (key.Hour < since)
                {
                    Hourly.Remove(key);
                }
            }
        }
    }

    /// <summary>A user's counters for the affinity score, held in the dictionary's entries.</summary>
    private readonly record struct UserCounters(long Views, long Clicks, long Likes, long Shares, double Duration, long LastMs)
    {
        public static UserCounters None => new(0, 0, 0, 0, 0, long.MinValue);

        public UserCounters With(Touch t) => new(
            Views + (t.EventType == "view" ? 1 : 0), Clicks + (t.EventType == "click" ? 1 : 0), Likes + (t.EventType == "like" ? 1 : 0),
            Shares + (t.EventType == "share" ? 1 : 0), Duration + t.Duration, Math.Max(LastMs, t.TimestampMs));

        public double Score => ContentBaselineScan.Score(Views, Clicks, Likes, Shares, Duration);

        public AffinityRow ToRow(string userId, string contentId) =>
            new(userId, contentId, Views, Clicks, Likes, Shares, Duration, LastMs, Score);
    }
}
