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
}
