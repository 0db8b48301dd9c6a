namespace UserAnalytics.Grains.Store;

/// <summary>
/// The key looked up last, as UTF-8, with what it found. Rows come in runs of one user and one
/// session, so most lookups of a column repeat the previous row's, and a compare of a few bytes
/// beats a hash and a probe. Keys longer than <see cref="MaxKey"/> are not remembered.
/// </summary>
internal sealed class LastLookup<T>
{
    private const int MaxKey = 64;
    // Made on the first key remembered: a one-user store has a lookup per string column, and many
    // of its columns never see a value.
    private byte[] _key = [];
    private int _length = -1;
    private T _found = default!;

    public bool TryGet(ReadOnlySpan<byte> key, out T found)
    {
        var hit = key.Length == _length && key.SequenceEqual(_key.AsSpan(0, _length));
        found = hit ? _found : default!;
        return hit;
    }

    public void Remember(ReadOnlySpan<byte> key, T found)
    {
        if (key.Length <= MaxKey)
        {
            if (_key.Length == 0)
            {
                _key = new byte[MaxKey];
            }
            key.CopyTo(_key);
            (_length, _found) = (key.Length, found);
        }
    }
}
