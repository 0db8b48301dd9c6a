using System.Buffers;
using System.Runtime.InteropServices;
using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.GrainInterfaces.Rows;

namespace UserAnalytics.Grains.Store;

/// <summary>
/// The in-memory state of one partition (a shard, or a single user's copy in its grain). Events are
/// kept as columns: a sealed block sorted by user and time, with dictionary codes per string column
/// in the narrowest width, plus a small tail of recent rows that compaction folds in. Customers,
/// memberships and metric rows are kept per key. Single-threaded, like the grain that owns it.
/// </summary>
internal sealed partial class EventStore : IDisposable
{
    private const int MinTailToCompact = 4096;
    private const int MinTailToCompactOnLoad = 1 << 20;
    private const int LogBytesPerEventAtLeast = 96;
    /// <summary>Sealed ids <see cref="IsStored"/> reads per call (from the ids' file, when they are in one).</summary>
    private const int IdsReadAtOnce = 8192;
    private readonly Dictionary<string, UserData> _users = new(StringComparer.Ordinal);
    private readonly List<UserData> _userList = [];
    private DedupIndex _dedup = new();
    private readonly Dictionary<string, SegmentIndex> _segments = new(StringComparer.Ordinal);
    private readonly Dictionary<MetricKey, Versioned<MetricRow>> _metrics = [];
    private readonly StringPool[] _pools = [.. Enumerable.Range(0, EventColumns.Count).Select(_ => new StringPool())];
    private readonly int[] _codes = new int[EventColumns.Count];
    private readonly Dictionary<string, UserData>.AlternateLookup<ReadOnlySpan<char>> _usersByChars;
    private char[] _chars = [];
    private readonly LastLookup<UserData> _lastUser = new();
    private long _arrival;
    private readonly List<UserData> _tailUsers = [];
    private readonly HashSet<string> _sharedText = new(StringComparer.Ordinal);

    private readonly IdStorage _idStorage;

    /// <param name="ids">Where the sealed block's event ids are kept (the heap unless told otherwise).</param>
    public EventStore(IdStorage? ids = null)
    {
        _idStorage = ids ?? IdStorage.InMemory;
        _usersByChars = _users.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public SealedEvents Sealed { get; private set; } = SealedEvents.Empty;

    /// <summary>Closes the file of the sealed ids, if they are in one.</summary>
    public void Dispose() => Sealed.Ids.Dispose();

    public TailEvents Tail { get; } = new();

    /// <summary>Sessions derived from <see cref="Sealed"/> by the session scans, kept until the
    /// sealed block is replaced (see <see cref="Scans.SessionTable"/>).</summary>
    public Scans.SessionTable? SessionTable { get; set; }

    /// <summary>Per-user sums of event_value over <see cref="Sealed"/> (see <see cref="Scans.ValueTotals"/>).</summary>
    public Scans.ValueTotals? ValueTotals { get; set; }

    /// <summary>The users with rows in <see cref="Tail"/>, in the order they got their first one.</summary>
    public IReadOnlyList<UserData> TailUsers => _tailUsers;

    /// <summary>Per item column, the pair summaries of <see cref="Sealed"/> (see <see cref="Scans.PairTable"/>).</summary>
    public Dictionary<EventColumn, Scans.PairTable> PairTables { get; } = [];

    /// <summary>Per event type code, its rows in <see cref="Sealed"/> (see <see cref="Scans.TypeRows"/>).</summary>
    public Dictionary<int, Scans.TypeRows> TypeRows { get; } = [];

    /// <summary>Counts changes to customer rows, so a <see cref="Scans.CustomerTable"/> knows when it is stale.</summary>
    public long CustomerVersion { get; private set; }

    /// <summary>The customers as columns, kept by customer_segments_summary until a customer changes.</summary>
    public Scans.CustomerTable? CustomerTable { get; set; }

    public List<string> LongIds { get; } = [];

    /// <summary>The winning customer rows, one slot per user that has one (<see cref="UserData.CustomerSlot"/>).</summary>
    public CustomerColumns Customers { get; } = new();

    public StringPool PropertiesPool { get; } = new();

    public IReadOnlyList<UserData> Users => _userList;

    public long EventCount => Sealed.Count + Tail.Count;

    /// <summary>The earliest event time stored (long.MaxValue when there is none).</summary>
    public long MinTimestamp { get; private set; } = long.MaxValue;

    /// <summary>The latest event time stored (long.MinValue when there is none).</summary>
    public long MaxTimestamp { get; private set; } = long.MinValue;

    public int MetricCount => _metrics.Count;

    public IEnumerable<Versioned<MetricRow>> Metrics => _metrics.Values;

    public StringPool Pool(EventColumn column) => _pools[(int)column];

    /// <summary>Approximate bytes of the duplicate index, for the memory figures of the benchmark.</summary>
    public long DedupBytes => _dedup.Bytes;

    public UserData? FindUser(string userId) => _users.GetValueOrDefault(userId);

    public SegmentIndex? FindSegment(string segmentId) => _segments.GetValueOrDefault(segmentId);

    /// <summary>A view for reading users' events; a scan keeps one and loads each user into it.</summary>
    public EventView CreateView() => new(this);

    /// <summary>True when <paramref name="userId"/> already has an event with <paramref name="eventId"/>.</summary>
    public bool ContainsEvent(string userId, string eventId)
    {
        var user = FindUser(userId);
        if (user is null)
        {
            return false;
        }
        var key = EventIdKey.From(eventId, null);
        return IsStored(user, key, key.Kind == EventIdKey.Long ? eventId : null, timestampMs: null);
    }

    /// <summary>Applies a batch in the form written by <see cref="BatchWriter"/> (from a grain call
    /// or from the log). An event whose (user, event_id) is already stored is skipped: the first
    /// one stored wins, and replaying the log makes the same decisions. The tail is compacted once
    /// it holds half as many rows as the sealed block: a compaction rewrites the whole block, so a
    /// shard filled from empty rewrites each row about three times in all (five times at a
    /// quarter, when compactions took 16 % of a bulk ingest's CPU).</summary>
    public AppendResult Apply(ReadOnlySpan<byte> payload, Action<UserData, int>? onStored = null)
    {
        var result = ApplyRows(payload, onStored);
        if (Tail.Count > Math.Max(MinTailToCompact, Sealed.Count / 2))
        {
            Compact();
        }
        return result;
    }

    /// <summary>Applies a batch read back from the log. A replay lets the tail grow to the size of
    /// the sealed block (at least a million rows) before compacting, and compacts once more at the
    /// end (<see cref="Compact"/>): far fewer copies of the sealed block than ingest's policy, while
    /// the tail's wider rows never hold more than half of a shard.</summary>
    public AppendResult Load(ReadOnlySpan<byte> payload)
    {
        var result = ApplyRows(payload, null);
        if (Tail.Count >= LoadCompactionPoint)
        {
            Compact();
        }
        return result;
    }

    /// <summary>The tail's size at which <see cref="Load"/> compacts.</summary>
    private int LoadCompactionPoint => Math.Max(MinTailToCompactOnLoad, Sealed.Count);

    /// <summary>Sizes the tail for a replay of about <paramref name="logBytes"/> bytes of records
    /// (never past the point where <see cref="Load"/> compacts). Records take more than
    /// <see cref="LogBytesPerEventAtLeast"/> bytes an event with the ids and names of real events,
    /// so the guess errs towards room that is reserved but never touched.</summary>
    public void ExpectLoad(long logBytes)
    {
        var rows = Math.Min(logBytes / LogBytesPerEventAtLeast, LoadCompactionPoint - Tail.Count);
        if (rows > 0)
        {
            Tail.Reserve(Tail.Count + (int)rows);
        }
    }

    private AppendResult ApplyRows(ReadOnlySpan<byte> payload, Action<UserData, int>? onStored)
    {
        var reader = new BatchReader(payload);
        var fields = default(EventFields);
        int stored = 0, duplicates = 0;
        while (reader.Next(out var kind))
        {
            switch (kind)
            {
                case RowKind.Event:
                    reader.Event(ref fields);
                    if (ApplyEvent(ref fields, out var user, out var tailRow))
                    {
                        stored++;
                        onStored?.Invoke(user, tailRow);
                    }
                    else
                    {
                        duplicates++;
                    }
                    break;
                case RowKind.Customer:
                    ApplyCustomer(reader.Customer());
                    stored++;
                    break;
                case RowKind.Segment:
                    ApplySegment(reader.Segment());
                    stored++;
                    break;
                case RowKind.Metric:
                    ApplyMetric(reader.Metric());
                    stored++;
                    break;
                default:
                    throw new InvalidDataException($"Unknown row kind {kind} in a batch.");
            }
        }
        return new AppendResult(stored, duplicates);
    }

    public AppendResult Apply(ShardBatch batch, Action<UserData, int>? onStored = null) => Apply(batch.Payload, onStored);

    /// <summary>Stores an event unless its user already has its id; returns whether it was stored.</summary>
    private bool ApplyEvent(ref EventFields e, out UserData user, out int tailRow)
    {
        user = GetOrAddUser(e.UserId);
        tailRow = -1;
        var id = EventIdKey.From(e.EventId, null, out var longText);
        if (IsStored(user, id, longText, e.TimestampMs))
        {
            return false;
        }
        if (id.Kind == EventIdKey.Long)
        {
            id = EventIdKey.From(longText!, LongIds);
        }
        var codes = _codes;
        codes[(int)EventColumn.EventType] = Pool(EventColumn.EventType).Intern(e.EventType);
        codes[(int)EventColumn.Session] = Pool(EventColumn.Session).Intern(e.SessionId);
        codes[(int)EventColumn.Page] = Pool(EventColumn.Page).Intern(e.Page);
        codes[(int)EventColumn.Referrer] = Pool(EventColumn.Referrer).Intern(e.Referrer);
        codes[(int)EventColumn.Os] = Pool(EventColumn.Os).Intern(e.Os);
        codes[(int)EventColumn.Browser] = Pool(EventColumn.Browser).Intern(e.Browser);
        codes[(int)EventColumn.Platform] = Pool(EventColumn.Platform).Intern(e.Platform);
        codes[(int)EventColumn.Country] = Pool(EventColumn.Country).Intern(e.Country);
        codes[(int)EventColumn.Region] = Pool(EventColumn.Region).Intern(e.Region);
        codes[(int)EventColumn.City] = Pool(EventColumn.City).Intern(e.City);
        codes[(int)EventColumn.Device] = Pool(EventColumn.Device).Intern(e.Device);
        codes[(int)EventColumn.ContentId] = Pool(EventColumn.ContentId).Intern(e.ContentId);
        codes[(int)EventColumn.RecommendationId] = Pool(EventColumn.RecommendationId).Intern(e.RecommendationId);
        codes[(int)EventColumn.ProductId] = Pool(EventColumn.ProductId).Intern(e.ProductId);
        codes[(int)EventColumn.Category] = Pool(EventColumn.Category).Intern(e.Category);
        MinTimestamp = Math.Min(MinTimestamp, e.TimestampMs);
        MaxTimestamp = Math.Max(MaxTimestamp, e.TimestampMs);
        tailRow = Tail.Add(e.TimestampMs, codes, e.Duration, e.EventValue, id, PropertiesPool.Intern(e.Properties));
        if (user.TailRows is null)
        {
            user.TailRows = [];
            _tailUsers.Add(user);
        }
        user.TailRows.Add(tailRow);
        _dedup.Add(id.Fingerprint(user.Index, longText));
        user.Version++;
        _arrival++;
        return true;
    }

    /// <summary>The duplicate check: a 32-bit fingerprint first, then the user's stored ids, so a
    /// fingerprint collision can never drop an event. The ids are read as they are stored, tail
    /// rows and sealed run apart: a view would first merge the user's rows into time order, and a
    /// collision on a user with 100k events cost a sort of all of them (5 % of a whole-log replay).
    /// A repeated event nearly always repeats its time too (a batch sent again), so the sealed
    /// rows of that time are read first, found by a binary search of the user's run; the whole run
    /// is read only when none of them has the id. Reading every sealed id of the user for every
    /// repeat made a file sent twice load ten times slower the second time (decision 86).</summary>
    private bool IsStored(UserData user, EventIdKey key, string? longText, long? timestampMs)
    {
        if (!_dedup.MayContain(key.Fingerprint(user.Index, longText)))
        {
            return false;
        }
        if (user.TailRows is { } tailRows)
        {
            // Newest first: a batch sent again after a timeout repeats the user's latest rows.
            for (var i = tailRows.Count - 1; i >= 0; i--)
            {
                if (SameId(Tail.Ids[tailRows[i]], key, longText))
                {
                    return true;
                }
            }
        }
        var (start, end) = Sealed.Range(user.Index);
        if (timestampMs is not { } time)
        {
            return SealedHas(start, end, key, longText);
        }
        var run = Sealed.Timestamps.AsSpan(start, end - start);
        var (from, to) = (start + TimeSearch.FirstAtOrAfter(run, time), start + TimeSearch.FirstAfter(run, time));
        // The rows of that time first, then the rest of the run (not those rows again).
        return SealedHas(from, to, key, longText) || SealedHas(start, from, key, longText) || SealedHas(to, end, key, longText);
    }

    /// <summary>Whether a sealed row in [<paramref name="start"/>, <paramref name="end"/>) has the id.</summary>
    private bool SealedHas(int start, int end, EventIdKey key, string? longText)
    {
        if (start >= end)
        {
            return false;
        }
        var buffer = ArrayPool<EventIdKey>.Shared.Rent(Math.Min(IdsReadAtOnce, end - start));
        try
        {
            for (var from = start; from < end; from += buffer.Length)
            {
                var piece = buffer.AsSpan(0, Math.Min(buffer.Length, end - from));
                Sealed.Ids.Read(from, piece);
                foreach (var stored in piece)
                {
                    if (SameId(stored, key, longText))
                    {
                        return true;
                    }
                }
            }
            return false;
        }
        finally
        {
            ArrayPool<EventIdKey>.Shared.Return(buffer);
        }
    }

    private bool SameId(EventIdKey stored, EventIdKey key, string? longText) =>
        stored.Kind == key.Kind && (key.Kind == EventIdKey.Long
            ? string.Equals(LongIds[(int)stored.Lo], longText, StringComparison.Ordinal)
            : stored.Hi == key.Hi && stored.Lo == key.Lo);

    public void ApplyCustomer(CustomerRow row)
    {
        var user = GetOrAddUser(row.CustomerId);
        var arrival = _arrival++;
        if (user.CustomerSlot < 0 || row.TimestampMs >= Customers.TimestampMs(user.CustomerSlot))
        {
            user.CustomerSlot = Customers.Set(user.CustomerSlot, user.Index, row, arrival);
            CustomerVersion++;
        }
        user.Version++;
    }

    /// <summary>The user's winning <c>customers</c> row, made from its columns; null when there is none.</summary>
    public CustomerRow? Customer(UserData user) => user.CustomerSlot >= 0 ? Customers.Row(user.CustomerSlot, user.UserId) : null;

    public void ApplySegment(SegmentRow row)
    {
        var user = GetOrAddUser(row.UserId);
        row = Shared(row, user);
        var arrival = _arrival++;
        if (!_segments.TryGetValue(row.SegmentId, out var segment))
        {
            segment = new SegmentIndex();
            _segments.Add(row.SegmentId, segment);
        }
        segment.ObserveName(row.SegmentName, row.UpdatedAtMs);
        user.Memberships ??= new Memberships();
        if (!user.Memberships.TryGetValue(row.SegmentId, out var current) || row.UpdatedAtMs >= current.UpdatedAtMs)
        {
            user.Memberships.Set(Membership.Of(row, arrival));
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

    /// <summary>The row with its user id the user's own string and its few-valued texts shared
    /// with every other row: each row read from a batch brings its own copies, and 180k
    /// membership rows kept them at some 20 MB (10M-event data set).</summary>
    private SegmentRow Shared(SegmentRow row, UserData user) =>
        row with { UserId = user.UserId, SegmentId = Shared(row.SegmentId), SegmentName = Shared(row.SegmentName) };

    private string Shared(string text)
    {
        if (_sharedText.TryGetValue(text, out var shared))
        {
            return shared;
        }
        _sharedText.Add(text);
        return text;
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

    /// <summary>Folds the tail into a new sealed block: every user's run in time order, codes narrowed.</summary>
    public void Compact()
    {
        if (Tail.Count == 0)
        {
            return;
        }
        var total = Sealed.Count + Tail.Count;
        var userStart = new int[_userList.Count + 1];
        var timestamps = new long[total];
        var codes = new int[EventColumns.Count][];
        for (var c = 0; c < codes.Length; c++)
        {
            codes[c] = new int[total];
        }
        var durations = new double[total];
        var values = new double[total];
        using var ids = _idStorage.Begin(total);
        var sealedIds = new SealedIdsCursor(Sealed.Ids);
        var properties = new int[total];
        using var view = CreateView();
        var row = 0;
        foreach (var user in _userList)
        {
            userStart[user.Index] = row;
            view.Load(user);
            var n = view.Count;
            if (user.TailRows is null)
            {
                var (start, end) = Sealed.Range(user.Index);
                ids.Append(sealedIds.Get(start, end - start));
            }
            else
            {
                ids.Append(view.IdKeys);
            }
            view.Timestamps.CopyTo(timestamps.AsSpan(row));
            view.Durations.CopyTo(durations.AsSpan(row));
            view.Values.CopyTo(values.AsSpan(row));
            for (var c = 0; c < codes.Length; c++)
            {
                view.Codes((EventColumn)c).CopyTo(codes[c].AsSpan(row));
            }
            for (var i = 0; i < n; i++)
            {
                properties[row + i] = view.PropertiesCode(i);
            }
            row += n;
        }
        userStart[_userList.Count] = row;
        var replaced = Sealed;
        Sealed = new SealedEvents(
            total, userStart, timestamps,
            [.. codes.Select((column, c) => EventColumns.MayPack((EventColumn)c)
                ? CodeVector.BuildPacked(column, _pools[c].Count - 1, userStart)
                : CodeVector.Build(column, _pools[c].Count - 1))],
            DurationColumn.Build(durations), NumberColumn.Build(values), ids.Complete(), CodeVector.BuildSparse(properties, PropertiesPool.Count - 1));
        replaced.Ids.Dispose();
        ForgetDerived();
        _dedup.Fold();
        Tail.Clear();
        foreach (var user in _tailUsers)
        {
            user.TailRows = null;
        }
        _tailUsers.Clear();
    }

    /// <summary>Drops what the scans derived from the replaced sealed block: each would be rebuilt
    /// on its next use anyway, and until then it kept the whole old block alive.</summary>
    private void ForgetDerived()
    {
        SessionTable = null;
        ValueTotals = null;
        PairTables.Clear();
        TypeRows.Clear();
    }

    /// <summary>Gives back the room the dictionaries and the customers keep for more values, once a
    /// load has stored all it had (up to half of what they hold, from their doublings).</summary>
    public void TrimExcess()
    {
        foreach (var pool in _pools.Append(PropertiesPool))
        {
            pool.TrimExcess();
        }
        Customers.TrimExcess();
    }

    /// <summary>The rows of one user in the shape they were ingested, for the user's grain.</summary>
    public UserSnapshot Snapshot(UserData user)
    {
        using var view = CreateView();
        view.Load(user);
        var events = new EventRow[view.Count];
        var sessions = Pool(EventColumn.Session);
        // Every row is shown: the ids are read in one go rather than a chunk at a time.
        _ = view.IdKeys;
        for (var i = 0; i < events.Length; i++)
        {
            events[i] = ToRow(user, view, i, sessions[view.Codes(EventColumn.Session)[i]]);
        }
        CustomerRow[] customers = Customer(user) is { } c ? [c] : [];
        var segments = user.Memberships?.Values.ToArray().OrderBy(m => m.Arrival).Select(m => m.Row(user.UserId)).ToArray() ?? [];
        return new UserSnapshot(user.Version, events, customers, segments);
    }

    /// <summary>Decodes a row of the tail (session id as sent).</summary>
    public EventRow TailRow(UserData user, int row)
    {
        string S(EventColumn c) => _pools[(int)c][Tail.Codes[(int)c][row]];
        return new EventRow(
            Tail.Ids[row].ToText(LongIds), user.UserId, S(EventColumn.Session), S(EventColumn.EventType), Tail.Timestamps[row],
            S(EventColumn.Page), S(EventColumn.Referrer), S(EventColumn.Os), S(EventColumn.Browser),
            S(EventColumn.Platform), S(EventColumn.Country), S(EventColumn.Region), S(EventColumn.City),
            S(EventColumn.Device), Tail.Durations[row], S(EventColumn.ContentId), S(EventColumn.RecommendationId),
            Tail.Values[row], S(EventColumn.ProductId), S(EventColumn.Category), PropertiesPool[Tail.Properties[row]]);
    }

    /// <summary>Every segment id with membership rows here.</summary>
    public IEnumerable<string> SegmentIds => _segments.Keys;

    /// <summary>Decodes one event of a loaded view; <paramref name="sessionId"/> is the resolved session id.</summary>
    public EventRow ToRow(UserData user, EventView view, int i, string sessionId)
    {
        string S(EventColumn c) => _pools[(int)c][view.Code(c, i)];
        return new EventRow(
            view.EventId(i), user.UserId, sessionId, S(EventColumn.EventType), view.Timestamps[i],
            S(EventColumn.Page), S(EventColumn.Referrer), S(EventColumn.Os), S(EventColumn.Browser),
            S(EventColumn.Platform), S(EventColumn.Country), S(EventColumn.Region), S(EventColumn.City),
            S(EventColumn.Device), view.Duration(i), S(EventColumn.ContentId), S(EventColumn.RecommendationId),
            view.Value(i), S(EventColumn.ProductId), S(EventColumn.Category), view.Properties(i));
    }

    private UserData GetOrAddUser(ReadOnlySpan<byte> userIdUtf8)
    {
        if (_lastUser.TryGet(userIdUtf8, out var last))
        {
            return last;
        }
        if (_chars.Length < userIdUtf8.Length)
        {
            _chars = new char[Math.Max(Math.Max(userIdUtf8.Length, 64), _chars.Length * 2)];
        }
        var chars = _chars.AsSpan(0, System.Text.Encoding.UTF8.GetChars(userIdUtf8, _chars));
        var user = _usersByChars.TryGetValue(chars, out var found) ? found : GetOrAddUser(new string(chars));
        _lastUser.Remember(userIdUtf8, user);
        return user;
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
}
