using UserAnalytics.GrainInterfaces.Rows;
using UserAnalytics.Grains.Storage;

namespace UserAnalytics.Grains.Tests;

public sealed class BatchCodecTests
{
    [Fact]
    public void EveryColumnSurvivesTheRoundTrip()
    {
        var batch = new ShardBatch(
            [new EventRow("é1", "ü", "s", "view", -123_456, "/p", "r", "os", "b", "pl", "CA", "reg", "Zürich", "dev", 12.25,
                "c", "rec", -0.5, "prod", "cat", "{\"a\":[1,2]}")],
            [new CustomerRow("cust", "Ann 😀", "a@b", 42, "f", "NYC", 1_000, 1234.5, 2_000)],
            [new SegmentRow("u", "seg", "Name", 1, 2, true), new SegmentRow("u", "seg", "Name", 1, 3, false)],
            [new MetricRow("seg", "n", "m", 3.25, 86_400_000, "daily", 5)]);

        var decoded = BatchCodec.Decode(BatchCodec.Encode(batch).Span);

        Assert.Equal(batch.Events, decoded.Events);
        Assert.Equal(batch.Customers, decoded.Customers);
        Assert.Equal(batch.Segments, decoded.Segments);
        Assert.Equal(batch.Metrics, decoded.Metrics);
    }
}
