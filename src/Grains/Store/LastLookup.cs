namespace UserAnalytics.Grains.Store;

/// <summary>
/// The key looked up last, as UTF-8, with what it found. Rows come in runs of one user and one
/// session, so most lookups of a column repeat the previous row's, and a compare of a few bytes
/// beats a hash and a probe. Keys longer than <see cref="MaxKey"/> are not remembered.
/// </summary>
internal sealed class LastLookup<T>
{
    private const int MaxKey = 64;
    private readonly byte[] _key = new byte[MaxKey];
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
            key.CopyTo(_key);
            (_length, _found) = (key.Length, found);
        }
    }
}
