using System.Text.Json;
using UserAnalytics.Gateway.Output;

namespace UserAnalytics.Gateway.Tests;

public sealed class PooledBodyTests
{
    [Fact]
    public async Task AnAnswerLargerThanTheFirstBufferIsSentWholeWithItsLength()
    {
        using var body = new PooledBody();
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartArray();
            for (var i = 0; i < 20_000; i++)
            {
                writer.WriteStringValue($"value {i}");
            }
            writer.WriteEndArray();
        }
        var (sent, contentLength) = await SendAsync(body);

        using var json = JsonDocument.Parse(sent);
        Assert.Equal(20_000, json.RootElement.GetArrayLength());
        Assert.Equal("value 19999", json.RootElement[19_999].GetString());
        Assert.Equal(sent.LongLength, contentLength);
    }

    [Fact]
    public async Task AStringLongerThanASegmentAndTheSegmentsAroundItArriveInOrder()
    {
        var wide = new string('é', PooledBody.SegmentBytes);
        using var body = new PooledBody();
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartArray();
            for (var i = 0; i < 3_000; i++)
            {
                writer.WriteStringValue($"before {i}");
            }
            writer.WriteStringValue(wide);
            for (var i = 0; i < 3_000; i++)
            {
                writer.WriteStringValue($"after {i}");
            }
            writer.WriteEndArray();
        }
        var (sent, contentLength) = await SendAsync(body);

        Assert.True(sent.Length > 3 * PooledBody.SegmentBytes);
        Assert.Equal(sent.LongLength, contentLength);
        using var json = JsonDocument.Parse(sent);
        Assert.Equal(6_001, json.RootElement.GetArrayLength());
        Assert.Equal("before 2999", json.RootElement[2_999].GetString());
        Assert.Equal(wide, json.RootElement[3_000].GetString());
        Assert.Equal("after 2999", json.RootElement[6_000].GetString());
    }

    [Fact]
    public async Task BytesWrittenUpToTheEndOfEachSegmentAreSentWithoutGapsOrRepeats()
    {
        var expected = new byte[5 * PooledBody.SegmentBytes + 7];
        new Random(7).NextBytes(expected);
        using var body = new PooledBody();
        var at = 0;
        while (at < expected.Length)
        {
            // 1,000-byte writes straddle the segment boundaries; the writer asks for no more than it needs.
            var count = Math.Min(1_000, expected.Length - at);
            expected.AsSpan(at, count).CopyTo(body.GetSpan(count));
            body.Advance(count);
            at += count;
        }
        var (sent, contentLength) = await SendAsync(body);

        Assert.Equal(expected, sent);
        Assert.Equal(expected.LongLength, contentLength);
    }

    /// <summary>The bytes the body sends and the Content-Length it sets.</summary>
    private static async Task<(byte[] Sent, long? ContentLength)> SendAsync(PooledBody body)
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        var sent = new MemoryStream();
        context.Response.Body = sent;
        await body.SendAsync(context.Response);
        return (sent.ToArray(), context.Response.ContentLength);
    }
}
