using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Tests;

public sealed class NumberColumnTests
{
    [Theory]
    [InlineData(300)]
    [InlineData(40_000)]
    [InlineData(300_000)]
    public void EveryValueComesBackBitForBitCodedOrPlainAndThroughACheckpoint(int distinct)
    {
        var random = new Random(distinct);
        var rows = Enumerable.Range(0, 140_000).Select(i => (i % 7) switch
        {
            0 => 0.0,
            1 => -0.0,
            2 => double.NaN,
            _ => Math.Round(random.Next(distinct) * 0.01, 2),
        }).ToArray();
        var column = NumberColumn.Build(rows);

        AssertSame(rows, column);
        Assert.True(column.Bytes <= rows.Length * 8L);
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            column.Write(writer);
        }
        memory.Position = 0;
        using var reader = new BinaryReader(memory);
        AssertSame(rows, NumberColumn.Read(reader, rows.Length));
        memory.Position = 0;
        Assert.Throws<InvalidDataException>(() => NumberColumn.Read(new BinaryReader(memory), rows.Length + 1));
    }

    /// <summary>A column of mostly absent values (0.0) keeps only the others: the bench's event
    /// values are on 0.3 % of the events and cost two bytes on every row before.</summary>
    [Fact]
    public void MostlyAbsentValuesAreKeptSparseAndComeBackTheSame()
    {
        var rows = Enumerable.Range(0, 50_000).Select(i => i % 97 == 3 ? 9.99 + (i % 5) : i == 40_000 ? -0.0 : 0.0).ToArray();
        var dense = Enumerable.Range(0, 50_000).Select(i => (double)(i % 3)).ToArray();

        var column = NumberColumn.Build(rows);

        AssertSame(rows, column);
        Assert.True(column.Bytes < rows.Length / 10, $"{column.Bytes} bytes");
        Assert.True(NumberColumn.Build(dense).Bytes >= dense.Length);
    }

    private static void AssertSame(double[] expected, NumberColumn column)
    {
        var copy = new double[expected.Length - 5];
        column.CopyTo(5, copy);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected[i]), BitConverter.DoubleToInt64Bits(column[i]));
            if (i >= 5)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected[i]), BitConverter.DoubleToInt64Bits(copy[i - 5]));
            }
        }
    }
}
