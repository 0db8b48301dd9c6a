using System.Diagnostics;
using System.Runtime.InteropServices;

namespace UserAnalytics.Bench.Load;

/// <summary>
/// Sleeps a thread until a <see cref="Stopwatch"/> time with the kernel's precision. Timers of the
/// thread pool (<c>Task.Delay</c>) fire up to 3.5 ms late here (measured on an open-loop run at
/// 10k requests a second), so a run paced by them sends clumps instead of a rate.
/// </summary>
internal static partial class Pacer
{
    private const int ClockMonotonic = 1;
    private const int AbsoluteTime = 1;

    public static void SleepUntil(long timestamp)
    {
        var now = Stopwatch.GetTimestamp();
        if (timestamp <= now)
        {
            return;
        }
        // On Linux a Stopwatch timestamp is CLOCK_MONOTONIC in nanoseconds.
        if (OperatingSystem.IsLinux() && Stopwatch.Frequency == 1_000_000_000)
        {
            var until = new TimeSpec(timestamp / 1_000_000_000, timestamp % 1_000_000_000);
            while (ClockNanosleep(ClockMonotonic, AbsoluteTime, in until, IntPtr.Zero) != 0)
            {
                // Interrupted by a signal: sleep on until the same absolute time.
            }
            return;
        }
        Thread.Sleep(Stopwatch.GetElapsedTime(now, timestamp));
    }

    [LibraryImport("libc", EntryPoint = "clock_nanosleep")]
    private static partial int ClockNanosleep(int clock, int flags, in TimeSpec request, IntPtr remaining);

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct TimeSpec(long Seconds, long Nanoseconds);
}
