using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Grains.Store;

/// <summary>An <see cref="EventFilter"/> resolved against one store's dictionary: string values
/// become codes, the user and segment restrictions become sets of users, and a value no stored row
/// has makes the whole filter match nothing without a scan.</summary>
internal sealed class CompiledFilter
{
    private readonly int[]? _eventTypes;
    private readonly int _platform = -1;
    private readonly int _device = -1;
    private readonly int _country = -1;
    private readonly int _content = -1;
    private readonly int _recommendation = -1;
    private readonly bool _requireContent;
    private readonly bool _requireRecommendation;
    private readonly UserData? _onlyUser;
    private readonly HashSet<int>? _members;
    private readonly bool _timeOnly;

    private CompiledFilter(EventFilter filter, EventStore store)
    {
        FromMs = filter.FromMs ?? long.MinValue;
        ToMs = filter.ToMs ?? long.MaxValue;
        _requireContent = filter.RequireContent;
        _requireRecommendation = filter.RequireRecommendation;
        if (filter.UserId is { } userId)
        {
            _onlyUser = store.FindUser(userId);
            MatchesNothing |= _onlyUser is null;
        }
        if (filter.SegmentId is { } segmentId)
        {
            _members = store.FindSegment(segmentId)?.Members;
            MatchesNothing |= _members is null || _members.Count == 0;
        }
        if (filter.EventTypes is { } types)
        {
            _eventTypes = types.Select(store.Pool(EventColumn.EventType).Find).Where(c => c >= 0).Distinct().ToArray();
            MatchesNothing |= _eventTypes.Length == 0;
        }
        MatchesNothing |= Resolve(store.Pool(EventColumn.Platform), filter.Platform, ref _platform)
            | Resolve(store.Pool(EventColumn.Device), filter.Device, ref _device)
            | Resolve(store.Pool(EventColumn.Country), filter.Country, ref _country)
            | Resolve(store.Pool(EventColumn.ContentId), filter.ContentId, ref _content)
            | Resolve(store.Pool(EventColumn.RecommendationId), filter.RecommendationId, ref _recommendation);
        MatchesNothing |= FromMs > ToMs;
        _timeOnly = _eventTypes is null && _platform < 0 && _device < 0 && _country < 0 && _content < 0
            && _recommendation < 0 && !_requireContent && !_requireRecommendation;
    }

    /// <summary>When the only condition besides the time window is that one column is not empty
    /// (content_id or recommendation_id present), that column; else null.</summary>
    public EventColumn? OnlyRequiresNonEmpty =>
        _eventTypes is null && _platform < 0 && _device < 0 && _country < 0 && _content < 0 && _recommendation < 0
            ? (_requireContent, _requireRecommendation) switch
            {
                (true, false) => EventColumn.ContentId,
                (false, true) => EventColumn.RecommendationId,
                _ => null,
            }
            : null;

    public long FromMs { get; }

    public long ToMs { get; }

    public bool MatchesNothing { get; }

    public static CompiledFilter Compile(EventFilter filter, EventStore store) => new(filter, store);

    /// <summary>The users whose events can pass the filter.</summary>
    public IEnumerable<UserData> Users(EventStore store)
    {
        if (MatchesNothing)
        {
            return [];
        }
        if (_onlyUser is not null)
        {
            return _members is null || _members.Contains(_onlyUser.Index) ? [_onlyUser] : [];
        }
        if (_members is not null)
        {
            return _members.Order().Select(i => store.Users[i]);
        }
        return store.Users;
    }

    /// <summary>The slice of the user's time-ordered rows inside the time window.</summary>
    public (int Start, int End) Range(EventView events)
    {
        var start = FromMs == long.MinValue ? 0 : events.LowerBound(FromMs);
        var end = ToMs == long.MaxValue ? events.Count : events.UpperBound(ToMs);
        return (start, Math.Max(start, end));
    }

    /// <summary>True when no column condition applies: every row in <see cref="Range(EventView)"/> passes.</summary>
    public bool TimeOnly => _timeOnly;

    /// <summary>Writes the indexes of the rows of [<paramref name="start"/>, <paramref name="end"/>)
    /// that pass into <paramref name="selected"/> and returns how many; each column is fetched once.</summary>
    public int Select(EventView events, int start, int end, Span<int> selected)
    {
        var n = 0;
        if (TimeOnly)
        {
            for (var i = start; i < end; i++)
            {
                selected[n++] = i;
            }
            return n;
        }
        var types = _eventTypes is null ? default : events.Codes(EventColumn.EventType);
        var platforms = _platform < 0 ? default : events.Codes(EventColumn.Platform);
        var devices = _device < 0 ? default : events.Codes(EventColumn.Device);
        var countries = _country < 0 ? default : events.Codes(EventColumn.Country);
        var contents = _content < 0 && !_requireContent ? default : events.Codes(EventColumn.ContentId);
        var recommendations = _recommendation < 0 && !_requireRecommendation ? default : events.Codes(EventColumn.RecommendationId);
        for (var i = start; i < end; i++)
        {
            if ((_eventTypes is not null && Array.IndexOf(_eventTypes, types[i]) < 0)
                || (_platform >= 0 && platforms[i] != _platform)
                || (_device >= 0 && devices[i] != _device)
                || (_country >= 0 && countries[i] != _country)
                || (_content >= 0 && contents[i] != _content)
                || (_recommendation >= 0 && recommendations[i] != _recommendation)
                || (_requireContent && contents[i] == 0)
                || (_requireRecommendation && recommendations[i] == 0))
            {
                continue;
            }
            selected[n++] = i;
        }
        return n;
    }

    /// <summary>As <see cref="Select(EventView, int, int, Span{int})"/>, into a scratch array that
    /// grows as needed and is reused from user to user; returns the selected rows.</summary>
    public ReadOnlySpan<int> Select(EventView events, int start, int end, ref int[] scratch)
    {
        var rows = ScratchArray.Ensure(ref scratch, end - start);
        return rows.AsSpan(0, Select(events, start, end, rows));
    }

    /// <summary>The column conditions on row <paramref name="row"/> of the sealed block, in the run of <paramref name="user"/>.</summary>
    public bool Matches(SealedEvents events, int user, int row) =>
        _timeOnly || Passes(user, row, events.Codes[(int)EventColumn.EventType], events.Codes[(int)EventColumn.Platform], events.Codes[(int)EventColumn.Device],
            events.Codes[(int)EventColumn.Country], events.Codes[(int)EventColumn.ContentId], events.Codes[(int)EventColumn.RecommendationId]);

    /// <summary>The window and column conditions on row <paramref name="row"/> of the tail.</summary>
    public bool Matches(TailEvents events, int row)
    {
        var ts = events.Timestamps[row];
        if (ts < FromMs || ts > ToMs)
        {
            return false;
        }
        if (_timeOnly)
        {
            return true;
        }
        var c = events.Codes;
        return (_eventTypes is null || Array.IndexOf(_eventTypes, c[(int)EventColumn.EventType][row]) >= 0)
            && (_platform < 0 || c[(int)EventColumn.Platform][row] == _platform)
            && (_device < 0 || c[(int)EventColumn.Device][row] == _device)
            && (_country < 0 || c[(int)EventColumn.Country][row] == _country)
            && (_content < 0 || c[(int)EventColumn.ContentId][row] == _content)
            && (_recommendation < 0 || c[(int)EventColumn.RecommendationId][row] == _recommendation)
            && (!_requireContent || c[(int)EventColumn.ContentId][row] != 0)
            && (!_requireRecommendation || c[(int)EventColumn.RecommendationId][row] != 0);
    }

    /// <summary>The sealed rows of <paramref name="user"/> inside the time window.</summary>
    public (int Start, int End) Range(SealedEvents events, UserData user)
    {
        var (start, end) = events.Range(user.Index);
        if (FromMs != long.MinValue)
        {
            start += TimeSearch.FirstAtOrAfter(events.Timestamps.AsSpan(start, end - start), FromMs);
        }
        if (ToMs != long.MaxValue)
        {
            end = start + TimeSearch.FirstAfter(events.Timestamps.AsSpan(start, end - start), ToMs);
        }
        return (start, Math.Max(start, end));
    }

    private bool Passes(int user, int row, CodeVector types, CodeVector platforms, CodeVector devices, CodeVector countries, CodeVector contents, CodeVector recommendations) =>
        (_eventTypes is null || Array.IndexOf(_eventTypes, types[row]) >= 0)
        && (_platform < 0 || platforms.At(user, row) == _platform)
        && (_device < 0 || devices.At(user, row) == _device)
        && (_country < 0 || countries.At(user, row) == _country)
        && (_content < 0 || contents[row] == _content)
        && (_recommendation < 0 || recommendations[row] == _recommendation)
        && (!_requireContent || contents[row] != 0)
        && (!_requireRecommendation || recommendations[row] != 0);

    /// <summary>True when row <paramref name="i"/> (already inside <see cref="Range(EventView)"/>) passes the column conditions.</summary>
    public bool Matches(EventView events, int i)
    {
        if (_timeOnly)
        {
            return true;
        }
        if (_eventTypes is not null && Array.IndexOf(_eventTypes, events.Codes(EventColumn.EventType)[i]) < 0)
        {
            return false;
        }
        return Is(events, EventColumn.Platform, _platform, i)
            && Is(events, EventColumn.Device, _device, i)
            && Is(events, EventColumn.Country, _country, i)
            && Is(events, EventColumn.ContentId, _content, i)
            && Is(events, EventColumn.RecommendationId, _recommendation, i)
            && (!_requireContent || events.Codes(EventColumn.ContentId)[i] != 0)
            && (!_requireRecommendation || events.Codes(EventColumn.RecommendationId)[i] != 0);
    }

    private static bool Is(EventView events, EventColumn column, int code, int i) =>
        code < 0 || events.Codes(column)[i] == code;

    /// <summary>Returns true when the value is wanted but no stored row has it.</summary>
    private static bool Resolve(StringPool pool, string? value, ref int code)
    {
        if (value is null)
        {
            return false;
        }
        code = pool.Find(value);
        return code < 0;
    }
}
