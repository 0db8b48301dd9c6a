using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using UserAnalytics.Differential.Tests.Data;

using UserAnalytics.Reference;

namespace UserAnalytics.Differential.Tests;

/// <summary><c>create_user_segment</c> writes membership; its answer and the membership the other
/// pipes then see are checked against the reference SQL.</summary>
[Collection(DifferentialCollection.Name)]
public sealed class CreateUserSegmentTests
{
    private const long Day = 86_400_000;
    private readonly DifferentialFixture _fixture;

    public CreateUserSegmentTests(DifferentialFixture fixture)
    {
        _fixture = fixture;
    }

    public static TheoryData<int> Seeds() => [.. DifferentialFixture.Seeds];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task CreatedSegmentsHoldExactlyTheQualifyingUsers(int seed)
    {
        var environment = await _fixture.GetAsync(seed);
        var d = environment.DataSet;
        var name = $"Diff power users {seed}";
        var defaultId = DefaultId(name);
        var members = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        PipeCase C() => new("create_user_segment");
        (PipeCase Case, string Id, string Name)[] calls =
        [
            (C().Text("segment_name", name).Text("event_type", "page_view").Int("min_event_count", 2).Int("time_period_days", 10).Time("reference_date", d.StartMs + (20 * Day)), defaultId, name),
            (C().Text("segment_name", $"Diff buyers {seed}").Text("event_type", "purchase").Text("country", "US").Time("reference_date", d.EndMs, 1), DefaultId($"Diff buyers {seed}"), $"Diff buyers {seed}"),
            // The same segment again, narrower: users who no longer qualify must leave it.
            (C().Text("segment_name", name).Text("segment_id", defaultId).Text("event_type", "page_view").Int("min_event_count", 4).Int("time_period_days", 30).Time("reference_date", d.EndMs, 2), defaultId, name),
            (C().Text("segment_name", $"Diff nobody {seed}").Text("event_type", "never-happens").Time("reference_date", d.EndMs), DefaultId($"Diff nobody {seed}"), $"Diff nobody {seed}"),
        ];
        var segmentsWithMembers = 0;
        foreach (var (call, id, segmentName) in calls)
        {
            var answer = await environment.GetAsync($"v0/pipes/create_user_segment.json?{call.Query}");
            var row = answer.GetProperty("data")[0];
            var qualifying = environment.Database.Query("create_user_segment", call.Sql).Rows.Select(r => (string)r[0]!).ToHashSet(StringComparer.Ordinal);
            Assert.True(row.GetProperty("segment_id").GetString() == id, $"seed {seed}, {call}: segment_id {row.GetProperty("segment_id")}, expected {id}");
            Assert.True(
                row.GetProperty("user_count").GetInt64() == qualifying.Count,
                $"seed {seed}, {call}: user_count {row.GetProperty("user_count")}, the reference SQL finds {qualifying.Count}");

            // Mirror the membership rows the contract says were written, then compare what the pipes see.
            var createdAt = DateTimeOffset.Parse(row.GetProperty("created_at").GetString()! + "Z", CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
            var previous = members.GetValueOrDefault(id) ?? [];
            environment.Database.Add(
                qualifying.Select(u => new GeneratedSegmentRow(u, id, segmentName, createdAt, createdAt, true))
                    .Concat(previous.Except(qualifying).Select(u => new GeneratedSegmentRow(u, id, segmentName, createdAt, createdAt, false))));
            members[id] = qualifying;
            segmentsWithMembers += qualifying.Count > 0 ? 1 : 0;

            foreach (var check in new[]
            {
                new PipeCase("segment_comparison").List("segment_ids", [id]),
                new PipeCase("user_events_by_segment").Text("segment_id", id).Int("limit", 1_000_000),
            })
            {
                var difference = ResultComparer.Compare(await environment.GetAsync($"v0/pipes/{check.Pipe}.json?{check.Query}"), environment.Database.Query(check.Pipe, check.Sql));
                Assert.True(difference is null, $"seed {seed}, after {call}: GET /v0/pipes/{check}\n{difference}");
            }
        }
        // Every call but the one for an event type nobody has must find members, or the
        // comparisons above were of empty segments.
        Assert.Equal(calls.Length - 1, segmentsWithMembers);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task ASegmentWithoutAReferenceDateUsesTheCurrentTime(int seed)
    {
        var environment = await _fixture.GetAsync(seed);
        var d = environment.DataSet;
        // A window that reaches back from now to the middle of the data set (generated in 2024):
        // it cuts the data, so a reference time other than now would count other users.
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var days = (int)((before - (d.StartMs + ((d.EndMs - d.StartMs) / 2))) / Day) + 1;
        var call = new PipeCase("create_user_segment").Text("segment_name", $"Diff recent {seed}").Text("event_type", "page_view").Int("time_period_days", days);

        var answer = await environment.GetAsync($"v0/pipes/create_user_segment.json?{call.Query}");
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        long Qualifying(long reference, int windowDays) => environment.Database.Query("create_user_segment",
            new PipeCase("create_user_segment").Text("event_type", "page_view").Int("time_period_days", windowDays).Time("reference_date", reference).Sql).Rows.Count;
        var expected = Qualifying(before, days);
        Assert.Equal(expected, Qualifying(after, days));
        Assert.InRange(expected, 1, Qualifying(before, 36_500) - 1);
        Assert.Equal(expected, answer.GetProperty("data")[0].GetProperty("user_count").GetInt64());
    }

    private static string DefaultId(string name) => "seg-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..12];
}
