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
        var (sent, contentLength, flushes) = await SendAsync(body);

        using var json = JsonDocument.Parse(sent);
        Assert.Equal(20_000, json.RootElement.GetArrayLength());
        Assert.Equal("value 19999", json.RootElement[19_999].GetString());
        Assert.Equal(sent.LongLength, contentLength);
        Assert.Equal(1, flushes);
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
        var (sent, contentLength, flushes) = await SendAsync(body);

        Assert.True(sent.Length > 3 * PooledBody.SegmentBytes);
        Assert.Equal(sent.LongLength, contentLength);
        Assert.Equal(1, flushes);
        using var json = JsonDocument.Parse(sent);
        Assert.Equal(6_001, json.RootElement.GetArrayLength());
        Assert.Equal("before 2999", json.RootElement[2_999].GetString());
        Assert.Equal(wide, json.RootElement[3_000].GetString());
        Assert.Equal("after 2999", json.RootElement[6_000].GetString());
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(1_024)] // fills every segment to its last byte
    public async Task BytesWrittenUpToTheEndOfEachSegmentAreSentWithoutGapsOrRepeats(int writeSize)
    {
        var expected = new byte[5 * PooledBody.SegmentBytes + 7];
        new Random(7).NextBytes(expected);
        using var body = new PooledBody();
        var at = 0;
        while (at < expected.Length)
        {
            // The writer asks for no more than it needs.
            var count = Math.Min(writeSize, expected.Length - at);
            expected.AsSpan(at, count).CopyTo(body.GetSpan(count));
            body.Advance(count);
            at += count;
        }
        var (sent, contentLength, flushes) = await SendAsync(body);

        Assert.Equal(expected, sent);
        Assert.Equal(expected.LongLength, contentLength);
        Assert.Equal(1, flushes);
    }

    /// <summary>The bytes the body sends, the Content-Length it sets, and how many times it
    /// flushed the response (each flush is a send of its own on a real connection).</summary>
    private static async Task<(byte[] Sent, long? ContentLength, int Flushes)> SendAsync(PooledBody body)
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        var sent = new FlushCounting();
        context.Response.Body = sent;
        await body.SendAsync(context.Response);
        return (sent.ToArray(), context.Response.ContentLength, sent.Flushes);
    }

    private sealed class FlushCounting : MemoryStream
    {
        public int Flushes { get; private set; }

        // MemoryStream.FlushAsync calls Flush.
        public override void Flush()
        {
            Flushes++;
            base.Flush();
        }
    }
}
