using System.Numerics;

namespace UserAnalytics.Grains.Store;

/// <summary>
/// Buffers that scans reuse from user to user: grown, never shrunk, rented from the scans' pool
/// (<see cref="ScanBuffers"/>), and given back when the scan ends (<see cref="Return{T}"/>). A
/// scan of a heavy user (60,000 events) needs columns of that length; allocated per question they
/// put megabytes a second on the large object heap under per-user load, and the collections of
/// that heap stalled every request in flight for 100–200 ms every 1.3 s (decision 74).
/// </summary>
internal static class ScratchArray
{
    /// <summary><paramref name="array"/>, replaced first by one of at least <paramref name="length"/>
    /// (and at least twice its length) when it is shorter; what it held is not kept.</summary>
    public static T[] Ensure<T>(ref T[] array, int length)
    {
        if (array.Length < length)
        {
            var larger = ScanBuffers.Pool<T>().Rent(Math.Max(length, array.Length * 2));
            Return(ref array);
            array = larger;
        }
        return array;
    }

    /// <summary>As <see cref="Ensure{T}"/>, keeping what <paramref name="array"/> held.</summary>
    public static T[] Grow<T>(ref T[] array, int length)
    {
        if (array.Length < length)
        {
            var larger = ScanBuffers.Pool<T>().Rent(Math.Max(length, array.Length * 2));
            array.CopyTo(larger, 0);
            Return(ref array);
            array = larger;
        }
        return array;
    }

    /// <summary>Gives <paramref name="array"/> to the pool and leaves it empty. Every array of a
    /// pool's size may go there, whether it came from the pool or was a scan's first small buffer.</summary>
    public static void Return<T>(ref T[] array)
    {
        if (array.Length >= 16 && BitOperations.IsPow2(array.Length))
        {
            ScanBuffers.Pool<T>().Return(array);
        }
        array = [];
    }
}
