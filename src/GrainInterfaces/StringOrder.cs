namespace UserAnalytics.GrainInterfaces;

/// <summary>The contract's string order: by Unicode code point, which is the byte order of UTF-8
/// (what ClickHouse and DuckDB compare). It differs from .NET's ordinal UTF-16 order only when a
/// character above U+FFFF meets one in U+E000..U+FFFF.</summary>
public static class StringOrder
{
    /// <summary>A comparer for sorting.</summary>
    public static IComparer<string> Comparer { get; } = Comparer<string>.Create(Compare);

    /// <summary>Compares two strings by code point.</summary>
    /// <param name="x">The first string.</param>
    /// <param name="y">The second string.</param>
    /// <returns>Negative, zero or positive as <paramref name="x"/> sorts before, with or after <paramref name="y"/>.</returns>
    public static int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }
        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }
        var length = Math.Min(x.Length, y.Length);
        var i = x.AsSpan(0, length).CommonPrefixLength(y.AsSpan(0, length));
        if (i == length)
        {
            return x.Length.CompareTo(y.Length);
        }
        return Fix(x[i]).CompareTo(Fix(y[i]));
    }

    // Moves surrogates above U+E000..U+FFFF so UTF-16 units compare in code point order.
    private static int Fix(char c) => c >= 0xD800 ? (c >= 0xE000 ? c - 0x800 : c + 0x2000) : c;
}
