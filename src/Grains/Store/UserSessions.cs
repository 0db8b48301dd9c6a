namespace UserAnalytics.Grains.Store;

/// <summary>Reusable scratch space holding the session key of every event of the user being scanned.</summary>
internal sealed class UserSessions : IDisposable
{
    private readonly List<long> _derivedStarts = [];
    private int[] _keys = [];
    private string _userId = string.Empty;
    private int _count;

    public ReadOnlySpan<int> Keys => _keys.AsSpan(0, _count);

    /// <summary>The number of derived sessions of the assigned user (keys -1 down to -count).</summary>
    public int DerivedCount => _derivedStarts.Count;

    /// <summary>Assigns the sessions of the user loaded in <paramref name="events"/>.</summary>
    public void Assign(string userId, EventView events)
    {
        _userId = userId;
        _count = events.Count;
        SessionKeys.Assign(events, ScratchArray.Ensure(ref _keys, _count), _derivedStarts);
    }

    /// <summary>The printable session id of event <paramref name="i"/> of the assigned user.</summary>
    public string Id(int i, StringPool sessions) => IdOfKey(_keys[i], sessions);

    public string IdOfKey(int key, StringPool sessions) => SessionKeys.Id(key, _userId, sessions, _derivedStarts);

    public void Dispose()
    {
        ScratchArray.Return(ref _keys);
        _count = 0;
    }
}
