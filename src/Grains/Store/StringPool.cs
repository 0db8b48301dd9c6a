using System.Text;

namespace UserAnalytics.Grains.Store;

/// <summary>Dictionary encoding for the string columns of one store: each distinct value is kept
/// once and rows hold its code. Code 0 is always the empty string.</summary>
internal sealed class StringPool
{
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal) { [string.Empty] = 0 };
    private readonly List<string> _values = [string.Empty];
    private char[] _chars = new char[256];

    // ASCII values are also found straight from their UTF-8 bytes (the log's and the batches' form),
    // without transcoding to UTF-16 and hashing again: an open-addressing table of (hash, code + 1).
    private int[] _asciiHashes = new int[1024];
    private int[] _asciiCodes = new int[1024];
    private int _asciiCount;

    // The value interned last, as UTF-8: rows come in runs of one user and one session, so most
    // values of a column equal the previous row's, and a compare of a few bytes beats a hash.
    private readonly byte[] _last = new byte[LastMax];
    private int _lastLength = -1;
    private int _lastCode;
    private const int LastMax = 64;

    public StringPool()
    {
        ByChars = _codes.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> ByChars { get; }

    public int Count => _values.Count;

    public string this[int code] => _values[code];

    public int Intern(string value)
    {
        if (_codes.TryGetValue(value, out var code))
        {
            return code;
        }
        return Add(value);
    }

    /// <summary>Interns UTF-8 text: the string is only allocated the first time a value is seen.</summary>
    public int Intern(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return 0;
        }
        if (utf8.Length == _lastLength && utf8.SequenceEqual(_last.AsSpan(0, _lastLength)))
        {
            return _lastCode;
        }
        var code = Lookup(utf8);
        if (utf8.Length <= LastMax)
        {
            utf8.CopyTo(_last);
            (_lastLength, _lastCode) = (utf8.Length, code);
        }
        return code;
    }

    private int Lookup(ReadOnlySpan<byte> utf8)
    {
        if (Ascii.IsValid(utf8))
        {
            var hash = HashOf(utf8);
            var mask = _asciiCodes.Length - 1;
            for (var i = hash & mask; ; i = (i + 1) & mask)
            {
                var slot = _asciiCodes[i];
                if (slot == 0)
                {
                    break;
                }
                if (_asciiHashes[i] == hash && Ascii.Equals(utf8, _values[slot - 1]))
                {
                    return slot - 1;
                }
            }
            return Add(Encoding.ASCII.GetString(utf8));
        }
        if (_chars.Length < utf8.Length)
        {
            _chars = new char[Math.Max(utf8.Length, _chars.Length * 2)];
        }
        var chars = _chars.AsSpan(0, Encoding.UTF8.GetChars(utf8, _chars));
        if (ByChars.TryGetValue(chars, out var code))
        {
            return code;
        }
        return Add(new string(chars));
    }

    /// <summary>The code of <paramref name="value"/>, or -1 when no stored row has it.</summary>
    public int Find(string value) => _codes.TryGetValue(value, out var code) ? code : -1;

    private int Add(string value)
    {
        var code = _values.Count;
        _values.Add(value);
        _codes.Add(value, code);
        if (Ascii.IsValid(value))
        {
            // ASCII text is its own UTF-8: hash the chars narrowed to bytes, as Intern(bytes) does.
            Span<byte> bytes = value.Length <= 512 ? stackalloc byte[value.Length] : new byte[value.Length];
            Encoding.ASCII.GetBytes(value, bytes);
            AddAscii(HashOf(bytes), code);
        }
        return code;
    }

    private void AddAscii(int hash, int code)
    {
        if (2 * (_asciiCount + 1) > _asciiCodes.Length)
        {
            Grow();
        }
        var mask = _asciiCodes.Length - 1;
        var i = hash & mask;
        while (_asciiCodes[i] != 0)
        {
            i = (i + 1) & mask;
        }
        _asciiHashes[i] = hash;
        _asciiCodes[i] = code + 1;
        _asciiCount++;
    }

    private void Grow()
    {
        var (hashes, codes) = (_asciiHashes, _asciiCodes);
        _asciiHashes = new int[hashes.Length * 2];
        _asciiCodes = new int[codes.Length * 2];
        _asciiCount = 0;
        for (var i = 0; i < codes.Length; i++)
        {
            if (codes[i] != 0)
            {
                AddAscii(hashes[i], codes[i] - 1);
            }
        }
    }

    private static int HashOf(ReadOnlySpan<byte> bytes)
    {
        var hash = new HashCode();
        hash.AddBytes(bytes);
        return hash.ToHashCode() & int.MaxValue;
    }
}
