using System.Globalization;

namespace UserAnalytics.Silo.Tests;

/// <summary>The endpoints answered by one grain: profile, content, recommendation, segment operations.</summary>
[Collection(SiloCollection.Name)]
public sealed class GrainsApiTests
{
    private readonly SiloFixture _fixture;
    private readonly HttpClient _client;

    public GrainsApiTests(SiloFixture fixture)
    {
        _fixture = fixture;
        _client = fixture.Client;
    }

    [Fact]
    public async Task TheProfileOfAUserInASessionShowsTheSessionSegmentsAndContent()
    {
        var user = "profile-" + Guid.NewGuid().ToString("N");
        var now = DateTimeOffset.UtcNow;
        string[] events =
        [
            Event(user, "p1", now.AddMinutes(-4), "view", page: "/home", content: "c-1"),
            Event(user, "p2", now.AddMinutes(-2), "like", page: "/article", content: "c-1"),
            Event(user, "p3", now.AddMinutes(-1), "view", page: "/other", content: "c-2"),
        ];
        Assert.Equal(200, (await _client.PostEventsAsync("user_events", string.Join('\n', events), "&wait=true")).Status);
        var segment = Http.Line(new { user_id = user, segment_id = "seg-profile", segment_name = "Profiled", created_at = "2024-01-01 00:00:00", updated_at = "2024-01-01 00:00:00", active = 1 });
        Assert.Equal(200, (await _client.PostEventsAsync("user_segments", segment, "&wait=true")).Status);

        var (status, profile) = await _client.GetJsonAsync($"v0/users/{user}/profile");

        Assert.Equal(200, status);
        Assert.Equal(user, profile.GetProperty("user_id").GetString());
        Assert.Equal("seg-profile", profile.GetProperty("segments")[0].GetProperty("segment_id").GetString());
        Assert.Equal(["c-1", "c-2"], profile.GetProperty("top_content").EnumerateArray().Select(c => c.GetProperty("content_id").GetString()));
        var live = profile.GetProperty("live_session");
        Assert.Equal(3, live.GetProperty("events").GetInt64());
        Assert.Equal("/other", live.GetProperty("last_page").GetString());
        Assert.Equal(["p3", "p2", "p1"], profile.GetProperty("recent_events").EnumerateArray().Select(e => e.GetProperty("event_id").GetString()));
    }

    [Fact]
    public async Task ContentAndRecommendationLookupsCountEngagementPerEventType()
    {
        var user = "content-" + Guid.NewGuid().ToString("N");
        var content = "article-" + Guid.NewGuid().ToString("N");
        var recommendation = "rec-" + Guid.NewGuid().ToString("N");
        var now = DateTimeOffset.UtcNow;
        string[] events =
        [
            Event(user, "c1", now.AddMinutes(-3), "view", content: content, recommendation: recommendation),
            Event(user, "c2", now.AddMinutes(-2), "click", content: content, recommendation: recommendation),
            Event(user, "c3", now.AddMinutes(-1), "share", content: content),
        ];
        Assert.Equal(200, (await _client.PostEventsAsync("user_events", string.Join('\n', events), "&wait=true")).Status);

        var (status, item) = await _client.GetJsonAsync($"v0/content/{content}");
        var (recommendationStatus, rec) = await _client.GetJsonAsync($"v0/recommendations/{recommendation}");

        Assert.Equal(200, status);
        Assert.Equal(1, item.GetProperty("totals").GetProperty("share").GetInt64());
        Assert.Equal(3, item.GetProperty("hourly").EnumerateArray().Sum(h => h.GetProperty("events").GetInt64()));
        var top = item.GetProperty("top_users")[0];
        Assert.Equal(user, top.GetProperty("user_id").GetString());
        Assert.Equal(1 + 2 + 4, top.GetProperty("affinity_score").GetDouble());
        Assert.Equal(200, recommendationStatus);
        Assert.Equal("recommendation", rec.GetProperty("kind").GetString());
        Assert.Equal(2, rec.GetProperty("totals").EnumerateObject().Sum(t => t.Value.GetInt64()));
    }

    [Fact]
    public async Task GrainLookupsNeedAToken()
    {
        using var anonymous = _fixture.Settings.CreateClient(authorized: false);

        Assert.Equal(403, (await anonymous.GetJsonAsync("v0/users/someone/profile")).Status);
        Assert.Equal(403, (await anonymous.GetJsonAsync("v0/content/anything")).Status);
        using var rollups = await anonymous.PostAsync("v0/segments/rollups", null);
        Assert.Equal(403, (int)rollups.StatusCode);
    }

    [Fact]
    public async Task ADynamicSegmentIsScheduledInTheDurableReminderTableAndASnapshotIsNot()
    {
        var type = "dyn-" + Guid.NewGuid().ToString("N");
        var user = "dyn-user-" + Guid.NewGuid().ToString("N");
        Assert.Equal(200, (await _client.PostEventsAsync("user_events", Event(user, "d1", DateTimeOffset.UtcNow.AddHours(-1), type), "&wait=true")).Status);

        var dynamic = (await _client.PipeAsync("create_user_segment", $"segment_name=Dynamic {type}&event_type={type}")).Data()[0];
        var snapshot = (await _client.PipeAsync("create_user_segment", $"segment_name=Snapshot {type}&event_type={type}&reference_date={DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss}")).Data()[0];

        var reminders = await File.ReadAllTextAsync(Path.Combine(_fixture.Settings.DataDirectory, "reminders.json"));
        Assert.Contains(dynamic.GetProperty("segment_id").GetString()!, reminders, StringComparison.Ordinal);
        Assert.DoesNotContain(snapshot.GetProperty("segment_id").GetString()!, reminders, StringComparison.Ordinal);
        using var evaluated = await _client.PostAsync($"v0/segments/{dynamic.GetProperty("segment_id").GetString()}/evaluate", null);
        Assert.Equal(200, (int)evaluated.StatusCode);
        using var notDynamic = await _client.PostAsync($"v0/segments/{snapshot.GetProperty("segment_id").GetString()}/evaluate", null);
        Assert.Equal(404, (int)notDynamic.StatusCode);
    }

    [Theory]
    [InlineData("GET", "v0/users/%20/profile", "userId")]
    [InlineData("GET", "v0/segments/%09/live", "segmentId")]
    [InlineData("POST", "v0/segments/%C2%A0/evaluate", "segmentId")]
    [InlineData("POST", "v0/segments/%20/rollups", "segmentId")]
    public async Task ABlankIdIsA400ThatNamesIt(string method, string path, string name)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        using var response = await _client.SendAsync(request);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains(name, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadRollupDateIsA400ThatNamesIt()
    {
        using var response = await _client.PostAsync("v0/segments/seg-x/rollups?from=yesterday", null);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("from", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string Event(string user, string id, DateTimeOffset at, string type, string page = "", string content = "", string recommendation = "") => Http.Line(new
    {
        event_id = id,
        user_id = user,
        event_type = type,
        timestamp = at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
        page,
        content_id = content,
        recommendation_id = recommendation,
    });
}
