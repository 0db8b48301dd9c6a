using System.Net;

namespace UserAnalytics.Silo.Tests;

[Collection(SiloCollection.Name)]
public sealed class PipesApiTests
{
    private readonly HttpClient _client;

    public PipesApiTests(SiloFixture fixture)
    {
        _client = fixture.Client;
    }

    [Fact]
    public async Task APipeWithoutATokenIs403()
    {
        using var anonymous = new HttpClient { BaseAddress = _client.BaseAddress };

        var (status, body) = await anonymous.GetJsonAsync("v0/pipes/user_event_timeline.json?user_id=u1");

        Assert.Equal(403, status);
        Assert.Equal("invalid authentication token", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task AnUnknownTokenIs403AndTheQueryTokenWinsOverTheHeader()
    {
        var (status, _) = await _client.GetJsonAsync("v0/pipes/event_metrics.json?token=wrong");

        Assert.Equal(403, status);
    }

    [Fact]
    public async Task ANonNumericLimitIsA400NamingLimit()
    {
        await AssertBadParameterAsync("v0/pipes/user_event_timeline.json?user_id=u1&limit=abc", "limit");
    }

    [Fact]
    public async Task AMissingRequiredParameterIsA400NamingIt()
    {
        await AssertBadParameterAsync("v0/pipes/user_event_timeline.json", "user_id");
    }

    [Theory]
    [InlineData("customer_segment_lookup", "customer_id=c1&")]
    [InlineData("customer_engagement_analysis", "")]
    [InlineData("customer_segments_summary", "")]
    public async Task AMalformedReferenceDateIsA400NamingItInEveryCustomerPipe(string pipe, string others)
    {
        await AssertBadParameterAsync($"v0/pipes/{pipe}.json?{others}reference_date=yesterday", "reference_date");
    }

    [Theory]
    [InlineData("--x\r\nno headers and no end")]
    [InlineData("not multipart at all")]
    public async Task AMalformedFormBodyIsA400NamingTheBody(string text)
    {
        using var content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(text));
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=x");

        using var response = await _client.PostAsync("v0/pipes/user_event_timeline.json", content);
        var error = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'body'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABrokenChunkedBodyIsA400NotA503()
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(_client.BaseAddress!.Host, _client.BaseAddress.Port);
        using var stream = tcp.GetStream();
        var request = "POST /v0/pipes/user_event_timeline.json HTTP/1.1\r\nHost: localhost\r\n" +
            $"Authorization: {_client.DefaultRequestHeaders.Authorization}\r\nContent-Type: application/json\r\n" +
            "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request));

        using var reader = new StreamReader(stream);
        var statusLine = await reader.ReadLineAsync();

        Assert.StartsWith("HTTP/1.1 400", statusLine, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("user_event_timeline", "user_id")]
    [InlineData("user_session_stats", "user_id")]
    [InlineData("customer_segment_lookup", "customer_id")]
    public async Task ABlankIdFilterIsAnsweredByTheShardsNotA500(string pipe, string parameter)
    {
        var (status, body) = await _client.GetJsonAsync($"v0/pipes/{pipe}.json?{parameter}=%20");

        Assert.Equal(200, status);
        Assert.Empty(body.Data());
    }

    [Theory]
    [InlineData("%20")]
    [InlineData("a%00b")]
    public async Task ASegmentIdNoGrainCanHaveIsA400NamingIt(string segmentId)
    {
        await AssertBadParameterAsync($"v0/pipes/create_user_segment.json?segment_name=blank&event_type=view&segment_id={segmentId}", "segment_id");
    }

    [Fact]
    public async Task AnUnknownPipeOrFormatIs404()
    {
        Assert.Equal(404, (await _client.GetJsonAsync("v0/pipes/nope.json")).Status);
        Assert.Equal(404, (await _client.GetJsonAsync("v0/pipes/event_metrics.xml")).Status);
        Assert.Equal(404, (await _client.GetJsonAsync("v0/pipes/event_metrics")).Status);
    }

    [Fact]
    public async Task TheTwoEventsOfTheQuickstartComeBackInEveryFormat()
    {
        var user = "u-" + Guid.NewGuid().ToString("N")[..12];
        await _client.PostEventsAsync("user_events", string.Join('\n',
            Http.Line(new { event_id = "ev1", user_id = user, event_type = "page_view", timestamp = "2024-05-01 10:00:00", page = "/home" }),
            Http.Line(new { event_id = "ev2", user_id = user, event_type = "click", timestamp = "2024-05-01 10:00:30", page = "/home" })));

        var behavior = (await _client.PipeAsync("user_behavior_timeline", $"user_id={user}")).Data();
        Assert.Equal(["ev1", "ev2"], behavior.Select(r => r.GetProperty("event_id").GetString()));
        Assert.Equal(30, behavior[1].GetProperty("seconds_since_previous").GetDouble());

        var csv = await _client.GetStringAsync($"v0/pipes/user_event_timeline.csv?user_id={user}");
        var csvLines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("\"event_id\",\"event_type\",\"page_url\"", csvLines[0], StringComparison.Ordinal);
        Assert.StartsWith("\"ev2\",\"click\"", csvLines[1], StringComparison.Ordinal);

        var ndjson = await _client.GetStringAsync($"v0/pipes/user_event_timeline.ndjson?user_id={user}");
        Assert.Equal(2, ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task SessionStatsForOneUserAgreeWithTheFanOutOverAllShards()
    {
        var users = Enumerable.Range(0, 6).Select(i => $"s-{Guid.NewGuid():N}"[..14]).ToArray();
        var marker = "2031-01-0";
        var lines = users.SelectMany((u, i) => new[]
        {
            Http.Line(new { user_id = u, event_type = "page_view", timestamp = $"{marker}{i + 1} 10:00:00", page = "/a", device = "d" + i }),
            Http.Line(new { user_id = u, event_type = "page_view", timestamp = $"{marker}{i + 1} 10:10:00", page = "/b" }),
            Http.Line(new { user_id = u, event_type = "click", timestamp = $"{marker}{i + 1} 11:00:00", page = "/b" }),
        });
        await _client.PostEventsAsync("user_events", string.Join('\n', lines));

        var window = "start_date=2031-01-01&end_date=2031-01-09";
        var all = (await _client.PipeAsync("user_session_stats", window + "&limit=100")).Data();

        Assert.Equal(12, all.Count);
        foreach (var user in users)
        {
            var own = (await _client.PipeAsync("user_session_stats", $"{window}&user_id={user}")).Data();
            Assert.Equal(
                all.Where(r => r.GetProperty("user_id").GetString() == user).Select(r => r.GetRawText()),
                own.Select(r => r.GetRawText()));
        }
        var first = all.Single(r => r.GetProperty("user_id").GetString() == users[0] && r.GetProperty("event_count").GetInt64() == 2);
        Assert.Equal(600, first.GetProperty("duration_seconds").GetDouble());
        Assert.Equal(2, first.GetProperty("unique_pages").GetInt64());
        Assert.Equal("d0", first.GetProperty("device_type").GetString());
    }

    [Fact]
    public async Task EventMetricsCountsEventsAndDistinctUsersPerType()
    {
        var users = Enumerable.Range(0, 5).Select(_ => "m-" + Guid.NewGuid().ToString("N")[..12]).ToArray();
        var lines = users.SelectMany((u, i) => Enumerable.Range(0, i + 1).Select(j =>
            Http.Line(new { user_id = u, event_type = "metric_test", timestamp = "2032-03-03 03:03:03", duration = (double)j, country = "ZZ" })));
        await _client.PostEventsAsync("user_events", string.Join('\n', lines));

        var data = (await _client.PipeAsync("event_metrics", "country=ZZ&start_date=2032-03-03&end_date=2032-03-04")).Data();

        var row = Assert.Single(data);
        Assert.Equal(15, row.GetProperty("event_count").GetInt64());
        Assert.Equal(5, row.GetProperty("unique_users").GetInt64());
        Assert.Equal(Math.Round(20.0 / 15, 2), row.GetProperty("avg_duration").GetDouble());
    }

    [Fact]
    public async Task ParametersMayBePostedAsJson()
    {
        using var content = new StringContent("{\"user_id\": \"nobody\", \"limit\": 5}", System.Text.Encoding.UTF8, "application/json");

        using var response = await _client.PostAsync("v0/pipes/user_event_timeline.json", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A 400 whose error names <paramref name="parameter"/> (API.md: a bad parameter is a 400 that names it).</summary>
    private async Task AssertBadParameterAsync(string path, string parameter)
    {
        var (status, body) = await _client.GetJsonAsync(path);

        Assert.Equal(400, status);
        Assert.Contains($"'{parameter}'", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
