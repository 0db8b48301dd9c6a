using System.IO.Compression;
using System.Net;
using System.Text;

namespace UserAnalytics.Silo.Tests;

[Collection(SiloCollection.Name)]
public sealed class EventsApiTests
{
    private readonly HttpClient _client;

    public EventsApiTests(SiloFixture fixture)
    {
        _client = fixture.Client;
    }

    [Fact]
    public async Task AThousandGoodLinesAndOneInvalidLineStoreTheThousand()
    {
        var user = NewUser();
        var lines = Enumerable.Range(0, 1000).Select(i => Http.Line(new { event_id = $"e{i}", user_id = user, event_type = "page_view", timestamp = 1_714_557_600 + i })).ToList();
        lines.Insert(500, "{\"user_id\": \"broken\", ");

        var (status, body) = await _client.PostEventsAsync("user_events", string.Join('\n', lines));

        Assert.Equal(202, status);
        Assert.Equal(1000, body.GetProperty("successful_rows").GetInt64());
        Assert.Equal(1, body.GetProperty("quarantined_rows").GetInt64());
        var timeline = await _client.PipeAsync("user_event_timeline", $"user_id={user}&limit=5000");
        Assert.Equal(1000, timeline.Data().Count);
    }

    [Fact]
    public async Task EveryBadLineIsQuarantinedWithItsReasonAndItsNeighboursAreStored()
    {
        var user = NewUser();
        var marker = Guid.NewGuid().ToString("N");
        string[] lines =
        [
            Http.Line(new { event_id = "ok1", user_id = user, event_type = "view", timestamp = "2024-05-01 10:00:00" }),
            Http.Line(new { event_id = "bad-duration", user_id = user, event_type = "view", timestamp = "2024-05-01 10:00:00", duration = "45", note = marker }),
            Http.Line(new { event_id = "bad-time", user_id = user, event_type = "view", timestamp = "not a time", note = marker }),
            Http.Line(new { event_id = "no-type", user_id = user, timestamp = "2024-05-01 10:00:00", note = marker }),
            "{this is not json " + marker,
            Http.Line(new { event_id = "ok2", user_id = user, event_type = "view", timestamp = "2024-05-01T10:01:00+00:00" }),
        ];

        var (status, body) = await _client.PostEventsAsync("user_events", string.Join('\n', lines));

        Assert.Equal(202, status);
        Assert.Equal(2, body.GetProperty("successful_rows").GetInt64());
        Assert.Equal(4, body.GetProperty("quarantined_rows").GetInt64());
        var stored = (await _client.PipeAsync("user_event_timeline", $"user_id={user}")).Data().Select(r => r.GetProperty("event_id").GetString()).Order();
        Assert.Equal(["ok1", "ok2"], stored);

        var quarantine = (await _client.PipeQuarantineAsync("user_events")).Where(r => r.Line.Contains(marker, StringComparison.Ordinal)).ToList();
        Assert.Equal(4, quarantine.Count);
        Assert.Contains(quarantine, q => q.Error.Contains("'duration'", StringComparison.Ordinal) && q.LineNumber == 2);
        Assert.Contains(quarantine, q => q.Error.Contains("'timestamp'", StringComparison.Ordinal) && q.LineNumber == 3);
        Assert.Contains(quarantine, q => q.Error.Contains("missing required column 'event_type'", StringComparison.Ordinal) && q.LineNumber == 4);
        Assert.Contains(quarantine, q => q.Error.StartsWith("invalid JSON", StringComparison.Ordinal) && q.LineNumber == 5);
    }

    [Fact]
    public async Task AUserOrSegmentIdNoGrainCanHaveIsQuarantinedAndItsNeighboursAreStored()
    {
        var user = NewUser();
        var marker = Guid.NewGuid().ToString("N");
        string[] events =
        [
            Http.Line(new { event_id = "ok", user_id = user, event_type = "view", timestamp = 1_714_557_600 }),
            Http.Line(new { event_id = "space", user_id = " ", event_type = "view", timestamp = 1_714_557_600, note = marker }),
            Http.Line(new { event_id = "nbsp", user_id = "\u00a0\t", event_type = "view", timestamp = 1_714_557_600, note = marker }),
        ];
        string[] memberships =
        [
            Http.Line(new { user_id = user, segment_id = "\u2003", segment_name = marker, updated_at = "2024-05-01 10:00:00", active = 1 }),
            Http.Line(new { user_id = user, segment_id = "a\u0000b", segment_name = marker, updated_at = "2024-05-01 10:00:00", active = 1 }),
        ];

        var (_, stored) = await _client.PostEventsAsync("user_events", string.Join('\n', events));
        var (_, segments) = await _client.PostEventsAsync("user_segments", string.Join('\n', memberships));

        Assert.Equal((1, 2), (stored.GetProperty("successful_rows").GetInt64(), stored.GetProperty("quarantined_rows").GetInt64()));
        Assert.Equal((0, 2), (segments.GetProperty("successful_rows").GetInt64(), segments.GetProperty("quarantined_rows").GetInt64()));
        Assert.Equal(2, (await _client.PipeQuarantineAsync("user_events")).Count(q => q.Line.Contains(marker, StringComparison.Ordinal)
            && q.Error == "required column 'user_id' holds only white space"));
        Assert.Contains(await _client.PipeQuarantineAsync("user_segments"), q => q.Line.Contains(marker, StringComparison.Ordinal)
            && q.Error == "required column 'segment_id' holds only white space");
        Assert.Contains(await _client.PipeQuarantineAsync("user_segments"), q => q.Line.Contains(marker, StringComparison.Ordinal)
            && q.Error == "required column 'segment_id' holds a NUL character");
        using var rollups = await _client.PostAsync("v0/segments/rollups", null);
        Assert.Equal(System.Net.HttpStatusCode.OK, rollups.StatusCode);
    }

    [Fact]
    public async Task ATimeOutsideWhatADateTime64HoldsIsQuarantinedAndTheEdgesAreStored()
    {
        var user = NewUser();
        var marker = Guid.NewGuid().ToString("N");
        // The last: a valid calendar time whose offset carries it past the end of what a date holds.
        object[] times = ["1900-01-01 00:00:00", "2299-12-31 23:59:59.999", "1899-12-31 23:59:59.999", "2300-01-01 00:00:00", "0001-01-01 00:00:00", "9999-12-31 23:59:59", "9999-12-31T23:00:00-05:00"];
        var lines = times.Select((t, i) => Http.Line(new { event_id = $"t{i}", user_id = user, event_type = "view", timestamp = t, note = marker }));

        var (status, body) = await _client.PostEventsAsync("user_events", string.Join('\n', lines));

        Assert.Equal(202, status);
        Assert.Equal((2, 5), (body.GetProperty("successful_rows").GetInt64(), body.GetProperty("quarantined_rows").GetInt64()));
        var stored = (await _client.PipeAsync("user_event_timeline", $"user_id={user}")).Data().Select(r => r.GetProperty("event_id").GetString()).Order();
        Assert.Equal(["t0", "t1"], stored);
        Assert.Equal(4, (await _client.PipeQuarantineAsync("user_events")).Count(q => q.Line.Contains(marker, StringComparison.Ordinal)
            && q.Error.StartsWith("column 'timestamp': ", StringComparison.Ordinal) && q.Error.Contains("is outside the range a DateTime64 holds", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AByteOrderMarkBeforeTheFirstRowIsIgnored()
    {
        var user = NewUser();

        var (status, body) = await _client.PostEventsAsync("user_events", "\uFEFF" + Http.Line(new { event_id = "bom", user_id = user, event_type = "view", timestamp = 1_714_557_600 }));

        Assert.Equal(202, status);
        Assert.Equal((1, 0), (body.GetProperty("successful_rows").GetInt64(), body.GetProperty("quarantined_rows").GetInt64()));
    }

    [Fact]
    public async Task AnEventIdSentTwiceIsStoredOnceButCountsAsSuccessful()
    {
        var user = NewUser();
        var line = Http.Line(new { event_id = "same", user_id = user, event_type = "view", timestamp = "2024-05-01 10:00:00" });

        var (_, first) = await _client.PostEventsAsync("user_events", line + "\n" + line);
        var (_, second) = await _client.PostEventsAsync("customer_events", line.Replace("user_id", "customer_id", StringComparison.Ordinal));

        Assert.Equal(2, first.GetProperty("successful_rows").GetInt64());
        Assert.Equal(1, second.GetProperty("successful_rows").GetInt64());
        Assert.Single((await _client.PipeAsync("user_event_timeline", $"user_id={user}")).Data());
    }

    [Fact]
    public async Task APrettyPrintedSingleObjectIsOneRow()
    {
        var user = NewUser();
        var body = $$"""
            {
              "event_id": "pretty",
              "user_id": "{{user}}",
              "event_type": "page_view",
              "timestamp": "2023-05-15 09:45:23",
              "properties": "{\"product_id\":\"p789\"}"
            }
            """;

        var (status, result) = await _client.PostEventsAsync("user_events", body);

        Assert.Equal(202, status);
        Assert.Equal(1, result.GetProperty("successful_rows").GetInt64());
        var row = Assert.Single((await _client.PipeAsync("user_event_timeline", $"user_id={user}")).Data());
        Assert.Equal("{\"product_id\":\"p789\"}", row.GetProperty("properties").GetString());
    }

    [Fact]
    public async Task AJsonArrayOfObjectsIsAccepted()
    {
        var user = NewUser();
        var body = "[" + string.Join(',', Enumerable.Range(0, 3).Select(i => Http.Line(new { user_id = user, event_type = "view", timestamp = 1_700_000_000 + i }))) + "]";

        var (status, result) = await _client.PostEventsAsync("user_events", body);

        Assert.Equal(202, status);
        Assert.Equal(3, result.GetProperty("successful_rows").GetInt64());
    }

    [Fact]
    public async Task AGzipBodyIsAcceptedWithOrWithoutTheHeader()
    {
        var user = NewUser();
        var raw = Encoding.UTF8.GetBytes(Http.Line(new { user_id = user, event_type = "view", timestamp = "2024-01-01" }));
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(raw);
        }

        foreach (var header in new[] { true, false })
        {
            using var content = new ByteArrayContent(compressed.ToArray());
            if (header)
            {
                content.Headers.ContentEncoding.Add("gzip");
            }
            using var response = await _client.PostAsync("v0/events?name=user_events", content);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        Assert.Equal(2, (await _client.PipeAsync("user_event_timeline", $"user_id={user}")).Data().Count);
    }

    [Fact]
    public async Task WaitTrueAnswers200AndTheRowsAreVisible()
    {
        var user = NewUser();

        var (status, _) = await _client.PostEventsAsync("user_events", Http.Line(new { user_id = user, event_type = "view", timestamp = "2024-01-01" }), "&wait=true");

        Assert.Equal(200, status);
        Assert.Single((await _client.PipeAsync("user_event_timeline", $"user_id={user}")).Data());
    }

    [Fact]
    public async Task AnUnknownDataSourceIs404()
    {
        var (status, body) = await _client.PostEventsAsync("no_such_source", "{}");

        Assert.Equal(404, status);
        Assert.Contains("no_such_source", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppendingWithoutATokenIs403()
    {
        using var anonymous = new HttpClient { BaseAddress = _client.BaseAddress };

        var (status, body) = await anonymous.PostEventsAsync("user_events", "{}");

        Assert.Equal(403, status);
        Assert.Equal("invalid authentication token", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task BrowsersMayPostFromAnyOrigin()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "v0/events?name=user_events");
        request.Headers.Add("Origin", "https://shop.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");

        using var response = await _client.SendAsync(request);

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    private static string NewUser() => "u-" + Guid.NewGuid().ToString("N")[..12];
}
