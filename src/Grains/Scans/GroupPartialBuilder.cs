using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Scans;

/// <summary>Collects groups row by row and hands them out as a columnar <see cref="GroupPartial"/>,
/// numbering each dimension's distinct values as they first appear.</summary>
internal sealed class GroupPartialBuilder
{
    private readonly StringPool[]? _pools;
    private readonly CodeSlots[]? _codeNumbers;
    private readonly List<long> _periods = [];
    private readonly List<int>[] _keyIndexes;
    private readonly Dictionary<string, int>[] _keyNumbers;
    private readonly List<string>[] _keyValues;
    private readonly List<double>[] _values;

    public GroupPartialBuilder(int dimensions, int measures)
    {
        _keyIndexes = [.. Enumerable.Range(0, dimensions).Select(_ => new List<int>())];
        _keyNumbers = [.. Enumerable.Range(0, dimensions).Select(_ => new Dictionary<string, int>(StringComparer.Ordinal))];
        _keyValues = [.. Enumerable.Range(0, dimensions).Select(_ => new List<string>())];
        _values = [.. Enumerable.Range(0, measures).Select(_ => new List<double>())];
    }

    /// <summary>A builder whose groups are keyed by dictionary codes of <paramref name="pools"/>:
    /// numbering a code is an array lookup, where a string key costs a hash of the string.</summary>
    public GroupPartialBuilder(StringPool[] pools, int measures)
        : this(pools.Length, measures)
    {
        _pools = pools;
        _codeNumbers = [.. pools.Select(p => new CodeSlots(p.Count))];
    }

    /// <summary>Adds a group keyed by one dictionary code per dimension (the pools' constructor).</summary>
    public void AddCodes(long period, ReadOnlySpan<int> codes, ReadOnlySpan<double> values)
    {
        _periods.Add(period);
        for (var d = 0; d < _keyIndexes.Length; d++)
        {
            if (!_codeNumbers![d].TryGetValue(codes[d], out var number))
            {
                number = _keyValues[d].Count;
                _keyValues[d].Add(_pools![d][codes[d]]);
                _codeNumbers[d].Add(codes[d], number);
            }
            _keyIndexes[d].Add(number);
        }
        AddValues(values);
    }

    public void Add(long period, ReadOnlySpan<string> keys, ReadOnlySpan<double> values)
    {
        _periods.Add(period);
        for (var d = 0; d < _keyIndexes.Length; d++)
        {
            if (!_keyNumbers[d].TryGetValue(keys[d], out var number))
            {
                number = _keyValues[d].Count;
                _keyValues[d].Add(keys[d]);
                _keyNumbers[d].Add(keys[d], number);
            }
            _keyIndexes[d].Add(number);
        }
        AddValues(values);
    }

    private void AddValues(ReadOnlySpan<double> values)
    {
        for (var m = 0; m < _values.Length; m++)
        {
            _values[m].Add(values[m]);
        }
    }

    /// <summary>The groups collected; the code tables go back to the scans' pool.</summary>
    public GroupPartial Build(long rowsRead, GroupOmission? omitted = null)
    {
        foreach (var slots in _codeNumbers ?? [])
        {
            slots.Dispose();
        }
        return new(
            [.. _periods],
            [.. _keyIndexes.Select(k => k.ToArray())],
            [.. _keyValues.Select(v => v.ToArray())],
            [.. _values.Select(v => v.ToArray())],
            rowsRead,
            omitted);
    }
}
