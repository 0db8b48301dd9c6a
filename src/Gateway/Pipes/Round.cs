namespace UserAnalytics.Gateway.Pipes;

/// <summary>The contract's rounding: two decimals, half away from zero, and 0 for any rate or
/// average whose denominator is 0. Scaling by 100 and rounding to an integer is what ClickHouse
/// and DuckDB do for doubles, so results agree with them to the last digit.</summary>
internal static class Round
{
    public static double Two(double value) => Math.Round(value * 100, MidpointRounding.AwayFromZero) / 100;

    /// <summary><c>round(sum / count, 2)</c>, or 0 when <paramref name="count"/> is 0.</summary>
    public static double Average(double sum, double count) => count == 0 ? 0 : Two(sum / count);

    /// <summary>A percentage: <c>round(100 * part / whole, 2)</c>, or 0 when <paramref name="whole"/> is 0.</summary>
    public static double Percent(double part, double whole) => whole == 0 ? 0 : Two(100 * part / whole);
}
