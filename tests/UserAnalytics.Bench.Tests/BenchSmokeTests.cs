using UserAnalytics.Bench.Data;

namespace UserAnalytics.Bench.Tests;

/// <summary>The benchmark's smoke run (10k events, every phase, DuckDB as the peer), so the bench
/// cannot rot. It checks that every phase ran and every answer equals DuckDB's; it asserts no timing.</summary>
public sealed class BenchSmokeTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "ua-bench-smoke-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task TheSmokeRunCompletesEveryPhaseWithTheSameAnswersAsDuckDb()
    {
        var report = Path.Combine(_data, "report.md");
        string[] args = ["smoke", "--data", _data, "--report", report, "--no-postgres", "--shards", "3"];
        var options = BenchOptions.Parse(args);
        var workload = new WorkloadOptions(options.Events, options.Users, options.Seed);

        var exit = await new AllRun(options, workload, new WorkloadFiles(Path.Combine(_data, workload.Key))).RunAsync();

        Assert.Equal(0, exit);
        var text = await File.ReadAllTextAsync(report);
        foreach (var section in new[] { "## Ingest", "## Lookups", "## Memory after the queries", "## Freshness", "## Cold start", "## Queries", "## Bulk load" })
        {
            Assert.Contains(section, text, StringComparison.Ordinal);
        }
        Assert.Contains("| ours beside DuckDB ms | paired ours/DuckDB |", text, StringComparison.Ordinal);
        Assert.Matches(@"The same file sent again, every row a repeat: .*events stored after both uploads: [\d,]+ \(each once\)", text);
        var queryRows = text.Split('\n').SkipWhile(l => !l.StartsWith("## Queries", StringComparison.Ordinal))
            .Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| pipe", StringComparison.Ordinal)).ToList();
        Assert.True(queryRows.Count >= 23, $"{queryRows.Count} query rows:\n{text}");
        Assert.All(queryRows, row => Assert.EndsWith("| yes |", row.TrimEnd(), StringComparison.Ordinal));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
