using System.Text;
using UserAnalytics.Gateway.Ingest;

namespace UserAnalytics.Gateway.Tests;

public sealed class JsonRowParserTests
{
    private static readonly DataSource Events = DataSources.Find("user_events")!;

    [Fact]
    public void AliasesFillTheirColumns()
    {
        var values = Parse("""{"customer_id":"c1","event_type":"view","timestamp":"2024-01-01","page_url":"/p","device_type":"phone","metadata":{"b":1, "a": [true, null]}}""", out var error);

        Assert.Null(error);
        Assert.Equal("c1", values.String(Events.IndexOf("user_id")));
        Assert.Equal("/p", values.String(Events.IndexOf("page")));
        Assert.Equal("phone", values.String(Events.IndexOf("device")));
        Assert.Equal("""{"b":1,"a":[true,null]}""", values.String(Events.IndexOf("properties")));
    }

    [Fact]
    public void AStringWhereANumberIsExpectedNamesTheColumn()
    {
        Parse("""{"user_id":"u","event_type":"view","timestamp":"2024-01-01","duration":"45"}""", out var error);

        Assert.Contains("'duration'", error);
        Assert.Contains("expected a number", error);
    }

    [Fact]
    public void ANonDateTimestampIsAnError()
    {
        Parse("""{"user_id":"u","event_type":"view","timestamp":"soon"}""", out var error);

        Assert.Contains("'timestamp'", error);
    }

    [Fact]
    public void NullOptionalColumnsTakeTheirDefaults()
    {
        var values = Parse("""{"user_id":"u","event_type":"view","timestamp":1700000000,"duration":null,"page":null}""", out var error);

        Assert.Null(error);
        Assert.Equal(0, values.Number(Events.IndexOf("duration")));
        Assert.Equal(string.Empty, values.String(Events.IndexOf("page")));
        Assert.Equal(1_700_000_000_000, values.Time(Events.IndexOf("timestamp")));
    }

    [Fact]
    public void NumbersAreReadAsTextInStringColumns()
    {
        var values = Parse("""{"user_id":12345,"event_type":"view","timestamp":"2024-01-01"}""", out var error);

        Assert.Null(error);
        Assert.Equal("12345", values.String(Events.IndexOf("user_id")));
    }

    [Fact]
    public void UnknownKeysAreIgnored()
    {
        Parse("""{"user_id":"u","event_type":"view","timestamp":"2024-01-01","extra":{"deep":[1,2,{"x":1}]}}""", out var error);

        Assert.Null(error);
    }

    [Fact]
    public void AnObjectCutShortIsIncomplete()
    {
        var outcome = JsonRowParser.Parse(Encoding.UTF8.GetBytes("""{"user_id":"u","event_type":"""), Events, new RowValues(Events.Columns.Length), out _);

        Assert.Equal(ParseOutcome.Incomplete, outcome);
    }

    [Theory]
    [InlineData("{bad json")]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("""{"user_id":"u"} trailing""")]
    public void MalformedRecordsAreInvalid(string json)
    {
        var outcome = JsonRowParser.Parse(Encoding.UTF8.GetBytes(json), Events, new RowValues(Events.Columns.Length), out var error);

        Assert.Equal(ParseOutcome.Invalid, outcome);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void MissingRequiredColumnsAreReported()
    {
        var values = Parse("""{"user_id":"u","timestamp":"2024-01-01"}""", out var error);
        Assert.Null(error);

        var reason = Events.TryAdd(values, new ShardBatches(4));

        Assert.Equal("missing required column 'event_type'", reason);
    }

    private static RowValues Parse(string json, out string? error)
    {
        var values = new RowValues(Events.Columns.Length);
        var outcome = JsonRowParser.Parse(Encoding.UTF8.GetBytes(json), Events, values, out error);
        Assert.NotEqual(ParseOutcome.Incomplete, outcome);
        return values;
    }
}
