using System.Text;
using System.Text.Json;

namespace UserAnalytics.Silo.Tests;

/// <summary>Small helpers for calling the gateway.</summary>
internal static class Http
{
    public static async Task<(int Status, JsonElement Body)> PostEventsAsync(this HttpClient client, string dataSource, string body, string query = "")
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/x-ndjson");
        using var response = await client.PostAsync($"v0/events?name={dataSource}{query}", content);
        return ((int)response.StatusCode, await ReadJson(response));
    }

    public static async Task<(int Status, JsonElement Body)> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return ((int)response.StatusCode, await ReadJson(response));
    }

    public static async Task<JsonElement> PipeAsync(this HttpClient client, string pipe, string query = "")
    {
        var (status, body) = await client.GetJsonAsync($"v0/pipes/{pipe}.json?{query}");
        Assert.True(status == 200, $"{pipe}?{query} answered {status}: {body}");
        return body;
    }

    public static List<JsonElement> Data(this JsonElement envelope) => [.. envelope.GetProperty("data").EnumerateArray()];

    public static string Line(object row) => JsonSerializer.Serialize(row);

    private static async Task<JsonElement> ReadJson(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (string.IsNullOrWhiteSpace(text))
        {
            return default;
        }
        try
        {
            return JsonSerializer.Deserialize<JsonElement>(text);
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text);
        }
    }
}

/// <summary>A row of a data source's quarantine.</summary>
internal sealed record QuarantinedLine(string Line, string Error, long LineNumber);

internal static class QuarantineHttp
{
    public static async Task<List<QuarantinedLine>> PipeQuarantineAsync(this HttpClient client, string dataSource)
    {
        var (status, body) = await client.GetJsonAsync($"v0/datasources/{dataSource}_quarantine?limit=1000");
        Assert.Equal(200, status);
        return body.Data()
            .Select(r => new QuarantinedLine(r.GetProperty("line").GetString()!, r.GetProperty("c__error").GetString()!, r.GetProperty("c__line_number").GetInt64()))
            .ToList();
    }
}
