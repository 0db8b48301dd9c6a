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

    [Fact]
    public void RowsReadWithTheKeyOrderOfTheRowsBeforeThemHoldWhatTheyHoldAlone()
    {
        string[] rows =
        [
            """{"user_id":"u1","event_type":"view","timestamp":"2024-01-01","page":"/a","duration":3}""",
            """{"user_id":"u2","event_type":"click","timestamp":"2024-01-02","page":"/b","duration":4}""",
            """{"user_id":"u3","timestamp":"2024-01-03","event_type":"view","duration":5}""",
            """{"customer_id":"u4","event_type":"view","timestamp":"2024-01-04","page_url":"/c"}""",
            """{"customer_id":"u5","event_type":"view","timestamp":"2024-01-05","page_url":"/d","unknown":1,"duration":6}""",
            """{"user\u005fid":"u6","event_type":"view","timestamp":"2024-01-06","page":"/e","page":"/f"}""",
            """{"user_id":"u7","event_type":"view","timestamp":"2024-01-07","duration":"x"}""",
            """{"event_type":"view","user_id":"u8","timestamp":"2024-01-08","page":"/g","duration":8}""",
        ];
        var order = new KeyOrder(Events);

        foreach (var row in rows)
        {
            var alone = new RowValues(Events.Columns.Length);
            var aloneOutcome = JsonRowParser.Parse(Encoding.UTF8.GetBytes(row), Events, alone, out var aloneError);
            var ordered = new RowValues(Events.Columns.Length);
            var orderedOutcome = JsonRowParser.Parse(Encoding.UTF8.GetBytes(row), Events, ordered, out var orderedError, order);

            Assert.Equal(aloneOutcome, orderedOutcome);
            Assert.Equal(aloneError, orderedError);
            Assert.Equal(Describe(alone), Describe(ordered));
        }
    }

    private static string Describe(RowValues values) => string.Join('|', Enumerable.Range(0, Events.Columns.Length)
        .Select(c => values.IsPresent(c) ? $"{c}={values.String(c)}/{values.Number(c)}" : "-"));

    private static RowValues Parse(string json, out string? error)
    {
        var values = new RowValues(Events.Columns.Length);
        var outcome = JsonRowParser.Parse(Encoding.UTF8.GetBytes(json), Events, values, out error);
        Assert.NotEqual(ParseOutcome.Incomplete, outcome);
        return values;
    }
}
