namespace UserAnalytics.Grains.Store;

/// <summary>Reusable scratch space holding the session key of every event of the user being scanned.</summary>
internal sealed class UserSessions
{
    private readonly List<long> _derivedStarts = [];
    private int[] _keys = new int[64];
    private UserData? _user;

    public ReadOnlySpan<int> Keys => _keys.AsSpan(0, _user?.Events.Count ?? 0);

    public void Assign(UserData user)
    {
        _user = user;
        if (_keys.Length < user.Events.Count)
        {
            _keys = new int[Math.Max(user.Events.Count, _keys.Length * 2)];
        }
        SessionKeys.Assign(user.Events, _keys, _derivedStarts);
    }

    /// <summary>The printable session id of event <paramref name="i"/> of the assigned user.</summary>
    public string Id(int i, StringPool pool) => IdOfKey(_keys[i], pool);

    public string IdOfKey(int key, StringPool pool) => SessionKeys.Id(key, _user!, pool, _derivedStarts);
}
