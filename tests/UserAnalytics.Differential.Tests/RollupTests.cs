using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using UserAnalytics.Differential.Tests.Data;
using UserAnalytics.Reference;

namespace UserAnalytics.Differential.Tests;

/// <summary>A segment's daily rollups, read back through <c>segment_metrics</c>, equal the reference
/// SQL of <c>segment_comparison</c> over each finished day.</summary>
[Collection(DifferentialCollection.Name)]
public sealed class RollupTests
{
    private const long Day = 86_400_000;
    private static readonly string[] Metrics = ["active_users", "total_events", "sessions", "avg_session_duration", "conversion_rate"];
    private readonly DifferentialFixture _fixture;

    public RollupTests(DifferentialFixture fixture)
    {
        _fixture = fixture;
    }

    public static TheoryData<int> Seeds() => [.. DifferentialFixture.Seeds];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task DailyRollupsEqualSegmentComparisonOfEachFinishedDay(int seed)
    {
        var environment = await _fixture.GetAsync(seed);
        var d = environment.DataSet;
        var name = $"Diff rollups {seed}";
        var id = "seg-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..12];
        var define = new PipeCase("create_user_segment").Text("segment_name", name).Text("event_type", "page_view").Int("min_event_count", 3)
            .Int("time_period_days", 365).Time("reference_date", d.EndMs);
        var created = (await environment.GetAsync($"v0/pipes/create_user_segment.json?{define.Query}")).GetProperty("data")[0];
        var createdAt = DateTimeOffset.Parse(created.GetProperty("created_at").GetString()! + "Z", CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        environment.Database.Add(environment.Database.Query("create_user_segment", define.Sql).Rows
            .Select(r => new GeneratedSegmentRow((string)r[0]!, id, name, createdAt, createdAt, true)));

        var written = await RollUpAsync(environment, id, null);
        var first = await DailyRowsAsync(environment, id);
        var again = await RollUpAsync(environment, id, d.StartMs);
        var second = await DailyRowsAsync(environment, id);

        var days = Enumerable.Range(0, (int)(((d.EndMs - (d.EndMs % Day)) - (d.StartMs - (d.StartMs % Day))) / Day) + 1)
            .Select(i => d.StartMs - (d.StartMs % Day) + (i * Day)).ToArray();
        Assert.Equal(days.Length, written);
        Assert.Equal(days.Length, again);
        Assert.Equal(days.Length * Metrics.Length, first.Count);
        Assert.Equal(first, second);
        var figures = 0;
        foreach (var day in days)
        {
            var comparison = new PipeCase("segment_comparison").List("segment_ids", [id]).Window(day, day + Day - 1);
            var reference = environment.Database.Query("segment_comparison", comparison.Sql);
            var row = Assert.Single(reference.Rows);
            foreach (var metric in Metrics)
            {
                var column = Array.FindIndex(reference.Columns, c => c.Name == metric);
                var expected = Convert.ToDouble(row[column], CultureInfo.InvariantCulture);
                var actual = first[(day, metric)];
                figures += expected != 0 ? 1 : 0;
                Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"seed {seed}, {Day2(day)} {metric}: rollup {actual}, segment_comparison {expected}");
            }
        }
        // Rollups of a segment nobody is in would agree with zeros everywhere.
        Assert.True(figures >= days.Length, $"seed {seed}: only {figures} non-zero figures over {days.Length} days");
    }

    private static string Day2(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<int> RollUpAsync(SeedEnvironment environment, string id, long? fromMs)
    {
        var from = fromMs is { } ms ? "?from=" + Day2(ms) : "";
        using var response = await environment.Client.PostAsync($"v0/segments/{id}/rollups{from}", null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonSerializer.Deserialize<JsonElement>(body).GetProperty("days_written").GetInt32();
    }

    /// <summary>The segment's daily rows by (period, metric); every row must have been written by the rollup.</summary>
    private static async Task<Dictionary<(long Day, string Metric), double>> DailyRowsAsync(SeedEnvironment environment, string id)
    {
        var answer = await environment.GetAsync($"v0/pipes/segment_metrics.json?segment_id={id}&granularity=daily");
        var rows = new Dictionary<(long, string), double>();
        foreach (var row in answer.GetProperty("data").EnumerateArray())
        {
            var period = DateTimeOffset.Parse(row.GetProperty("time_period").GetString()! + "Z", CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
            var updated = DateTimeOffset.Parse(row.GetProperty("updated_at").GetString()! + "Z", CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
            Assert.Equal(period + Day, updated);
            Assert.Equal(id, row.GetProperty("segment_id").GetString());
            rows.Add((period, row.GetProperty("metric_name").GetString()!), row.GetProperty("metric_value").GetDouble());
        }
        return rows;
    }
}
