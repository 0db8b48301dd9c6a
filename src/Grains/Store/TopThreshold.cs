namespace UserAnalytics.Grains.Store;

/// <summary>Finds the value of the k-th best row in one pass, so a shard can return only its best
/// rows plus every row tied with the last of them; the gateway then applies the full ordering.</summary>
internal sealed class TopThreshold<T>
    where T : struct, IComparable<T>
{
    private readonly PriorityQueue<T, T> _best;
    private readonly int _limit;
    private readonly bool _largestFirst;

    public TopThreshold(int limit, bool largestFirst)
    {
        _limit = limit;
        _largestFirst = largestFirst;
        // The heap's root is the worst of the best values kept so far.
        _best = new PriorityQueue<T, T>(largestFirst ? Comparer<T>.Default : Comparer<T>.Create((a, b) => b.CompareTo(a)));
    }

    public long Seen { get; private set; }

    public void Add(T value)
    {
        Seen++;
        if (_best.Count < _limit)
        {
            _best.Enqueue(value, value);
        }
        else if (IsBetter(value, _best.Peek()))
        {
            _best.DequeueEnqueue(value, value);
        }
    }

    /// <summary>True when <c>limit</c> values were added: from then on a value worse than
    /// <see cref="Worst"/> can never be admitted.</summary>
    public bool Full => _best.Count >= _limit;

    /// <summary>The worst of the best values kept (only when <see cref="Full"/> and limit > 0).</summary>
    public T Worst => _best.Peek();

    /// <summary>Counts rows known to be worse than <see cref="Worst"/> without ranking them.</summary>
    public void AddWorse(long rows = 1) => Seen += rows;

    /// <summary>True when a row with <paramref name="value"/> can be among the best <c>limit</c> rows.</summary>
    public bool Admits(T value) => _best.Count < _limit || !IsBetter(_best.Peek(), value);

    private bool IsBetter(T a, T b) => _largestFirst ? a.CompareTo(b) > 0 : a.CompareTo(b) < 0;
}
