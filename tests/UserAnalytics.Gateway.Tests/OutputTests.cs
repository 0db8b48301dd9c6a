using System.Buffers;
using System.Text;
using System.Text.Json;
using UserAnalytics.Gateway.Output;
using UserAnalytics.Gateway.Pipes;
using UserAnalytics.GrainInterfaces;

namespace UserAnalytics.Gateway.Tests;

public sealed class OutputTests
{
    private static readonly PipeColumn[] Columns =
    [
        new("name", ColumnType.String),
        new("count", ColumnType.UInt64),
        new("period", ColumnType.DateTime),
        new("avg", ColumnType.Float64),
        new("last", ColumnType.NullableDateTime),
    ];

    [Fact]
    public void TheJsonEnvelopeHasTinybirdsShape()
    {
        var result = new PipeResult(Columns, [["a", 3L, 0L, 1.5, null]], 10, 1000);
        var output = new ArrayBufferWriter<byte>();

        ResultWriter.WriteJson(output, result, 0.25);

        using var json = JsonDocument.Parse(output.WrittenMemory);
        var root = json.RootElement;
        Assert.Equal("Nullable(DateTime)", root.GetProperty("meta")[4].GetProperty("type").GetString());
        var row = root.GetProperty("data")[0];
        Assert.Equal("1970-01-01 00:00:00", row.GetProperty("period").GetString());
        Assert.Equal(3, row.GetProperty("count").GetInt64());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("last").ValueKind);
        Assert.Equal(1, root.GetProperty("rows").GetInt32());
        Assert.Equal(10, root.GetProperty("rows_before_limit_at_least").GetInt32());
        Assert.Equal(1000, root.GetProperty("statistics").GetProperty("rows_read").GetInt32());
    }

    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.NaN)]
    public void AFloatWithoutAJsonNumberIsNull(double value)
    {
        // A sum of values near the largest double overflows; JSON has no number for the result.
        var result = new PipeResult(Columns, [["a", 3L, 0L, value, null]], 1, 1);
        var output = new ArrayBufferWriter<byte>();

        ResultWriter.WriteJson(output, result, 0);

        using var json = JsonDocument.Parse(output.WrittenMemory);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("data")[0].GetProperty("avg").ValueKind);
    }

    [Fact]
    public async Task CsvQuotesStringsAndDatesLikeClickHouse()
    {
        var result = new PipeResult(Columns, [["say \"hi\", ok", 3L, 0L, 0.1, null]], 1, 1);
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Response.Body = new MemoryStream();

        await ResultWriter.WriteAsync(context.Response, result, OutputFormat.Csv, 0);

        var text = Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
        Assert.Equal("\"name\",\"count\",\"period\",\"avg\",\"last\"\n\"say \"\"hi\"\", ok\",3,\"1970-01-01 00:00:00\",0.1,\\N\n", text);
    }

    [Fact]
    public void OrderingBreaksTiesByTheRemainingColumnsInOrder()
    {
        var order = new OutputOrder(3, (1, true));
        var rows = new List<object?[]> { new object?[] { "b", 5L, 1.0 }, new object?[] { "a", 5L, 2.0 }, new object?[] { "c", 9L, 0.0 }, new object?[] { "a", 5L, 1.0 } };

        var sorted = order.SortAndTake(rows, 3);

        Assert.Equal(["c", "a", "a"], sorted.Select(r => (string)r[0]!));
        Assert.Equal(1.0, sorted[1][2]);
    }

    [Theory]
    [InlineData(2.345, 2.35)]
    [InlineData(-2.345, -2.35)]
    [InlineData(2.5, 2.5)]
    [InlineData(0.125, 0.13)]
    public void RoundingIsHalfAwayFromZero(double value, double expected)
    {
        Assert.Equal(expected, ContractMath.Round2(value));
    }

    [Fact]
    public void ZeroDenominatorsGiveZero()
    {
        Assert.Equal(0, ContractMath.Percent(5, 0));
        Assert.Equal(0, ContractMath.Average(5, 0));
        Assert.Equal(33.33, ContractMath.Percent(1, 3));
    }
}
