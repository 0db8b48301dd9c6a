using System.Buffers;

namespace UserAnalytics.Grains.Store;

/// <summary>
/// The pools the scans' buffers come from (<see cref="ScratchArray"/>). They are private to the
/// scans so that a silo that has gone quiet can let go of them (<see cref="Release"/>): the shared
/// pool drops a buffer only at a full collection after the buffer has gone unused for a minute,
/// and a quiet silo's one full collection (the reclaim's) comes seconds after the last question.
/// A round of queries over 10M events left tens of megabytes of buffers sized for the heaviest
/// users in it.
/// </summary>
public static class ScanBuffers
{
    // As large as the shared pool pools (a column as long as the heaviest user's), at most 32 of
    // a size: a merged view holds one for each of its 21 code columns and a few more. The grouped
    // scans' accumulators stay on the shared pool: on these pools, 64 concurrent retention or
    // segment_comparison queries ran a third slower.
    private const int MaxPooledLength = 1 << 30;
    private const int PerSize = 32;
    private static readonly List<Action> Releases = [];

    /// <summary>Drops every pooled buffer, for the next full collection to take; scans rent anew.</summary>
    public static void Release()
    {
        lock (Releases)
        {
            foreach (var release in Releases)
            {
                release();
            }
        }
    }

    internal static ArrayPool<T> Pool<T>() => Holder<T>.Pool;

    private static class Holder<T>
    {
        public static volatile ArrayPool<T> Pool = ArrayPool<T>.Create(MaxPooledLength, PerSize);

        static Holder()
        {
            lock (Releases)
            {
                Releases.Add(() => Pool = ArrayPool<T>.Create(MaxPooledLength, PerSize));
            }
        }
    }
}
