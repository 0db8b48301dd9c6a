using UserAnalytics.GrainInterfaces.Activity;
using UserAnalytics.GrainInterfaces.Rows;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Activity;

/// <summary>
/// A shard's side of the activity streams: which consumers (user, content and segment grains)
/// watch it, and what stored batches brought them since the last flush. Only watched keys are
/// collected, so ingest pays nothing for content nobody is looking at.
/// </summary>
internal sealed class ActivityHub
{
    private readonly HashSet<string> _users = new(StringComparer.Ordinal);
    private readonly HashSet<string> _content = new(StringComparer.Ordinal);
    private readonly HashSet<string> _segments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Touch>> _contentTouches = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Touch>> _segmentTouches = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Version, List<EventRow> Events)> _userEvents = new(StringComparer.Ordinal);

    public bool IsWatched => _users.Count + _content.Count + _segments.Count > 0;

    public bool HasPending => _contentTouches.Count + _segmentTouches.Count + _userEvents.Count > 0;

    public bool Watch(ActivityTopic topic, string key) => Set(topic).Add(key);

    public void Unwatch(ActivityTopic topic, string key) => Set(topic).Remove(key);

    /// <summary>Notes a stored event for the consumers that watch it.</summary>
    public void Collect(EventStore store, UserData user, int tailRow)
    {
        var tail = store.Tail;
        var type = store.Pool(EventColumn.EventType)[tail.Codes[(int)EventColumn.EventType][tailRow]];
        Touch? touch = null;
        Touch Make() => touch ??= new Touch(user.UserId, type, tail.Timestamps[tailRow], tail.Durations[tailRow]);
        if (_content.Count > 0)
        {
            var content = tail.Codes[(int)EventColumn.ContentId][tailRow];
            if (content != 0)
            {
                Add(_contentTouches, ContentKeys.Content(store.Pool(EventColumn.ContentId)[content]), _content, Make);
            }
            var recommendation = tail.Codes[(int)EventColumn.RecommendationId][tailRow];
            if (recommendation != 0)
            {
                Add(_contentTouches, ContentKeys.Recommendation(store.Pool(EventColumn.RecommendationId)[recommendation]), _content, Make);
            }
        }
        if (_segments.Count > 0 && user.Memberships is { } memberships)
        {
            foreach (var membership in memberships.Values)
            {
                if (membership.Active)
                {
                    Add(_segmentTouches, membership.SegmentId, _segments, Make);
                }
            }
        }
        if (_users.Contains(user.UserId))
        {
            if (!_userEvents.TryGetValue(user.UserId, out var pending))
            {
                pending = (0, []);
            }
            pending.Events.Add(store.TailRow(user, tailRow));
            _userEvents[user.UserId] = (user.Version, pending.Events);
        }
    }

    /// <summary>Hands out what was collected, as one message per consumer, and starts over.</summary>
    public Messages Drain(int shard, long sequence)
    {
        var messages = new Messages(
            [.. _contentTouches.Select(c => (c.Key, new ActivityBatch(shard, sequence, [.. c.Value])))],
            [.. _segmentTouches.Select(s => (s.Key, new ActivityBatch(shard, sequence, [.. s.Value])))],
            [.. _userEvents.Select(u => (u.Key, new UserActivity(shard, sequence, u.Value.Version, [.. u.Value.Events])))]);
        _contentTouches.Clear();
        _segmentTouches.Clear();
        _userEvents.Clear();
        return messages;
    }

    private static void Add(Dictionary<string, List<Touch>> pending, string key, HashSet<string> watched, Func<Touch> touch)
    {
        if (!watched.Contains(key))
        {
            return;
        }
        if (!pending.TryGetValue(key, out var list))
        {
            pending[key] = list = [];
        }
        list.Add(touch());
    }

    private HashSet<string> Set(ActivityTopic topic) => topic switch
    {
        ActivityTopic.User => _users,
        ActivityTopic.Content => _content,
        _ => _segments,
    };

    /// <summary>Messages for content, segment and user grains.</summary>
    internal sealed record Messages(
        (string Key, ActivityBatch Batch)[] Content,
        (string Key, ActivityBatch Batch)[] Segments,
        (string Key, UserActivity Activity)[] Users)
    {
        public bool IsEmpty => Content.Length + Segments.Length + Users.Length == 0;
    }
}
