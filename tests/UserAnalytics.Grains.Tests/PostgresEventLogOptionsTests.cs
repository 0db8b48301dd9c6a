using UserAnalytics.Grains.Storage.Postgres;

namespace UserAnalytics.Grains.Tests;

public sealed class PostgresEventLogOptionsTests
{
    [Theory]
    [InlineData("Host=db;Maximum Pool Size=5", true)]
    [InlineData("Host=db;Max Pool Size=5", true)]
    [InlineData("Host=db;MaxPoolSize=5", true)]
    [InlineData("host=db;maximum pool size=5", true)]
    [InlineData("Host=db;Minimum Pool Size=5", false)]
    [InlineData("Host=db;Database=maxpoolsize", false)]
    public void APoolSizeInTheConnectionStringIsRecognisedUnderEverySpelling(string connectionString, bool sets) =>
        Assert.Equal(sets, PostgresEventLog.SetsPoolSize(connectionString));
}
