using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Scans;

/// <summary>
/// How far each user gets through a funnel. From every occurrence of step 1, each next step is
/// matched greedily to the earliest later event of its type (strictly later than the previous
/// step, within the window of step 1); a user's level is the best over all starts.
/// </summary>
internal static class FunnelScan
{
    public static GroupPartial Run(EventStore store, FunnelQuery query, CancellationToken cancellationToken)
    {
        var filter = CompiledFilter.Compile(query.Filter, store);
        var steps = query.Steps.Select(store.Pool(EventColumn.EventType).Find).ToArray();
        using var view = store.CreateView();
        var times = steps.Select(_ => new List<long>()).ToArray();
        var reached = new double[steps.Length];
        long read = 0;
        foreach (var user in filter.Users(store))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var events = view.Load(user);
            var (start, end) = filter.Range(events);
            read += end - start;
            foreach (var list in times)
            {
                list.Clear();
            }
            var types = events.Codes(EventColumn.EventType);
            for (var i = start; i < end; i++)
            {
                if (!filter.Matches(events, i))
                {
                    continue;
                }
                for (var s = 0; s < steps.Length; s++)
                {
                    if (types[i] == steps[s])
                    {
                        times[s].Add(events.Timestamps[i]);
                    }
                }
            }
            var level = Level(times, query.WindowMs);
            for (var s = 0; s < level; s++)
            {
                reached[s]++;
            }
        }
        var partial = new GroupPartialBuilder(0, reached.Length);
        partial.Add(0, [], reached);
        return partial.Build(read);
    }

    /// <summary>The best level over all starts; each list holds one step's times in ascending order.</summary>
    internal static int Level(List<long>[] times, long windowMs)
    {
        var best = 0;
        foreach (var first in times[0])
        {
            var level = 1;
            var current = first;
            for (var s = 1; s < times.Length; s++)
            {
                var next = FirstAfter(times[s], current);
                if (next < 0 || times[s][next] - first > windowMs)
                {
                    break;
                }
                current = times[s][next];
                level++;
            }
            best = Math.Max(best, level);
            if (best == times.Length)
            {
                break;
            }
        }
        return best;
    }

    private static int FirstAfter(List<long> sorted, long value)
    {
        int lo = 0, hi = sorted.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo < sorted.Count ? lo : -1;
    }
}
