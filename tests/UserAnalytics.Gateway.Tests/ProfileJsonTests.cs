using System.Buffers;
using System.Text;
using System.Text.Json;
using UserAnalytics.Gateway.Api.Responses;
using UserAnalytics.Gateway.Output;
using UserAnalytics.GrainInterfaces.Activity;
using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.GrainInterfaces.Rows;

namespace UserAnalytics.Gateway.Tests;

/// <summary>The grain endpoints' bodies are written by hand (no reflection, no response records):
/// these pin their fields, order and formats.</summary>
public sealed class ProfileJsonTests
{
    private const long May1 = 1_714_557_600_000; // 2024-05-01 10:00:00 UTC

    [Fact]
    public void AProfileHasTheSnakeCaseFieldsTimesAndNumbersOfTheApi()
    {
        var profile = new UserProfile(
            "u1",
            new CustomerRow("u1", "Ann Ö", "ann@example.com", 31, "f", "Berlin", May1 - 86_400_000, 1234.5, May1),
            [new SegmentMembership("seg-1", "Power \"users\"", May1)],
            [new AffinityRow("u1", "c-1", 2, 1, 0, 0, 90.25, May1 + 1_000, 6.5)],
            new LiveSession("s-9", May1, 3, "/checkout", May1 + 60_000),
            [new EventRow("e2", "u1", "s-9", "click", May1 + 60_000, "/checkout", "", "", "", "", "", "", "", "", 0, "c-1", "", 0, "", "", "{\"k\":1}")]);

        var json = Write(w => ProfileJson.Write(w, profile));

        Assert.Equal(
            "{\"user_id\":\"u1\"," +
            "\"customer\":{\"name\":\"Ann Ö\",\"email\":\"ann@example.com\",\"age\":31,\"gender\":\"f\",\"location\":\"Berlin\",\"signup_date\":\"2024-04-30 10:00:00\",\"lifetime_value\":1234.5}," +
            "\"segments\":[{\"segment_id\":\"seg-1\",\"segment_name\":\"Power \\\"users\\\"\",\"since\":\"2024-05-01 10:00:00\"}]," +
            "\"top_content\":[{\"user_id\":\"u1\",\"content_id\":\"c-1\",\"views\":2,\"clicks\":1,\"likes\":0,\"shares\":0,\"total_duration\":90.25,\"last_interaction\":\"2024-05-01 10:00:01\",\"affinity_score\":6.5}]," +
            "\"live_session\":{\"session_id\":\"s-9\",\"session_start\":\"2024-05-01 10:00:00\",\"events\":3,\"last_page\":\"/checkout\",\"last_event\":\"2024-05-01 10:01:00\"}," +
            "\"recent_events\":[{\"event_id\":\"e2\",\"event_type\":\"click\",\"timestamp\":\"2024-05-01 10:01:00\",\"session_id\":\"s-9\",\"page\":\"/checkout\",\"content_id\":\"c-1\",\"properties\":\"{\\\"k\\\":1}\"}]}",
            json);
    }

    [Fact]
    public void AnUnknownUsersProfileHasNullsAndEmptyLists()
    {
        var json = Write(w => ProfileJson.Write(w, new UserProfile("nobody", null, [], [], null, [])));

        Assert.Equal("{\"user_id\":\"nobody\",\"customer\":null,\"segments\":[],\"top_content\":[],\"live_session\":null,\"recent_events\":[]}", json);
    }

    [Fact]
    public void AContentSummaryCountsPerTypeHourAndTopUser()
    {
        var summary = new ContentSummary("content:c-1", [new TypeCount("view", 7), new TypeCount("like", 2)], [new HourlyCount(May1, "view", 4)], [new AffinityRow("u1", "c-1", 7, 0, 2, 0, 0, May1, 17)]);

        var json = Write(w => ContentJson.Write(w, ("c-1", "content", summary)));

        Assert.Equal(
            "{\"id\":\"c-1\",\"kind\":\"content\",\"totals\":{\"view\":7,\"like\":2}," +
            "\"hourly\":[{\"hour\":\"2024-05-01 10:00:00\",\"event_type\":\"view\",\"events\":4}]," +
            "\"top_users\":[{\"user_id\":\"u1\",\"content_id\":\"c-1\",\"views\":7,\"clicks\":0,\"likes\":2,\"shares\":0,\"total_duration\":0,\"last_interaction\":\"2024-05-01 10:00:00\",\"affinity_score\":17}]}",
            json);
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output, JsonValues.WriterOptions))
        {
            write(writer);
        }
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
