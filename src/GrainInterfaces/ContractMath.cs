namespace UserAnalytics.GrainInterfaces;

/// <summary>The contract's rounding, shared by the shards (which rank rows by rounded values) and
/// the gateway: two decimals, half away from zero, by scaling to an integer as ClickHouse and DuckDB
/// do for doubles; a rate or average with a zero denominator is 0.</summary>
public static class ContractMath
{
    /// <summary>Rounds to two decimals, half away from zero.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The rounded value.</returns>
    public static double Round2(double value) => Math.Round(value * 100, MidpointRounding.AwayFromZero) / 100;

    /// <summary><c>round(sum / count, 2)</c>, or 0 when <paramref name="count"/> is 0.</summary>
    /// <param name="sum">The numerator.</param>
    /// <param name="count">The denominator.</param>
    /// <returns>The rounded average.</returns>
    public static double Average(double sum, double count) => count == 0 ? 0 : Round2(sum / count);

    /// <summary>A percentage, <c>round(100 * part / whole, 2)</c>, or 0 when <paramref name="whole"/> is 0.</summary>
    /// <param name="part">The part.</param>
    /// <param name="whole">The whole.</param>
    /// <returns>The rounded percentage.</returns>
    public static double Percent(double part, double whole) => whole == 0 ? 0 : Round2(100 * part / whole);
}
