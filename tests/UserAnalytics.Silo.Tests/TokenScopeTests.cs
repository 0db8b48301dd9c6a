namespace UserAnalytics.Silo.Tests;

/// <summary>API.md §5: a token reaches what its scopes name and nothing else, and a token without
/// the scope gets a 403 that names the scope.</summary>
[Collection(SiloCollection.Name)]
public sealed class TokenScopeTests
{
    private readonly SiloSettings _settings;

    public TokenScopeTests(SiloFixture fixture)
    {
        _settings = fixture.Settings;
    }

    [Fact]
    public async Task APipeTokenReadsItsPipeAndNothingElse()
    {
        using var client = ClientWith(ScopedTokens.ReadsEventMetrics);

        Assert.Equal(200, (await client.GetJsonAsync("v0/pipes/event_metrics.json")).Status);
        await AssertDeniedAsync(client.GetJsonAsync("v0/pipes/user_event_timeline.json?user_id=u1"), "PIPES:READ:user_event_timeline");
        await AssertDeniedAsync(client.PostEventsAsync("user_events", Event("scope-pipe")), "DATASOURCES:APPEND:user_events");
        await AssertDeniedAsync(client.GetJsonAsync("v0/datasources/user_events_quarantine"), "DATASOURCES:READ:user_events");
    }

    [Fact]
    public async Task AnAppendTokenAppendsToItsDataSourceAndNothingElse()
    {
        using var client = ClientWith(ScopedTokens.AppendsUserEvents);

        Assert.Equal(202, (await client.PostEventsAsync("user_events", Event("scope-append"))).Status);
        using (var csv = new StringContent("event_id,user_id,event_type,timestamp\nb1,scope-append,view,2024-05-01 10:00:00\n", System.Text.Encoding.UTF8, "text/csv"))
        using (var bulk = await client.PostAsync("v0/datasources?name=user_events&mode=append", csv))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, bulk.StatusCode);
        }
        await AssertDeniedAsync(client.PostEventsAsync("customers", "{\"customer_id\":\"c-scope\"}"), "DATASOURCES:APPEND:customers");
        await AssertDeniedAsync(client.GetJsonAsync("v0/pipes/event_metrics.json"), "PIPES:READ:event_metrics");
    }

    [Fact]
    public async Task AReadTokenReadsItsDataSourcesQuarantineOnly()
    {
        using var client = ClientWith(ScopedTokens.ReadsUserEvents);

        Assert.Equal(200, (await client.GetJsonAsync("v0/datasources/user_events_quarantine")).Status);
        await AssertDeniedAsync(client.GetJsonAsync("v0/datasources/customers_quarantine"), "DATASOURCES:READ:customers");
        await AssertDeniedAsync(client.PostEventsAsync("user_events", Event("scope-read")), "DATASOURCES:APPEND:user_events");
    }

    /// <summary>The scope is checked before the pipe is looked up (decision 96): a wildcard token
    /// learns that a pipe does not exist, a token for one pipe only that it may not read it.</summary>
    [Fact]
    public async Task AWildcardTokenReadsEveryPipeAndSeesA404ForAnUnknownOneWhereANarrowTokenSeesA403()
    {
        using var any = ClientWith(ScopedTokens.ReadsEveryPipe);
        using var narrow = ClientWith(ScopedTokens.ReadsEventMetrics);

        Assert.Equal(200, (await any.GetJsonAsync("v0/pipes/event_metrics.json")).Status);
        Assert.Equal(200, (await any.GetJsonAsync("v0/pipes/user_event_timeline.json?user_id=u1")).Status);
        Assert.Equal(404, (await any.GetJsonAsync("v0/pipes/no_such_pipe.json")).Status);
        await AssertDeniedAsync(narrow.GetJsonAsync("v0/pipes/no_such_pipe.json"), "PIPES:READ:no_such_pipe");
        await AssertDeniedAsync(any.PostEventsAsync("user_events", Event("scope-any")), "DATASOURCES:APPEND:user_events");
    }

    private static async Task AssertDeniedAsync(Task<(int Status, System.Text.Json.JsonElement Body)> call, string scope)
    {
        var (status, body) = await call;
        Assert.Equal(403, status);
        Assert.Equal($"the token does not have the scope {scope}", body.GetProperty("error").GetString());
    }

    private static string Event(string user) => Http.Line(new { user_id = user, event_type = "view", timestamp = 1_714_557_600 });

    private HttpClient ClientWith(string token)
    {
        var client = _settings.CreateClient(authorized: false);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
