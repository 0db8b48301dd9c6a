using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Tests;

/// <summary>A sealed block's durations, kept as scaled units or plain doubles, read back bit for bit
/// as they were stored, row by row, run by run (the vector decode) and through a checkpoint.</summary>
public sealed class DurationColumnTests
{
    public static TheoryData<string, bool> Columns => new()
    {
        { "tenths", true },
        { "whole", true },
        { "thousandths", true },
        { "empty", true },
        { "thirds", false },
        { "negative", false },
        { "minus zero", false },
        { "nan", false },
        { "too large", false },
    };

    [Theory]
    [MemberData(nameof(Columns))]
    public void DurationsReadBackAsStoredWhetherScaledOrPlain(string name, bool scaled)
    {
        var rows = Rows(name);

        var column = DurationColumn.Build(rows);

        Assert.Equal(scaled, column.Scaled);
        Assert.Equal(rows.Length * (scaled ? 2L : 8L), column.Bytes);
        Assert.Equal(rows.Select(Bits), Enumerable.Range(0, rows.Length).Select(r => Bits(column[r])));
        foreach (var (start, length) in new[] { (0, rows.Length), (3, rows.Length - 3), (5, 13), (0, 1), (rows.Length - 9, 9) }.Where(r => r.Item1 >= 0 && r.Item2 >= 0 && r.Item1 + r.Item2 <= rows.Length))
        {
            var scratch = Array.Empty<double>();
            Assert.Equal(rows.Skip(start).Take(length).Select(Bits), column.Slice(start, length, ref scratch).ToArray().Select(Bits));
        }
        Assert.Equal(rows.Select(Bits), Enumerable.Range(0, rows.Length).Select(r => Bits(RoundTrip(column, rows.Length)[r])));
    }

    [Fact]
    public void ACheckpointColumnOfAnotherLengthOrScaleIsRefused()
    {
        var column = DurationColumn.Build(Rows("tenths"));
        Assert.Throws<InvalidDataException>(() => RoundTrip(column, 10));

        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(true);
            writer.Write(7.0);
            writer.Write(0);
        }
        memory.Position = 0;
        using var reader = new BinaryReader(memory);
        Assert.Throws<InvalidDataException>(() => DurationColumn.Read(reader, 0));
    }

    [Fact]
    public void AnEarlierCheckpointsPlainDoublesAreRead()
    {
        var rows = Rows("thirds");
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            BinaryArrays.Write<double>(writer, rows);
        }
        memory.Position = 0;
        using var reader = new BinaryReader(memory);

        var column = DurationColumn.ReadPlain(reader, rows.Length);

        Assert.Equal(rows, Enumerable.Range(0, rows.Length).Select(r => column[r]));
    }

    private static double[] Rows(string name)
    {
        var random = new Random(name.Length);
        double[] tenths = [.. Enumerable.Range(0, 101).Select(_ => Math.Round(random.NextDouble() * 120, 1))];
        return name switch
        {
            "tenths" => tenths,
            "whole" => [.. tenths.Select(Math.Floor)],
            "thousandths" => [.. tenths.Select(v => Math.Round(v / 7, 3))],
            "empty" => [],
            "thirds" => [.. tenths.Select(v => v / 3)],
            "negative" => [.. tenths, -1.5],
            "minus zero" => [.. tenths, -0.0],
            "nan" => [.. tenths, double.NaN],
            _ => [.. tenths, 70_000],
        };
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);

    private static DurationColumn RoundTrip(DurationColumn column, int rows)
    {
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            column.Write(writer);
        }
        memory.Position = 0;
        using var reader = new BinaryReader(memory);
        return DurationColumn.Read(reader, rows);
    }
}
