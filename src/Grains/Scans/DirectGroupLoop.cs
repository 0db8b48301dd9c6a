using System.Numerics;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Scans;

/// <summary>
/// The inner loop of the commonest grouped scans — at most one dimension, no per-row condition but
/// the time window, no per-type counts, groups in dense arrays — over one user's sealed rows,
/// compiled once per code width, so a row costs a handful of array updates with no width or
/// dimension tests (event_metrics, active_users, geographic_distribution, time series).
/// </summary>
internal sealed class DirectGroupLoop
{
    private readonly byte[]? _bytes;
    private readonly ushort[]? _shorts;
    private readonly int[]? _ints;
    private readonly int _size;
    private readonly PeriodIndex? _periods;
    private readonly long[] _timestamps;
    private readonly double[] _durations;
    private readonly long[] _events;
    private readonly long[] _users;
    private readonly int[] _lastUser;
    private readonly double[] _durationSums;
    private readonly bool _wantsDurations;

    private DirectGroupLoop(CodeVector? dimension, int size, PeriodIndex? periods, SealedEvents sealedEvents, GroupAccumulators accumulators)
    {
        (_bytes, _shorts, _ints) = dimension?.Raw ?? (null, null, null);
        _size = size;
        _periods = periods;
        _timestamps = sealedEvents.Timestamps;
        _durations = sealedEvents.Durations;
        _events = accumulators.EventCounts;
        _users = accumulators.UserCounts;
        _lastUser = accumulators.LastUser;
        _durationSums = accumulators.DurationSums;
        _wantsDurations = accumulators.NeedsDurations;
    }

    /// <summary>The loop for this scan, or null when its shape needs the general one.</summary>
    public static DirectGroupLoop? For(CompiledFilter filter, GroupAccumulators accumulators, CodeVector[] dimensions, int[] sizes, PeriodIndex? periods, SealedEvents sealedEvents) =>
        filter.TimeOnly && accumulators.Direct && !accumulators.NeedsTypes && dimensions.Length <= 1
            ? new DirectGroupLoop(dimensions.Length == 1 ? dimensions[0] : null, dimensions.Length == 1 ? sizes[0] : 1, periods, sealedEvents, accumulators)
            : null;

    /// <summary>Adds rows [start, end) of user <paramref name="user"/> to their groups.</summary>
    public void Run(int user, int start, int end)
    {
        if (_bytes is not null)
        {
            Run<byte>(_bytes, user, start, end);
        }
        else if (_shorts is not null)
        {
            Run<ushort>(_shorts, user, start, end);
        }
        else if (_ints is not null)
        {
            Run<int>(_ints, user, start, end);
        }
        else
        {
            Run<byte>(null, user, start, end);
        }
    }

    private void Run<T>(T[]? codes, int user, int start, int end)
        where T : unmanaged, IBinaryInteger<T>
    {
        var events = _events;
        var users = _users;
        var lastUser = _lastUser;
        var durationSums = _durationSums;
        var durations = _durations;
        var timestamps = _timestamps;
        var periods = _periods;
        var size = _size;
        var wantsDurations = _wantsDurations;
        // A user's rows are in time order: the bucket changes rarely, so its bounds stay local.
        long bucketStart = long.MaxValue, bucketEnd = long.MinValue;
        var bucketBase = 0;
        for (var i = start; i < end; i++)
        {
            var g = codes is null ? 0 : int.CreateTruncating(codes[i]);
            if (periods is not null)
            {
                var ts = timestamps[i];
                if (ts < bucketStart || ts >= bucketEnd)
                {
                    bucketBase = periods.IndexOf(ts, out bucketStart, out bucketEnd) * size;
                }
                g += bucketBase;
            }
            events[g]++;
            if (lastUser[g] != user)
            {
                lastUser[g] = user;
                users[g]++;
            }
            if (wantsDurations)
            {
                durationSums[g] += durations[i];
            }
        }
    }
}
