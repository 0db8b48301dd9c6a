using System.IO.Hashing;
using System.Runtime.InteropServices;
using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.GrainInterfaces.Rows;

namespace UserAnalytics.Grains.Store;

/// <summary>The in-memory state of one partition (a shard, or a single user's copy in its grain):
/// users with their columnar events, customer profiles, segment memberships and metric rows.
/// Single-threaded, like the grain that owns it.</summary>
internal sealed class EventStore
{
    private readonly Dictionary<string, UserData> _users = new(StringComparer.Ordinal);
    private readonly List<UserData> _userList = [];
    private readonly HashSet<ulong> _eventKeys = [];
    private readonly Dictionary<int, SegmentIndex> _segments = [];
    private readonly Dictionary<MetricKey, Versioned<MetricRow>> _metrics = [];
    private readonly int[] _codes = new int[EventColumns.Count];
    private long _arrival;

    public StringPool Pool { get; } = new();

    public IReadOnlyList<UserData> Users => _userList;

    public long EventCount { get; private set; }

    public int MetricCount => _metrics.Count;

    public UserData? FindUser(string userId) => _users.GetValueOrDefault(userId);

    public SegmentIndex? FindSegment(string segmentId)
    {
        var code = Pool.Find(segmentId);
        return code >= 0 ? _segments.GetValueOrDefault(code) : null;
    }

    public IEnumerable<Versioned<MetricRow>> Metrics => _metrics.Values;

    /// <summary>True when <paramref name="userId"/> already has an event with <paramref name="eventId"/>.</summary>
    public bool ContainsEvent(string userId, string eventId)
    {
        var user = FindUser(userId);
        if (user is null || !_eventKeys.Contains(EventKey(user.Index, eventId)))
        {
            return false;
        }
        // The key is a 64-bit hash: confirm, so a collision can never drop an event.
        foreach (var id in user.Events.EventIds)
        {
            if (string.Equals(id, eventId, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    public void Apply(ShardBatch batch)
    {
        foreach (var row in batch.Events)
        {
            ApplyEvent(row);
        }
        foreach (var row in batch.Customers)
        {
            ApplyCustomer(row);
        }
        foreach (var row in batch.Segments)
        {
            ApplySegment(row);
        }
        foreach (var row in batch.Metrics)
        {
            ApplyMetric(row);
        }
    }

    /// <summary>Stores an event the caller has already checked is not a duplicate.</summary>
    public void ApplyEvent(EventRow row)
    {
        var user = GetOrAddUser(row.UserId);
        var codes = _codes;
        codes[(int)EventColumn.EventType] = Pool.Intern(row.EventType);
        codes[(int)EventColumn.Session] = Pool.Intern(row.SessionId);
        codes[(int)EventColumn.Page] = Pool.Intern(row.Page);
        codes[(int)EventColumn.Referrer] = Pool.Intern(row.Referrer);
        codes[(int)EventColumn.Os] = Pool.Intern(row.Os);
        codes[(int)EventColumn.Browser] = Pool.Intern(row.Browser);
        codes[(int)EventColumn.Platform] = Pool.Intern(row.Platform);
        codes[(int)EventColumn.Country] = Pool.Intern(row.Country);
        codes[(int)EventColumn.Region] = Pool.Intern(row.Region);
        codes[(int)EventColumn.City] = Pool.Intern(row.City);
        codes[(int)EventColumn.Device] = Pool.Intern(row.Device);
        codes[(int)EventColumn.ContentId] = Pool.Intern(row.ContentId);
        codes[(int)EventColumn.RecommendationId] = Pool.Intern(row.RecommendationId);
        codes[(int)EventColumn.ProductId] = Pool.Intern(row.ProductId);
        codes[(int)EventColumn.Category] = Pool.Intern(row.Category);
        user.Events.Insert(row.TimestampMs, row.EventId, codes, row.Duration, row.EventValue, row.Properties);
        _eventKeys.Add(EventKey(user.Index, row.EventId));
        user.Version++;
        EventCount++;
        _arrival++;
    }

    public void ApplyCustomer(CustomerRow row)
    {
        var user = GetOrAddUser(row.CustomerId);
        var arrival = _arrival++;
        if (user.Customer is not { } current || row.TimestampMs >= current.Row.TimestampMs)
        {
            user.Customer = new Versioned<CustomerRow>(row, arrival);
        }
        user.Version++;
    }

    public void ApplySegment(SegmentRow row)
    {
        var user = GetOrAddUser(row.UserId);
        var arrival = _arrival++;
        var code = Pool.Intern(row.SegmentId);
        if (!_segments.TryGetValue(code, out var segment))
        {
            segment = new SegmentIndex();
            _segments.Add(code, segment);
        }
        segment.ObserveName(row.SegmentName, row.UpdatedAtMs);
        user.Memberships ??= [];
        if (!user.Memberships.TryGetValue(code, out var current) || row.UpdatedAtMs >= current.Row.UpdatedAtMs)
        {
            user.Memberships[code] = new Versioned<SegmentRow>(row, arrival);
            if (row.Active)
            {
                segment.Members.Add(user.Index);
            }
            else
            {
                segment.Members.Remove(user.Index);
            }
        }
        user.Version++;
    }

    public void ApplyMetric(MetricRow row)
    {
        var key = new MetricKey(row.SegmentId, row.MetricName, row.Granularity, row.TimePeriodMs);
        var arrival = _arrival++;
        if (!_metrics.TryGetValue(key, out var current) || row.UpdatedAtMs >= current.Row.UpdatedAtMs)
        {
            _metrics[key] = new Versioned<MetricRow>(row, arrival);
        }
    }

    /// <summary>The rows of one user in the shape they were ingested, for the user's grain.</summary>
    public UserSnapshot Snapshot(UserData user)
    {
        var events = new EventRow[user.Events.Count];
        for (var i = 0; i < events.Length; i++)
        {
            events[i] = ToRow(user, i, Pool[user.Events.Codes(EventColumn.Session)[i]]);
        }
        CustomerRow[] customers = user.Customer is { } c ? [c.Row] : [];
        var segments = user.Memberships?.Values.OrderBy(m => m.Arrival).Select(m => m.Row).ToArray() ?? [];
        return new UserSnapshot(user.Version, events, customers, segments);
    }

    /// <summary>Decodes one stored event; <paramref name="sessionId"/> is the resolved session id.</summary>
    public EventRow ToRow(UserData user, int i, string sessionId)
    {
        var t = user.Events;
        string S(EventColumn c) => Pool[t.Codes(c)[i]];
        return new EventRow(
            t.EventIds[i], user.UserId, sessionId, S(EventColumn.EventType), t.Timestamps[i],
            S(EventColumn.Page), S(EventColumn.Referrer), S(EventColumn.Os), S(EventColumn.Browser),
            S(EventColumn.Platform), S(EventColumn.Country), S(EventColumn.Region), S(EventColumn.City),
            S(EventColumn.Device), t.Durations[i], S(EventColumn.ContentId), S(EventColumn.RecommendationId),
            t.Values[i], S(EventColumn.ProductId), S(EventColumn.Category), t.Properties[i]);
    }

    private UserData GetOrAddUser(string userId)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_users, userId, out var exists);
        if (!exists)
        {
            slot = new UserData(userId, _userList.Count);
            _userList.Add(slot);
        }
        return slot!;
    }

    private static ulong EventKey(int userIndex, string eventId) =>
        XxHash3.HashToUInt64(MemoryMarshal.AsBytes(eventId.AsSpan()), userIndex);
}
