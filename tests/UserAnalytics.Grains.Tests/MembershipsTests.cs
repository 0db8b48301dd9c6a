using UserAnalytics.Grains.Store;
using static UserAnalytics.Grains.Tests.Rows;

namespace UserAnalytics.Grains.Tests;

public sealed class MembershipsTests
{
    [Fact]
    public void ASegmentHasOneRowAndTheRowsKeepTheOrderTheirSegmentsCameIn()
    {
        var memberships = new Memberships();
        static Membership Row(string segment, long at) => new(segment, segment.ToUpperInvariant(), T0, at, true, at);

        foreach (var segment in new[] { "s3", "s1", "s2", "s5", "s4" })
        {
            memberships.Set(Row(segment, 1));
        }
        memberships.Set(Row("s1", 2));

        Assert.Equal(5, memberships.Count);
        Assert.Equal(["s3", "s1", "s2", "s5", "s4"], memberships.Values.ToArray().Select(m => m.SegmentId));
        Assert.Equal(2, memberships["s1"].Arrival);
        Assert.True(memberships.TryGetValue("s4", out var s4));
        Assert.Equal("S4", s4.SegmentName);
        Assert.False(memberships.TryGetValue("s6", out _));
        Assert.Throws<KeyNotFoundException>(() => memberships["s6"]);
    }
}
