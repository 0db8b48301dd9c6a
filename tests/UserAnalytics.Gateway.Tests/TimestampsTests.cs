using UserAnalytics.Gateway.Ingest;

namespace UserAnalytics.Gateway.Tests;

public sealed class TimestampsTests
{
    private static readonly long Base = new DateTimeOffset(2023, 5, 15, 9, 45, 23, TimeSpan.Zero).ToUnixTimeMilliseconds();

    [Theory]
    [InlineData("2023-05-15 09:45:23", 0)]
    [InlineData("2023-05-15 09:45:23.5", 500)]
    [InlineData("2023-05-15 09:45:23.123", 123)]
    [InlineData("2023-05-15 09:45:23.123456", 123)]
    [InlineData("2023-05-15T09:45:23Z", 0)]
    [InlineData("2023-05-15T09:45:23.250Z", 250)]
    [InlineData("2023-05-15T11:45:23+02:00", 0)]
    [InlineData("2023-05-15T04:45:23-0500", 0)]
    [InlineData("2023-05-15T09:45:23", 0)]
    [InlineData("1684143923", 0)]
    [InlineData("1684143923000", 0)]
    [InlineData("1684143923.75", 750)]
    public void AcceptedFormatsGiveUtcMilliseconds(string text, long extraMs)
    {
        Assert.True(Timestamps.TryParse(text, out var ms));
        Assert.Equal(Base + extraMs, ms);
    }

    [Fact]
    public void ADateAloneIsMidnight()
    {
        Assert.True(Timestamps.TryParse("2023-05-15", out var ms));
        Assert.Equal(new DateTimeOffset(2023, 5, 15, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), ms);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2023-13-01")]
    [InlineData("2023-02-30 10:00:00")]
    [InlineData("2023-05-15 25:00:00")]
    [InlineData("2023-05-15 10:00:00 extra")]
    [InlineData("2023-05-15T10:00:00+99:00")]
    [InlineData("NaN")]
    public void AnythingElseIsRejected(string text)
    {
        Assert.False(Timestamps.TryParse(text, out _));
    }

    [Fact]
    public void EpochNumbersBelowOneHundredBillionAreSeconds()
    {
        Assert.True(Timestamps.TryFromEpoch(99_999_999_999, out var seconds));
        Assert.Equal(99_999_999_999_000, seconds);
        Assert.True(Timestamps.TryFromEpoch(100_000_000_000, out var millis));
        Assert.Equal(100_000_000_000, millis);
    }

    [Fact]
    public void OutputDropsMilliseconds()
    {
        Assert.Equal("2023-05-15 09:45:23", Timestamps.FormatDateTime(Base + 999));
        Assert.Equal("2023-05-15", Timestamps.FormatDate(Base));
    }

    [Fact]
    public void TimesAreWrittenAsDateTimeFormatsThemFromYearOneToYear9999()
    {
        var random = new Random(7);
        var edges = new long[]
        {
            0, -1, 1, 999, 1000, 86_399_999, 86_400_000, -86_400_000, -86_400_001,
            951_782_400_000, 951_868_799_999, 4_107_542_400_000, -2_203_891_200_000, // 2000-02-29, 2100-03-01, 1900-02-28
            -62_135_596_800_000, 253_402_300_799_999, // the first and last millisecond DateTime holds
        };
        Span<byte> utf8 = stackalloc byte[Timestamps.DateTimeBytes];
        foreach (var ms in edges.Concat(Enumerable.Range(0, 200_000).Select(_ => random.NextInt64(-62_135_596_800_000, 253_402_300_800_000))))
        {
            var expected = DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(expected, System.Text.Encoding.UTF8.GetString(Timestamps.FormatDateTime(ms, utf8)));
        }
        // The Monday before 0001-01-01 (a week bucket of the first stored day) is in year 0.
        Assert.Equal("0000-12-25 00:00:00", System.Text.Encoding.UTF8.GetString(Timestamps.FormatDateTime(-62_135_596_800_000 - (7 * 86_400_000L), utf8)));
        Assert.Equal("0000-01-01 00:00:00", System.Text.Encoding.UTF8.GetString(Timestamps.FormatDateTime(-62_167_219_200_000, utf8)));
    }
}
