namespace UserAnalytics.Silo.Hosting;

/// <summary>
/// When to give memory back after a burst. Ingest and compaction leave whole superseded column
/// blocks behind in the large object heap, which the runtime keeps committed (a 10M-event load ends
/// at about 1.7 GB resident for 0.95 GB of live data). A compacting full collection frees it in
/// about 100 ms, so it is worth one once a burst has ended: when much has been allocated since the
/// last one and the process has gone quiet. Queries leave a smaller waste behind: a first round of
/// every pipe over 10M events allocated 130 MB and left the heap at 510 MB for 412 MB of live
/// objects, and 180 MB more resident, which no collection gave back for minutes. So once a
/// <see cref="SlowInterval"/> has passed since the last reclaim, a smaller amount allocated counts
/// too (an eighth of the heap), which keeps the pause (40–100 ms) rare under a steady light load.
/// </summary>
internal sealed class ReclaimPolicy
{
    private static readonly TimeSpan SlowInterval = TimeSpan.FromMinutes(1);
    private readonly long _minAllocated;
    private readonly double _quietBytesPerSecond;
    private readonly long _minAllocatedSlowly;
    private long _allocatedAtLastReclaim;
    private long _lastAllocated;
    private TimeSpan _sinceReclaim;
    private bool _started;

    /// <param name="minAllocated">What must have been allocated since the last reclaim for a burst to count.</param>
    /// <param name="quietBytesPerSecond">The allocation rate below which the process counts as quiet.</param>
    /// <param name="minAllocatedSlowly">What must have been allocated since the last reclaim when that was
    /// a <see cref="SlowInterval"/> ago or more (and at least an eighth of the heap).</param>
    public ReclaimPolicy(long minAllocated, double quietBytesPerSecond, long minAllocatedSlowly = long.MaxValue)
    {
        _minAllocated = minAllocated;
        _quietBytesPerSecond = quietBytesPerSecond;
        _minAllocatedSlowly = minAllocatedSlowly;
    }

    /// <summary>Takes a reading of the process's total allocated bytes, <paramref name="elapsed"/>
    /// after the previous one, with the heap size the last collection left; returns true when a
    /// compacting collection should run now (and counts it as done).</summary>
    public bool Observe(long allocated, TimeSpan elapsed, long heapSize)
    {
        _sinceReclaim += elapsed;
        if (!_started)
        {
            // What was allocated before the first reading counts (the allocations are counted from
            // the process's start): a restart loads its checkpoints within the first seconds, and
            // that load's garbage is worth a collection too. The rate is unknown until the next one.
            (_started, _lastAllocated) = (true, allocated);
            return false;
        }
        var rate = (allocated - _lastAllocated) / Math.Max(elapsed.TotalSeconds, 0.001);
        _lastAllocated = allocated;
        var sinceReclaim = allocated - _allocatedAtLastReclaim;
        if (rate > _quietBytesPerSecond)
        {
            return false;
        }
        var burstOver = sinceReclaim >= Math.Max(_minAllocated, heapSize);
        var slowlyFilled = _sinceReclaim >= SlowInterval && sinceReclaim >= Math.Max(_minAllocatedSlowly, heapSize / 8);
        if (!burstOver && !slowlyFilled)
        {
            return false;
        }
        (_allocatedAtLastReclaim, _sinceReclaim) = (allocated, TimeSpan.Zero);
        return true;
    }
}
