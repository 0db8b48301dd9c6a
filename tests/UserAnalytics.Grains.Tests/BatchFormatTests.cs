using UserAnalytics.GrainInterfaces.Rows;

namespace UserAnalytics.Grains.Tests;

public sealed class BatchFormatTests
{
    [Fact]
    public void EveryColumnOfEveryRowKindSurvivesTheRoundTrip()
    {
        var events = new[]
        {
            new EventRow("é1", "ü", "s", "view", -123_456, "/p", "r", "os", "b", "pl", "CA", "reg", "Zürich", "dev", 12.25,
                "c", "rec", -0.5, "prod", "cat", "{\"a\":[1,2]}"),
            new EventRow("", "u", "", "click", long.MaxValue / 2, "", "", "", "", "", "", "", "", "", double.Epsilon, "", "", 0, "", "", ""),
        };
        var customers = new[] { new CustomerRow("cust", "Ann 😀", "a@b", 42, "f", "NYC", 1_000, 1234.5, 2_000) };
        var segments = new[] { new SegmentRow("u", "seg", "Name", 1, 2, true), new SegmentRow("u", "seg", "Name", 1, 3, false) };
        var metrics = new[] { new MetricRow("seg", "n", "m", 3.25, 86_400_000, "daily", 5) };

        var batch = ShardBatch.Of(events, customers, segments, metrics);

        Assert.Equal(6, batch.Rows);
        var reader = new BatchReader(batch.Payload);
        var (e, c, s, m) = (new List<EventRow>(), new List<CustomerRow>(), new List<SegmentRow>(), new List<MetricRow>());
        while (reader.Next(out var kind))
        {
            switch (kind)
            {
                case RowKind.Event: e.Add(reader.EventRow()); break;
                case RowKind.Customer: c.Add(reader.Customer()); break;
                case RowKind.Segment: s.Add(reader.Segment()); break;
                case RowKind.Metric: m.Add(reader.Metric()); break;
            }
        }
        Assert.Equal(events, e);
        Assert.Equal(customers, c);
        Assert.Equal(segments, s);
        Assert.Equal(metrics, m);
    }

    [Fact]
    public void AnUnknownFormatIsRefused()
    {
        Assert.Throws<InvalidDataException>(() => new BatchReader([9, 1, 2]));
    }
}
