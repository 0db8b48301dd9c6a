namespace UserAnalytics.Bench.Tests;

public sealed class BenchOptionsTests
{
    [Fact]
    public void AMisspelledFlagIsRefusedByNameInsteadOfRunningTheDefaultDataSet()
    {
        var error = Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["all", "--evnets", "10000000"]));

        Assert.Contains("'--evnets'", error.Message, StringComparison.Ordinal);
        Assert.Contains("--events", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void HelpIsACommandOfItsOwn(string flag)
    {
        Assert.Equal("help", BenchOptions.Parse(["all", flag]).Command);
    }

    [Fact]
    public void ANumberFlagWithTextIsRefusedByName()
    {
        var error = Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--events", "ten"]));

        Assert.Contains("--events", error.Message, StringComparison.Ordinal);
        Assert.Contains("'ten'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheKnownFlagsAreRead()
    {
        var options = BenchOptions.Parse(["queries", "--events", "10_000", "--no-postgres", "--duration", "0.5", "--only", "funnel"]);

        Assert.Equal(("queries", 10_000L, true, 0.5, "funnel"), (options.Command, options.Events, options.SkipPostgres, options.DurationSeconds, options.Only));
    }
}
