using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Gateway.Pipes;

/// <summary>Numbers every period and key string met in the partials, once per partial and
/// distinct value, so a row's group is a number: (period, key 0, key 1, key 2) in mixed radix.</summary>
internal sealed class KeyNumbering
{
    private readonly List<long> _periods = [];
    private readonly List<string>[] _names = [[], [], []];
    private readonly int[][] _periodOfRow;
    private readonly int[][][] _translation;
    private readonly int[][][] _keyIndexes;
    private readonly long[] _sizes;

    public KeyNumbering(IReadOnlyList<GroupPartial> partials)
    {
        var periodNumbers = new Dictionary<long, int>();
        var numbers = new[] { new Dictionary<string, int>(StringComparer.Ordinal), new Dictionary<string, int>(StringComparer.Ordinal), new Dictionary<string, int>(StringComparer.Ordinal) };
        _periodOfRow = new int[partials.Count][];
        _translation = new int[partials.Count][][];
        _keyIndexes = [.. partials.Select(p => p.KeyIndexes)];
        for (var p = 0; p < partials.Count; p++)
        {
            var partial = partials[p];
            // Most partials have one period (0, no time bucket) or few: remember the last one seen.
            var rows = new int[partial.Count];
            long lastPeriod = 0;
            var lastNumber = -1;
            for (var row = 0; row < rows.Length; row++)
            {
                var period = partial.Periods[row];
                if (lastNumber < 0 || period != lastPeriod)
                {
                    lastNumber = Number(periodNumbers, _periods, period);
                    lastPeriod = period;
                }
                rows[row] = lastNumber;
            }
            _periodOfRow[p] = rows;
            _translation[p] = [.. Enumerable.Range(0, partial.KeyValues.Length).Select(d => partial.KeyValues[d].Select(v => Number(numbers[d], _names[d], v)).ToArray())];
            Dimensions = Math.Max(Dimensions, partial.KeyValues.Length);
        }
        _sizes = [.. _names.Select(n => (long)Math.Max(1, n.Count))];
        Slots = Enumerable.Range(0, Dimensions).Aggregate((long)Math.Max(1, _periods.Count), (product, d) => product * _sizes[d]);
    }

    public int Dimensions { get; }

    /// <summary>How many (period, keys) combinations there can be.</summary>
    public long Slots { get; }

    public long SlotOf(int partial, int row)
    {
        long slot = _periodOfRow[partial][row];
        var translation = _translation[partial];
        var indexes = _keyIndexes[partial];
        for (var d = 0; d < Dimensions; d++)
        {
            slot = (slot * _sizes[d]) + (d < translation.Length ? translation[d][indexes[d][row]] : 0);
        }
        return slot;
    }

    public MergedGroup Group(long slot, double[] values)
    {
        var keys = new[] { string.Empty, string.Empty, string.Empty };
        for (var d = Dimensions - 1; d >= 0; d--)
        {
            keys[d] = _names[d].Count > 0 ? _names[d][(int)(slot % _sizes[d])] : string.Empty;
            slot /= _sizes[d];
        }
        return new MergedGroup(_periods.Count > 0 ? _periods[(int)slot] : 0, keys, values);
    }

    private static int Number<T>(Dictionary<T, int> numbers, List<T> values, T value)
        where T : notnull
    {
        if (!numbers.TryGetValue(value, out var number))
        {
            number = values.Count;
            values.Add(value);
            numbers.Add(value, number);
        }
        return number;
    }
}
