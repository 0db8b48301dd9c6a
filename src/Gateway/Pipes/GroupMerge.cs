using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Gateway.Pipes;

/// <summary>Merges grouped partials by adding their values per key. Exact distinct-user counts
/// add up too, because users never cross shards.</summary>
internal static class GroupMerge
{
    // Up to this many possible (period, key…) combinations the groups are summed in dense arrays
    // indexed by number, not in a hash table: content_engagement's ~2M partial rows fall into
    // ~200k (content × event type) slots.
    private const long MaxDenseSlots = 1 << 22;

    public static (List<MergedGroup> Groups, long RowsRead) Merge(IReadOnlyList<GroupPartial> partials)
    {
        var (groups, _, read) = Merge(partials, null);
        return (groups, read);
    }

    /// <summary>Merges, and with <paramref name="top"/> keeps only the groups that can be among
    /// the first <c>Limit</c> ordered by measure <c>Measure</c> descending: every group whose value
    /// is at least the <c>Limit</c>-th largest, ties included, so the caller's full ordering picks
    /// exactly the rows it would have picked from all of them. Total counts every merged group.</summary>
    public static (List<MergedGroup> Groups, long Total, long RowsRead) Merge(IReadOnlyList<GroupPartial> partials, TopByMeasure? top)
    {
        var numbering = new KeyNumbering(partials);
        var measures = partials.FirstOrDefault(p => p.Count > 0)?.Values.Length ?? 0;
        var read = partials.Sum(p => p.RowsRead);
        if (measures == 0)
        {
            return ([], 0, read);
        }
        var (groups, total) = numbering.Slots <= MaxDenseSlots ? MergeDense(partials, numbering, measures, top) : MergeSparse(partials, numbering, measures, top);
        return (groups, total, read);
    }

    /// <summary>Asks every target in parallel and merges.</summary>
    public static async Task<(List<MergedGroup> Groups, long RowsRead)> AskAsync(PipeContext context, string? userId, GroupQuery query)
    {
        var partials = await Task.WhenAll(context.Targets(userId).Select(t => t.Group(query, context.CancellationToken)));
        return Merge(partials);
    }

    /// <summary>Asks every target in parallel and merges, keeping only the candidates of a top
    /// <paramref name="top"/> (see <see cref="Merge(IReadOnlyList{GroupPartial}, TopByMeasure?)"/>).</summary>
    public static async Task<(List<MergedGroup> Groups, long Total, long RowsRead)> AskTopAsync(PipeContext context, GroupQuery query, TopByMeasure top)
    {
        var partials = await Task.WhenAll(context.Targets(null).Select(t => t.Group(query, context.CancellationToken)));
        return Merge(partials, top);
    }

    private static (List<MergedGroup> Groups, long Total) MergeDense(IReadOnlyList<GroupPartial> partials, KeyNumbering numbering, int measures, TopByMeasure? top)
    {
        var slots = (int)numbering.Slots;
        var sums = Enumerable.Range(0, measures).Select(_ => new double[slots]).ToArray();
        var touched = new bool[slots];
        for (var p = 0; p < partials.Count; p++)
        {
            var partial = partials[p];
            for (var row = 0; row < partial.Count; row++)
            {
                var slot = (int)numbering.SlotOf(p, row);
                touched[slot] = true;
                for (var m = 0; m < measures; m++)
                {
                    sums[m][slot] += partial.Values[m][row];
                }
            }
        }
        var threshold = double.NegativeInfinity;
        long total = 0;
        if (top is { } t)
        {
            var ranked = sums[t.Measure];
            var best = new TopValues(t.Limit);
            for (var slot = 0; slot < slots; slot++)
            {
                if (touched[slot])
                {
                    best.Add(ranked[slot]);
                }
            }
            threshold = best.Threshold;
        }
        var groups = new List<MergedGroup>();
        for (var slot = 0; slot < slots; slot++)
        {
            if (!touched[slot])
            {
                continue;
            }
            total++;
            if (top is null || sums[top.Value.Measure][slot] >= threshold)
            {
                groups.Add(numbering.Group(slot, sums.Select(s => s[slot]).ToArray()));
            }
        }
        return (groups, total);
    }

    private static (List<MergedGroup> Groups, long Total) MergeSparse(IReadOnlyList<GroupPartial> partials, KeyNumbering numbering, int measures, TopByMeasure? top)
    {
        var index = new Dictionary<long, int>();
        var merged = new List<(long Slot, double[] Values)>();
        for (var p = 0; p < partials.Count; p++)
        {
            var partial = partials[p];
            for (var row = 0; row < partial.Count; row++)
            {
                var slot = numbering.SlotOf(p, row);
                if (!index.TryGetValue(slot, out var at))
                {
                    at = merged.Count;
                    index.Add(slot, at);
                    merged.Add((slot, new double[measures]));
                }
                var values = merged[at].Values;
                for (var m = 0; m < measures; m++)
                {
                    values[m] += partial.Values[m][row];
                }
            }
        }
        var threshold = double.NegativeInfinity;
        if (top is { } t)
        {
            var best = new TopValues(t.Limit);
            foreach (var (_, values) in merged)
            {
                best.Add(values[t.Measure]);
            }
            threshold = best.Threshold;
        }
        return ([.. merged.Where(g => top is null || g.Values[top.Value.Measure] >= threshold).Select(g => numbering.Group(g.Slot, g.Values))], merged.Count);
    }

    /// <summary>The <c>limit</c>-th largest of the values added (minus infinity while fewer were added).</summary>
    private sealed class TopValues(int limit)
    {
        private readonly PriorityQueue<double, double> _best = new(limit + 1);

        public double Threshold => limit > 0 && _best.Count == limit ? _best.Peek() : limit > 0 ? double.NegativeInfinity : double.PositiveInfinity;

        public void Add(double value)
        {
            if (limit <= 0)
            {
                return;
            }
            if (_best.Count < limit)
            {
                _best.Enqueue(value, value);
            }
            else if (value > _best.Peek())
            {
                _best.DequeueEnqueue(value, value);
            }
        }
    }

    /// <summary>Numbers every period and key string met in the partials, once per partial and
    /// distinct value, so a row's group is a number: (period, key 0, key 1, key 2) in mixed radix.</summary>
    private sealed class KeyNumbering
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
}

/// <summary>Keep only the candidates of the first <paramref name="Limit"/> groups by measure
/// <paramref name="Measure"/>, largest first.</summary>
internal readonly record struct TopByMeasure(int Measure, int Limit);

/// <summary>A merged group: its period, its string keys and its summed values.</summary>
internal sealed record MergedGroup(long PeriodMs, string[] Keys, double[] Values);
