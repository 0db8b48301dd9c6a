namespace UserAnalytics.Grains.Storage;

/// <summary>
/// Lets as many shards load (checkpoint and log replay) at once as the silo has cores. A load is
/// CPU-bound and runs on its activation's thread without yielding, so when a first query activates
/// every shard the thread pool sees its threads blocked and adds more: on 2 cores up to eight
/// loads shared them, each thrashing the others' caches, and the first shards took 3–4 s where the
/// last, alone, took 0.8 s (decision 84).
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

    /// <summary>Waits for a slot; disposing the result gives it back.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        return new Slot(_slots);
    }

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
