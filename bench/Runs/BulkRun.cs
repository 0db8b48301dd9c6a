using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace UserAnalytics.Bench.Runs;

/// <summary>Loads a CSV file through the bulk Data Sources API as one streamed upload.</summary>
public static class BulkRun
{
    public sealed record Result(long Rows, TimeSpan Elapsed)
    {
        public double RowsPerSecond => Rows / Elapsed.TotalSeconds;
    }

    public static async Task<Result> RunAsync(HttpClient client, string dataSource, string csvPath)
    {
        var clock = Stopwatch.StartNew();
        await using var file = File.OpenRead(csvPath);
        using var content = new StreamContent(file, 1 << 20);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var response = await client.PostAsync($"v0/datasources?name={dataSource}&mode=append", content);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"bulk load answered {(int)response.StatusCode}: {body}");
        }
        var rows = JsonSerializer.Deserialize<JsonElement>(body).GetProperty("successful_rows").GetInt64();
        var result = new Result(rows, clock.Elapsed);
        Console.WriteLine($"[bulk {dataSource}] {rows:N0} rows in {result.Elapsed.TotalSeconds:F1} s: {result.RowsPerSecond:N0} rows/s");
        return result;
    }
}
