using UserAnalytics.GrainInterfaces.Rows;
using UserAnalytics.Grains.Store;
using static UserAnalytics.Grains.Tests.Rows;

namespace UserAnalytics.Grains.Tests;

public sealed class MembershipsTests
{
    [Fact]
    public void ASegmentHasOneRowAndTheRowsKeepTheOrderTheirSegmentsCameIn()
    {
        var memberships = new Memberships();
        static Versioned<SegmentRow> Row(string segment, long at) => new(new SegmentRow("u", segment, segment.ToUpperInvariant(), T0, at, true), at);

        foreach (var segment in new[] { "s3", "s1", "s2", "s5", "s4" })
        {
            memberships.Set(Row(segment, 1));
        }
        memberships.Set(Row("s1", 2));

        Assert.Equal(5, memberships.Count);
        Assert.Equal(["s3", "s1", "s2", "s5", "s4"], memberships.Values.ToArray().Select(m => m.Row.SegmentId));
        Assert.Equal(2, memberships["s1"].Arrival);
        Assert.True(memberships.TryGetValue("s4", out var s4));
        Assert.Equal("S4", s4.Row.SegmentName);
        Assert.False(memberships.TryGetValue("s6", out _));
        Assert.Throws<KeyNotFoundException>(() => memberships["s6"]);
    }
}
