using System.Text;
using System.Text.Unicode;

namespace UserAnalytics.Grains.Store;

/// <summary>
/// Dictionary encoding for the string columns of one store: each distinct value is kept once and
/// rows hold its code. Code 0 is always the empty string.
/// </summary>
/// <remarks>
/// Values are kept as UTF-8 back to back in one array, found through an open-addressing table of
/// code + 1 with a byte of the hash beside it, at most half full, instead of as string objects in
/// a dictionary: a shard's session ids alone are some 45,000 values, and a value costs about 35
/// bytes this way instead of about 110 (the table 10–20 of them; with the whole hash in the table
/// it was 16–32, some 30 MB of a silo's 10M events). Fuller, the misses of linear probing (every
/// new value is one) grow long. Rows arrive
/// as UTF-8 (the batches' and the log's form), so interning never makes a string; reading a value
/// does, except for the first <see cref="CachedStrings"/> codes, which small columns (countries,
/// devices, event types) never outgrow and whose strings are kept once made.
/// </remarks>
internal sealed class StringPool
{
    private const int CachedStrings = 4096;
    private const int FirstSlots = 16;
    private static readonly int[] OnlyEmptyStart = [0];
    private static readonly string?[] OnlyEmptyString = [string.Empty];

    [ThreadStatic]
    private static byte[]? _threadScratch;

    // A pool that holds only the empty string shares these arrays and owns none: every user grain
    // holds a one-user store with a pool per string column, most of them empty or nearly so, and
    // a pool's own first arrays cost 700 bytes. Every write replaces an array before it writes,
    // and the empty string is not in the hash table (code 0 is found without it).
    private byte[] _bytes = [];
    private int[] _starts = OnlyEmptyStart;
    private int _used;
    private byte[] _tags = [];
    private int[] _slots = [];
    private string?[] _strings = OnlyEmptyString;
    private readonly LastLookup<int> _last = new();

    public int Count { get; private set; } = 1;

    /// <summary>Approximate bytes held, for the memory figures of the benchmark.</summary>
    public long Bytes => _bytes.Length + (_starts.Length * 4L) + _tags.Length + (_slots.Length * 4L) + (_strings.Length * 8L);

    public string this[int code]
    {
        get
        {
            if ((uint)code >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(code), code, $"The pool holds {Count} values.");
            }
            if (code < CachedStrings)
            {
                if (code >= _strings.Length)
                {
                    Array.Resize(ref _strings, Math.Min(CachedStrings, Math.Max(code + 1, _strings.Length * 2)));
                }
                return _strings[code] ??= Encoding.UTF8.GetString(Utf8Of(code));
            }
            return Encoding.UTF8.GetString(Utf8Of(code));
        }
    }

    public int Intern(string value)
    {
        var utf8 = Encode(value);
        return Find(utf8, Hash(utf8)) is var code and >= 0 ? code : Add(utf8);
    }

    /// <summary>Interns UTF-8 text. Bytes that are not valid UTF-8 are stored as their decoding
    /// (with replacement characters), as a string made from them would be.</summary>
    public int Intern(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return 0;
        }
        if (_last.TryGet(utf8, out var last))
        {
            return last;
        }
        var code = Utf8.IsValid(utf8) ? (Find(utf8, Hash(utf8)) is var found and >= 0 ? found : Add(utf8)) : Intern(Encoding.UTF8.GetString(utf8));
        _last.Remember(utf8, code);
        return code;
    }

    /// <summary>The code of <paramref name="value"/>, or -1 when no stored row has it.</summary>
    public int Find(string value)
    {
        var utf8 = Encode(value);
        return Find(utf8, Hash(utf8));
    }

    private ReadOnlySpan<byte> Utf8Of(int code) => _bytes.AsSpan(_starts[code], (code + 1 < Count ? _starts[code + 1] : _used) - _starts[code]);

    /// <summary>The UTF-8 of <paramref name="value"/>, in a buffer of the thread's reused by the
    /// next call on it (callers use it before they return).</summary>
    private static ReadOnlySpan<byte> Encode(string value)
    {
        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        var scratch = _threadScratch;
        if (scratch is null || scratch.Length < length)
        {
            _threadScratch = scratch = new byte[Math.Max(Math.Max(length, 256), (scratch?.Length ?? 0) * 2)];
        }
        return scratch.AsSpan(0, Encoding.UTF8.GetBytes(value, scratch));
    }

    private int Find(ReadOnlySpan<byte> utf8, int hash)
    {
        if (utf8.IsEmpty)
        {
            return 0;
        }
        if (_slots.Length == 0)
        {
            return -1;
        }
        var mask = _slots.Length - 1;
        var tag = Tag(hash);
        for (var i = hash & mask; ; i = (i + 1) & mask)
        {
            var slot = _slots[i];
            if (slot == 0)
            {
                return -1;
            }
            if (_tags[i] == tag && utf8.SequenceEqual(Utf8Of(slot - 1)))
            {
                return slot - 1;
            }
        }
    }

    private int Add(ReadOnlySpan<byte> utf8)
    {
        var code = Count;
        if (_used + utf8.Length > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_used + utf8.Length, _bytes.Length * 2));
        }
        if (code == _starts.Length)
        {
            Array.Resize(ref _starts, Math.Max(FirstSlots, code * 2));
        }
        _starts[code] = _used;
        utf8.CopyTo(_bytes.AsSpan(_used));
        _used += utf8.Length;
        Count++;
        if (2L * Count > _slots.Length)
        {
            Grow();
        }
        Insert(Hash(utf8), code);
        return code;
    }

    private void Insert(int hash, int code)
    {
        var mask = _slots.Length - 1;
        var i = hash & mask;
        while (_slots[i] != 0)
        {
            i = (i + 1) & mask;
        }
        _tags[i] = Tag(hash);
        _slots[i] = code + 1;
    }

    /// <summary>Doubles the table; the values' hashes are taken again from their bytes.</summary>
    private void Grow()
    {
        var length = Math.Max(FirstSlots, _slots.Length * 2);
        _tags = new byte[length];
        _slots = new int[length];
        // The code being added is inserted by the caller.
        for (var code = 1; code < Count - 1; code++)
        {
            Insert(Hash(Utf8Of(code)), code);
        }
    }

    /// <summary>Gives back the room kept for more values (after a checkpoint's load, which knows
    /// it has stored them all). The table stays as it is.</summary>
    public void TrimExcess()
    {
        if (_starts.Length > Count && Count > 1)
        {
            Array.Resize(ref _starts, Count);
        }
        if (_bytes.Length > _used)
        {
            Array.Resize(ref _bytes, _used);
        }
    }

    /// <summary>The hash's bits above the table's index: a byte that rules out most other values
    /// before their bytes are compared.</summary>
    private static byte Tag(int hash) => (byte)(hash >> 23);

    private static int Hash(ReadOnlySpan<byte> utf8)
    {
        var hash = new HashCode();
        hash.AddBytes(utf8);
        return hash.ToHashCode() & int.MaxValue;
    }
}
