namespace UserAnalytics.Grains.Storage;

/// <summary>
/// Runs shard loads (checkpoint, log replay, final compaction) on threads of their own, as many at
/// once as the silo has cores. A load is CPU-bound and synchronous for seconds. On the thread pool,
/// loads held every worker: HTTP requests, even <c>/health</c>, waited up to 8.5 s for the pool to
/// add threads, and the threads it added ran more loads, up to eight on two cores, each evicting
/// the others' dictionaries and duplicate tables from the caches (decision 84).
/// </summary>
public sealed class ReplayGate
{
    private readonly SemaphoreSlim _slots;

    public ReplayGate()
        : this(Environment.ProcessorCount)
    {
    }

    public ReplayGate(int slots)
    {
        _slots = new SemaphoreSlim(Math.Max(1, slots));
    }

    /// <summary>Waits for a slot, then runs <paramref name="load"/> on a thread of its own. The
    /// caller waits for it; <paramref name="load"/> must not use the caller's context (a grain's
    /// timers, calls to other grains).</summary>
    public async Task<T> RunAsync<T>(Func<T> load, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await Task.Factory.StartNew(load, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        finally
        {
            _slots.Release();
        }
    }
}
