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
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        var sent = new MemoryStream();
        context.Response.Body = sent;

        await body.SendAsync(context.Response);

        using var json = JsonDocument.Parse(sent.ToArray());
        Assert.Equal(20_000, json.RootElement.GetArrayLength());
        Assert.Equal("value 19999", json.RootElement[19_999].GetString());
        Assert.Equal(sent.Length, context.Response.ContentLength);
    }
}
