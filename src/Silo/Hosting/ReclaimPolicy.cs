namespace UserAnalytics.Silo.Hosting;

/// <summary>
/// When to give memory back after a burst. Ingest and compaction leave whole superseded column
/// blocks behind in the large object heap, which the runtime keeps committed (a 10M-event load ends
/// at about 1.7 GB resident for 0.95 GB of live data). A compacting full collection frees it in
/// about 100 ms, so it is worth one once a burst has ended: when much has been allocated since the
/// last one and the process has gone quiet.
/// </summary>
internal sealed class ReclaimPolicy
{
    private readonly long _minAllocated;
    private readonly double _quietBytesPerSecond;
    private long _allocatedAtLastReclaim;
    private long _lastAllocated;
    private bool _started;

    public ReclaimPolicy(long minAllocated, double quietBytesPerSecond)
    {
        _minAllocated = minAllocated;
        _quietBytesPerSecond = quietBytesPerSecond;
    }

    /// <summary>Takes a reading of the process's total allocated bytes, <paramref name="elapsed"/>
    /// after the previous one, with the heap size the last collection left; returns true when a
    /// compacting collection should run now (and counts it as done).</summary>
    public bool Observe(long allocated, TimeSpan elapsed, long heapSize)
    {
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
        if (rate > _quietBytesPerSecond || sinceReclaim < Math.Max(_minAllocated, heapSize))
        {
            return false;
        }
        _allocatedAtLastReclaim = allocated;
        return true;
    }
}
