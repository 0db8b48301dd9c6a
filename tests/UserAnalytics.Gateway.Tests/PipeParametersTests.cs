using UserAnalytics.Gateway.Pipes;
using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Gateway.Tests;

public sealed class PipeParametersTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("0")]
    [InlineData("1000001")]
    [InlineData("99999999999")]
    public void ABadLimitNamesTheParameter(string limit)
    {
        var ex = Assert.Throws<BadParameterException>(() => PipeParameters.Of(("limit", limit)).Limit(100));

        Assert.Equal("limit", ex.Parameter);
    }

    [Fact]
    public void AnAbsentOrEmptyLimitTakesTheDefault()
    {
        Assert.Equal(100, PipeParameters.Of().Limit(100));
        Assert.Equal(100, PipeParameters.Of(("limit", "")).Limit(100));
        Assert.Equal(7, PipeParameters.Of(("limit", "7")).Limit(100));
    }

    [Fact]
    public void AStartAfterTheEndIsRejected()
    {
        var ex = Assert.Throws<BadParameterException>(() =>
            PipeParameters.Of(("start_date", "2024-02-01"), ("end_date", "2024-01-01")).Window());

        Assert.Equal("start_date", ex.Parameter);
    }

    [Fact]
    public void AnInvalidDateNamesTheParameter()
    {
        var ex = Assert.Throws<BadParameterException>(() => PipeParameters.Of(("end_date", "tomorrow")).Window());

        Assert.Equal("end_date", ex.Parameter);
    }

    [Fact]
    public void ListsMayBeCommaSeparatedOrRepeated()
    {
        Assert.Equal(["a", "b", "c"], PipeParameters.Of(("event_steps", "a,b"), ("event_steps", "c")).List("event_steps")!);
        Assert.Null(PipeParameters.Of().List("event_steps"));
    }

    [Fact]
    public void BucketsAreCheckedByName()
    {
        Assert.Equal(Bucket.Week, PipeParameters.Of(("time_bucket", "week")).Bucket("time_bucket", Bucket.Day));
        var ex = Assert.Throws<BadParameterException>(() => PipeParameters.Of(("time_bucket", "year")).Bucket("time_bucket", Bucket.Day));
        Assert.Equal("time_bucket", ex.Parameter);
    }
}
