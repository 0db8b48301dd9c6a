using System.Buffers;
using System.Numerics;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Scans;

/// <summary>
/// The inner loop of the commonest grouped scans — at most two dimensions, no per-row condition but
/// the time window (or that the first dimension is present, as content_engagement asks), groups in
/// dense arrays — over one user's sealed rows, compiled once per pair of code widths and for
/// per-type counts or none, so a row costs a handful of array updates with no width or dimension
/// tests (event_metrics, active_users, geographic_distribution, time series, content_engagement,
/// user_activity_metrics).
/// </summary>
internal sealed class DirectGroupLoop
{
    private readonly CodeVector? _first;
    private readonly CodeVector? _second;
    private readonly int _secondSize;
    private readonly int _periodStride;
    private readonly bool _skipEmptyFirst;
    private readonly PeriodIndex? _periods;
    private readonly SealedEvents _sealed;
    private readonly GroupAccumulators _accumulators;
    private readonly Action<int, int, int> _run;
    private readonly int _typeCount;
    private long[]? _histogram;
    private double[]? _unitSums;

    // A (group, type) histogram of up to 8 MB, else per-type tests.
    private const long MaxHistogram = 1 << 20;

    private DirectGroupLoop(CodeVector[] dimensions, int[] sizes, bool skipEmptyFirst, PeriodIndex? periods, SealedEvents sealedEvents, GroupAccumulators accumulators, int typeCount)
    {
        _first = dimensions.Length > 0 ? dimensions[0] : null;
        _second = dimensions.Length > 1 ? dimensions[1] : null;
        _secondSize = dimensions.Length > 1 ? sizes[1] : 1;
        _periodStride = sizes.Aggregate(1, (product, size) => product * size);
        _skipEmptyFirst = skipEmptyFirst;
        _periods = periods;
        _sealed = sealedEvents;
        _accumulators = accumulators;
        // Sealed type codes are below the pool's size when the scan starts.
        _typeCount = Math.Max(1, typeCount);
        _run = accumulators.NeedsTypes ? SelectTypes() : Select<NoTypes>(default);
    }

    /// <summary>The loop for this scan, or null when its shape needs the general one.</summary>
    public static DirectGroupLoop? For(CompiledFilter filter, GroupAccumulators accumulators, EventColumn[] columns, CodeVector[] dimensions, int[] sizes, PeriodIndex? periods, SealedEvents sealedEvents, int typeCount)
    {
        if (!accumulators.Direct || dimensions.Length > 2)
        {
            return null;
        }
        // "The first dimension is not empty" is a test the loop makes anyway: code 0 is the empty string.
        var skipEmptyFirst = !filter.TimeOnly && columns.Length > 0 && filter.OnlyRequiresNonEmpty == columns[0];
        return filter.TimeOnly || skipEmptyFirst
            ? new DirectGroupLoop(dimensions, sizes, skipEmptyFirst, periods, sealedEvents, accumulators, typeCount)
            : null;
    }

    /// <summary>Adds rows [start, end) of user <paramref name="user"/> to their groups.</summary>
    public void Run(int user, int start, int end) => _run(user, start, end);

    /// <summary>Folds the per-type histogram, if the loop kept one, into the per-type counts, and
    /// the sums of scaled duration units into the groups' durations. Called once, after the last <see cref="Run"/>.</summary>
    public void Finish()
    {
        if (_unitSums is not null)
        {
            var cells = _accumulators.Cells;
            var scale = _sealed.Durations.Scale;
            for (var g = 0; g < _accumulators.DirectSlots; g++)
            {
                cells[g].Duration += _unitSums[g] / scale;
            }
            ArrayPool<double>.Shared.Return(_unitSums);
            _unitSums = null;
        }
        if (_histogram is null)
        {
            return;
        }
        var (codes, counts) = (_accumulators.TypeCodes, _accumulators.TypeCounts);
        for (var g = 0; g < _accumulators.DirectSlots; g++)
        {
            for (var t = 0; t < codes.Length; t++)
            {
                if (codes[t] >= 0)
                {
                    counts[t][g] += _histogram[(g * _typeCount) + codes[t]];
                }
            }
        }
        ArrayPool<long>.Shared.Return(_histogram);
        _histogram = null;
    }

    private double[] UnitSums()
    {
        if (_unitSums is null)
        {
            _unitSums = ArrayPool<double>.Shared.Rent(_accumulators.DirectSlots);
            Array.Clear(_unitSums, 0, _accumulators.DirectSlots);
        }
        return _unitSums;
    }

    private Action<int, int, int> SelectTypes()
    {
        var (b, sh, i) = _sealed.Codes[(int)EventColumn.EventType].Raw;
        // With few groups, a row adds one to its (group, type) cell instead of testing its type
        // against every counted type: one increment and no branch per row.
        if ((long)_accumulators.DirectSlots * _typeCount <= MaxHistogram)
        {
            _histogram = ArrayPool<long>.Shared.Rent(_accumulators.DirectSlots * _typeCount);
            Array.Clear(_histogram, 0, _accumulators.DirectSlots * _typeCount);
            return b is not null ? Select(new TypeHistogram<byte>(b, _histogram, _typeCount))
                : sh is not null ? Select(new TypeHistogram<ushort>(sh, _histogram, _typeCount))
                : Select(new TypeHistogram<int>(i!, _histogram, _typeCount));
        }
        var (codes, counts) = (_accumulators.TypeCodes, _accumulators.TypeCounts);
        return b is not null ? Select(new TypeCounts<byte>(b, codes, counts))
            : sh is not null ? Select(new TypeCounts<ushort>(sh, codes, counts))
            : Select(new TypeCounts<int>(i!, codes, counts));
    }

    /// <summary>Picks, once per scan, the loop compiled for this scan's dimensions, code widths and type counts.</summary>
    private Action<int, int, int> Select<TTypes>(TTypes types)
        where TTypes : struct, ITypeCounts
    {
        if (_first is null)
        {
            return (user, start, end) => Run(default(NoDimension), types, user, start, end);
        }
        if (_first.Packed || _second?.Packed == true)
        {
            return ByUserRuns(types);
        }
        var (b1, s1, i1) = _first.Raw;
        if (_second is null)
        {
            return b1 is not null ? One(b1, types) : s1 is not null ? One(s1, types) : One(i1!, types);
        }
        return b1 is not null ? WithSecond(b1, types) : s1 is not null ? WithSecond(s1, types) : WithSecond(i1!, types);
    }

    /// <summary>The loop when a dimension is stored per user run or sparse: a user whose run has one code in
    /// each dimension puts every row in one group, found once; any other is read row by row.</summary>
    private Action<int, int, int> ByUserRuns<TTypes>(TTypes types)
        where TTypes : struct, ITypeCounts
    {
        var first = _first!;
        var second = _second;
        var secondSize = _secondSize;
        var skipEmptyFirst = _skipEmptyFirst;
        return (user, start, end) =>
        {
            var c1 = first.UserCode(user);
            var c2 = second is null ? 0 : second.UserCode(user);
            if (c1 < 0 || c2 < 0)
            {
                Run(new RowSlot(first, second, user, secondSize, skipEmptyFirst), types, user, start, end);
            }
            else if (!skipEmptyFirst || c1 != 0)
            {
                Run(new ConstantSlot((c1 * secondSize) + c2), types, user, start, end);
            }
        };
    }

    private Action<int, int, int> One<T1, TTypes>(T1[] first, TTypes types)
        where T1 : unmanaged, IBinaryInteger<T1>
        where TTypes : struct, ITypeCounts
    {
        var slot = new OneDimension<T1>(first, _skipEmptyFirst);
        return (user, start, end) => Run(slot, types, user, start, end);
    }

    private Action<int, int, int> WithSecond<T1, TTypes>(T1[] first, TTypes types)
        where T1 : unmanaged, IBinaryInteger<T1>
        where TTypes : struct, ITypeCounts
    {
        var (b2, s2, i2) = _second!.Raw;
        return b2 is not null ? Two(first, b2, types) : s2 is not null ? Two(first, s2, types) : Two(first, i2!, types);
    }

    private Action<int, int, int> Two<T1, T2, TTypes>(T1[] first, T2[] second, TTypes types)
        where T1 : unmanaged, IBinaryInteger<T1>
        where T2 : unmanaged, IBinaryInteger<T2>
        where TTypes : struct, ITypeCounts
    {
        var slot = new TwoDimensions<T1, T2>(first, second, _secondSize, _skipEmptyFirst);
        return (user, start, end) => Run(slot, types, user, start, end);
    }

    // What a row adds to the per-type counts (page views, clicks…) of its group, if the scan has any.
    private interface ITypeCounts
    {
        void Add(int row, int group);
    }

    private readonly struct NoTypes : ITypeCounts
    {
        public void Add(int row, int group)
        {
        }
    }

    private readonly struct TypeHistogram<TCode>(TCode[] types, long[] histogram, int typeCount) : ITypeCounts
        where TCode : unmanaged, IBinaryInteger<TCode>
    {
        public void Add(int row, int group) => histogram[(group * typeCount) + int.CreateTruncating(types[row])]++;
    }

    private readonly struct TypeCounts<TCode>(TCode[] types, int[] codes, long[][] counts) : ITypeCounts
        where TCode : unmanaged, IBinaryInteger<TCode>
    {
        public void Add(int row, int group)
        {
            var type = int.CreateTruncating(types[row]);
            for (var t = 0; t < codes.Length; t++)
            {
                if (type == codes[t])
                {
                    counts[t][group]++;
                }
            }
        }
    }

    // The group of a row within its period, or -1 to skip it. Struct implementations make the JIT
    // compile one loop per shape and width, with the lookup inlined.
    private interface ISlot
    {
        int Of(int row);
    }

    private readonly struct NoDimension : ISlot
    {
        public int Of(int row) => 0;
    }

    private readonly struct ConstantSlot(int group) : ISlot
    {
        public int Of(int row) => group;
    }

    private readonly struct RowSlot(CodeVector first, CodeVector? second, int user, int secondSize, bool skipEmptyFirst) : ISlot
    {
        public int Of(int row)
        {
            var code = first.At(user, row);
            return skipEmptyFirst && code == 0 ? -1 : second is null ? code : (code * secondSize) + second.At(user, row);
        }
    }

    private readonly struct OneDimension<T1>(T1[] first, bool skipEmpty) : ISlot
        where T1 : unmanaged, IBinaryInteger<T1>
    {
        public int Of(int row)
        {
            var code = int.CreateTruncating(first[row]);
            return skipEmpty && code == 0 ? -1 : code;
        }
    }

    private readonly struct TwoDimensions<T1, T2>(T1[] first, T2[] second, int secondSize, bool skipEmptyFirst) : ISlot
        where T1 : unmanaged, IBinaryInteger<T1>
        where T2 : unmanaged, IBinaryInteger<T2>
    {
        public int Of(int row)
        {
            var code = int.CreateTruncating(first[row]);
            return skipEmptyFirst && code == 0 ? -1 : (code * secondSize) + int.CreateTruncating(second[row]);
        }
    }

    private void Run<TSlot, TTypes>(TSlot slot, TTypes types, int user, int start, int end)
        where TSlot : struct, ISlot
        where TTypes : struct, ITypeCounts
    {
        // Locals, so the loop reads registers rather than fields.
        var cells = _accumulators.Cells;
        var mark = user + 1;
        var wantsDurations = _accumulators.NeedsDurations;
        // Scaled duration units are summed as they are, and divided once per group by Finish: a
        // whole sum is exact, so this is the sum of the decimals, rounded once.
        var durations = wantsDurations ? _sealed.Durations.Plain : null;
        var units = wantsDurations ? _sealed.Durations.Units : null;
        var unitSums = units is not null ? UnitSums() : null;
        var timestamps = _sealed.Timestamps;
        var periods = _periods;
        var periodStride = _periodStride;
        // A user's rows are in time order: the bucket changes rarely, so its bounds stay local.
        long bucketStart = long.MaxValue, bucketEnd = long.MinValue;
        var bucketBase = 0;
        for (var i = start; i < end; i++)
        {
            var g = slot.Of(i);
            if (g < 0)
            {
                continue;
            }
            if (periods is not null)
            {
                var ts = timestamps[i];
                if (ts < bucketStart || ts >= bucketEnd)
                {
                    bucketBase = periods.IndexOf(ts, out bucketStart, out bucketEnd) * periodStride;
                }
                g += bucketBase;
            }
            ref var cell = ref cells[g];
            cell.Add(mark);
            if (durations is not null)
            {
                cell.Duration += durations[i];
            }
            else if (unitSums is not null)
            {
                unitSums[g] += units![i];
            }
            types.Add(i, g);
        }
    }
}
