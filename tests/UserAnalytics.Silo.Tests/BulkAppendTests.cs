using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace UserAnalytics.Silo.Tests;

[Collection(SiloCollection.Name)]
public sealed class BulkAppendTests
{
    private readonly HttpClient _client;

    public BulkAppendTests(SiloFixture fixture)
    {
        _client = fixture.Client;
    }

    [Fact]
    public async Task ACsvFileLoadsItsGoodRowsAndQuarantinesTheBadOnesWithTheirLineNumbers()
    {
        var user = "bulk-" + Guid.NewGuid().ToString("N")[..10];
        var csv = new StringBuilder("event_id,user_id,event_type,timestamp,page_url,duration,properties\n");
        csv.Append($"b1,{user},page_view,2024-05-01 10:00:00,/home,1.5,\"{{\"\"a\"\":1}}\"\n");
        csv.Append($"b2,{user},click,2024-05-01 10:00:10,\"/a,b\",,\n");
        csv.Append($"b3,{user},click,yesterday,/x,1,\n");
        csv.Append($"b4,{user},click,2024-05-01 10:00:20,/y,forty,\n");
        csv.Append($"b5,{user},scroll,2024-05-01 10:00:30,\"/multi\nline\",2,\n");

        var (status, body) = await PostAsync("v0/datasources?name=user_events&mode=append", csv.ToString(), "text/csv");

        Assert.Equal(200, status);
        Assert.Equal(3, body.GetProperty("successful_rows").GetInt64());
        Assert.Equal(2, body.GetProperty("quarantined_rows").GetInt64());
        Assert.Equal(2, body.GetProperty("quarantine_rows").GetInt64());
        Assert.Equal(0, body.GetProperty("invalid_lines").GetInt64());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("import_id").GetString()));
        var rows = (await _client.PipeAsync("user_event_timeline", $"user_id={user}")).Data();
        Assert.Equal(["b5", "b2", "b1"], rows.Select(r => r.GetProperty("event_id").GetString()));
        Assert.Equal("/a,b", rows[1].GetProperty("page_url").GetString());
        Assert.Equal("/multi\nline", rows[0].GetProperty("page_url").GetString());
        Assert.Equal("{\"a\":1}", rows[2].GetProperty("properties").GetString());

        var quarantine = (await _client.PipeQuarantineAsync("user_events")).Where(q => q.Line.Contains(user, StringComparison.Ordinal)).ToList();
        Assert.Contains(quarantine, q => q.LineNumber == 4 && q.Error.Contains("'timestamp'", StringComparison.Ordinal));
        Assert.Contains(quarantine, q => q.LineNumber == 5 && q.Error.Contains("'duration'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACsvWithoutARequiredColumnIsRejectedWhole()
    {
        var (status, body) = await PostAsync("v0/datasources?name=user_events&mode=append", "event_id,event_type,timestamp\ne,view,2024-01-01\n", "text/csv");

        Assert.Equal(400, status);
        Assert.Contains("'user_id'", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACsvSavedWithAByteOrderMarkLoads()
    {
        var user = "bom-" + Guid.NewGuid().ToString("N")[..10];

        var (status, body) = await PostAsync("v0/datasources?name=user_events&mode=append", $"\uFEFFuser_id,event_type,timestamp\n{user},view,2024-05-01 10:00:00\n", "text/csv");

        Assert.Equal(200, status);
        Assert.Equal(1, body.GetProperty("successful_rows").GetInt64());
        Assert.Single((await _client.PipeAsync("user_event_timeline", $"user_id={user}")).Data());
    }

    [Fact]
    public async Task AMultipartUploadCutBeforeItsClosingBoundaryIsA400()
    {
        using var content = new ByteArrayContent("no boundary in sight"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=zz");

        using var response = await _client.PostAsync("v0/datasources?name=user_events&mode=append", content);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("could not be read", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMultipartUploadOfNdjsonIsAccepted()
    {
        var user = "multi-" + Guid.NewGuid().ToString("N")[..10];
        var lines = string.Join('\n', Enumerable.Range(0, 50).Select(i => Http.Line(new { event_id = $"m{i}", user_id = user, event_type = "view", timestamp = 1_700_000_000 + i })));
        using var form = new MultipartFormDataContent();
        using var file = new StringContent(lines, Encoding.UTF8);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        form.Add(file, "csv", "events.ndjson");

        using var response = await _client.PostAsync("v0/datasources?name=user_events&mode=append", form);
        var body = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());

        Assert.True(response.IsSuccessStatusCode, body.ToString());
        Assert.Equal(50, body.GetProperty("successful_rows").GetInt64());
        Assert.Equal(50, (await _client.PipeAsync("user_event_timeline", $"user_id={user}&limit=100")).Data().Count);
    }

    [Fact]
    public async Task OtherModesThanAppendAreRefused()
    {
        var (status, body) = await PostAsync("v0/datasources?name=user_events&mode=replace", "{}", "application/x-ndjson");

        Assert.Equal(400, status);
        Assert.Contains("'mode'", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CustomersLoadedAsCsvAnswerTheLookup()
    {
        var id = "cust-" + Guid.NewGuid().ToString("N")[..10];
        var csv = $"customer_id,name,email,age,location,signup_date,lifetime_value,timestamp\n{id},\"Doe, Jane\",j@x.org,41,Berlin,2023-01-01,1500,2024-01-01\n";
        var (status, _) = await PostAsync("v0/datasources?name=customers&mode=append", csv, "text/csv");
        Assert.Equal(200, status);

        var row = Assert.Single((await _client.PipeAsync("customer_segment_lookup", $"customer_id={id}&reference_date=2024-01-02")).Data());

        Assert.Equal("Doe, Jane", row.GetProperty("name").GetString());
        Assert.Equal(366, row.GetProperty("days_since_signup").GetInt64());
        Assert.Equal("High Value", row.GetProperty("value_segment").GetString());
        Assert.Equal("Loyal", row.GetProperty("loyalty_segment").GetString());
    }

    private async Task<(int Status, JsonElement Body)> PostAsync(string path, string body, string contentType)
    {
        using var content = new StringContent(body, Encoding.UTF8, contentType);
        using var response = await _client.PostAsync(path, content);
        return ((int)response.StatusCode, JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync()));
    }
}
