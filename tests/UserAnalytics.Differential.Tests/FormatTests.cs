using System.Text.Json;
using UserAnalytics.Reference;

namespace UserAnalytics.Differential.Tests;

/// <summary>Every pipe answers in JSON, CSV and NDJSON with the same columns, in the same order,
/// and the same rows.</summary>
[Collection(DifferentialCollection.Name)]
public sealed class FormatTests
{
    private readonly DifferentialFixture _fixture;

    public FormatTests(DifferentialFixture fixture)
    {
        _fixture = fixture;
    }

    public static TheoryData<string> Pipes() => [.. CaseCatalog.Pipes];

    [Theory]
    [MemberData(nameof(Pipes))]
    public async Task EveryFormatCarriesTheSameColumnsAndRows(string pipe)
    {
        var environment = await _fixture.GetAsync(DifferentialFixture.Seeds[0]);
        // The first case with rows: an empty answer would leave only the header to compare.
        PipeCase? @case = null;
        JsonElement json = default;
        foreach (var candidate in CaseCatalog.For(pipe, environment.DataSet))
        {
            (@case, json) = (candidate, await environment.GetAsync($"v0/pipes/{pipe}.json?{candidate.Query}"));
            if (json.GetProperty("rows").GetInt64() > 0)
            {
                break;
            }
        }
        var columns = json.GetProperty("meta").EnumerateArray().Select(m => m.GetProperty("name").GetString()!).ToArray();
        var data = json.GetProperty("data").EnumerateArray().ToList();
        Assert.NotEmpty(data);

        var csv = await environment.Client.GetStringAsync($"v0/pipes/{pipe}.csv?{@case!.Query}");
        var ndjson = await environment.Client.GetStringAsync($"v0/pipes/{pipe}.ndjson?{@case.Query}");

        Assert.StartsWith(string.Join(',', columns.Select(c => $"\"{c}\"")) + "\n", csv, StringComparison.Ordinal);
        var lines = ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(data.Count, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var row = JsonSerializer.Deserialize<JsonElement>(lines[i]);
            Assert.Equal(columns, row.EnumerateObject().Select(p => p.Name));
            Assert.Equal(data[i].GetRawText(), row.GetRawText());
        }
        Assert.Equal(data.Count, CsvRowCount(csv));
    }

    /// <summary>Records after the header, counting quoted line breaks as part of their field.</summary>
    private static int CsvRowCount(string csv)
    {
        var records = 0;
        var quoted = false;
        foreach (var c in csv)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == '\n' && !quoted)
            {
                records++;
            }
        }
        return records - 1;
    }
}
