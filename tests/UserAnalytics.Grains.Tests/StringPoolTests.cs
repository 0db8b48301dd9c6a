using System.Text;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Tests;

public sealed class StringPoolTests
{
    [Fact]
    public void AValueHasOneCodeWhicheverWayItArrives()
    {
        var pool = new StringPool();
        var values = Enumerable.Range(0, 5000).Select(i => i % 3 == 0 ? $"café-{i}" : $"page/{i}").ToList();
        var codes = values.Select((v, i) => i % 2 == 0 ? pool.Intern(v) : pool.Intern(Encoding.UTF8.GetBytes(v))).ToList();

        Assert.Equal(values.Count + 1, pool.Count);
        for (var i = 0; i < values.Count; i++)
        {
            Assert.Equal(codes[i], pool.Intern(Encoding.UTF8.GetBytes(values[i])));
            Assert.Equal(codes[i], pool.Intern(values[i]));
            Assert.Equal(values[i], pool[codes[i]]);
        }
        Assert.Equal(values.Count + 1, pool.Count);
    }

    /// <summary>The table is rebuilt from the values' bytes as it grows, and a pool trimmed after a
    /// load (its arrays cut to what it holds) still finds every value and takes new ones.</summary>
    [Fact]
    public void APoolTrimmedAfterALoadFindsEveryValueAndTakesMore()
    {
        var pool = new StringPool();
        var values = Enumerable.Range(0, 50_000).Select(i => $"user-{i:D7}-s{i % 13}").ToList();
        values.ForEach(v => pool.Intern(v));
        var before = pool.Bytes;

        pool.TrimExcess();

        Assert.True(pool.Bytes < before);
        for (var i = 0; i < values.Count; i++)
        {
            Assert.Equal(i + 1, pool.Find(values[i]));
        }
        Assert.Equal(-1, pool.Find("user-0000001-s2"));
        Assert.Equal(values.Count + 1, pool.Intern("a value after the trim"));
        Assert.Equal(values.Count + 2, pool.Intern(Encoding.UTF8.GetBytes("and another, ü")));
        Assert.Equal(3, pool.Find(values[2]));
        Assert.Equal("a value after the trim", pool[values.Count + 1]);
        Assert.Equal(values[^1], pool[values.Count]);
    }

    [Fact]
    public void TheEmptyValueIsCodeZeroAndSimilarValuesStayApart()
    {
        var pool = new StringPool();
        Assert.Equal(0, pool.Intern(ReadOnlySpan<byte>.Empty));
        Assert.Equal(0, pool.Intern(string.Empty));
        var a = pool.Intern("ab"u8);
        var b = pool.Intern("ba"u8);
        var c = pool.Intern("ab "u8);
        Assert.Equal(3, new[] { a, b, c }.Distinct().Count());
        Assert.Equal(a, pool.Find("ab"));
        Assert.Equal(-1, pool.Find("abc"));
    }

    [Fact]
    public void EveryDistinctValueGetsOneCodeWhicheverWayItArrives()
    {
        var random = new Random(11);
        var pool = new StringPool();
        var expected = new Dictionary<string, int>(StringComparer.Ordinal) { [""] = 0 };
        string[] alphabet = ["a", "b", "é", "日本", "-", "🙂", "z"];
        for (var i = 0; i < 20_000; i++)
        {
            // Runs of repeats, short and long values (past the last-value buffer), non-ASCII text.
            var value = random.Next(4) == 0 && i > 0
                ? expected.Keys.ElementAt(random.Next(Math.Min(expected.Count, 50)))
                : string.Concat(Enumerable.Range(0, random.Next(0, random.Next(3) == 0 ? 90 : 8)).Select(_ => alphabet[random.Next(alphabet.Length)])) + (i % 5000);
            var code = random.Next(2) == 0 ? pool.Intern(value) : pool.Intern(Encoding.UTF8.GetBytes(value));
            if (!expected.TryGetValue(value, out var known))
            {
                expected.Add(value, known = expected.Count);
            }
            Assert.Equal(known, code);
        }

        Assert.Equal(expected.Count, pool.Count);
        foreach (var (value, code) in expected)
        {
            Assert.Equal(value, pool[code]);
            Assert.Equal(code, pool.Find(value));
        }
        Assert.Equal(-1, pool.Find("never stored"));
        Assert.Throws<ArgumentOutOfRangeException>(() => pool[pool.Count]);
    }

    [Fact]
    public void BytesThatAreNotUtf8AreTheValueTheirDecodingIs()
    {
        var pool = new StringPool();
        byte[] invalid = [0x61, 0xFF, 0x62];
        byte[] otherInvalid = [0x61, 0xFE, 0x62];

        var code = pool.Intern(invalid);

        Assert.Equal("a\uFFFDb", pool[code]);
        Assert.Equal(code, pool.Intern(otherInvalid));
        Assert.Equal(code, pool.Intern("a\uFFFDb"));
        Assert.Equal(0, pool.Intern(""));
        Assert.Equal(0, pool.Intern(ReadOnlySpan<byte>.Empty));
    }

    [Fact]
    public void APoolOfOnlyTheEmptyValueOwnsNoArraysAndSharesNoneOnceWritten()
    {
        var first = new StringPool();
        var second = new StringPool();

        Assert.True(first.Bytes <= 16, $"an empty pool holds {first.Bytes} bytes");
        Assert.Equal((0, -1), (first.Find(""), first.Find("a")));

        Assert.Equal(1, first.Intern("a"));
        Assert.Equal(2, first.Intern("b"u8));
        Assert.Equal(0, first.Intern(""));

        Assert.Equal(("", "a", "b"), (first[0], first[1], first[2]));
        Assert.Equal((1, "", -1, -1), (second.Count, second[0], second.Find("a"), second.Find("b")));
        Assert.Equal(1, second.Intern("b"));
        Assert.Equal((2, 1), (first.Find("b"), second.Find("b")));
    }
}
