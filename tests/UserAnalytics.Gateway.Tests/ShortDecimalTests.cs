using System.Text;
using System.Text.Json;
using UserAnalytics.Gateway.Output;

namespace UserAnalytics.Gateway.Tests;

public sealed class ShortDecimalTests
{
    /// <summary>Every double the short path takes comes out as the JSON writer's own formatting
    /// writes it; the ones it leaves (zeros, finer fractions, huge values) are refused.</summary>
    [Fact]
    public void AWholeNumberOfThousandthsIsWrittenAsTheJsonWriterWritesIt()
    {
        var random = new Random(11);
        var values = new List<double> { 0.001, -0.001, 0.1, 1, 10, 51.059, 120.83, -3.5, 999_999_999_999.999, 123_456_789.012, 1e11 + 0.5 };
        for (var i = 0; i < 200_000; i++)
        {
            var scale = Math.Pow(10, random.Next(0, 13));
            values.Add(Math.Round((random.NextDouble() - 0.3) * scale, random.Next(0, 4)));
            values.Add(random.NextInt64(-5_000_000, 5_000_000) / 1000.0);
            values.Add(random.NextInt64(0, 100_000) / 100.0);
        }
        Span<byte> text = stackalloc byte[24];
        var taken = 0;
        foreach (var value in values)
        {
            if (ShortDecimal.TryFormat(value, text, out var length))
            {
                taken++;
                Assert.Equal(Standard(value), Encoding.UTF8.GetString(text[..length]));
            }
        }
        Assert.True(taken > values.Count * 0.9, $"only {taken} of {values.Count} taken");

        foreach (var refused in new[] { 0.0, -0.0, 0.0001, 1.0 / 3, 1e12, 1e15, double.NaN, double.PositiveInfinity, 5e-324 })
        {
            Assert.False(ShortDecimal.TryFormat(refused, text, out _), $"{refused:R} was taken");
        }
    }

    private static string Standard(double value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteNumberValue(value);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
