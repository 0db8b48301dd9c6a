using UserAnalytics.Bench.Report;

namespace UserAnalytics.Bench.Load;

/// <summary>What one timed load run measured.</summary>
/// <param name="Latencies">Each request's latency.</param>
/// <param name="Seconds">The run's wall time.</param>
/// <param name="Requests">Requests answered.</param>
/// <param name="Errors">Answers that were not a success.</param>
/// <param name="FirstError">The first failed answer's status and body.</param>
/// <param name="SiloCpuSeconds">CPU the silo used during the run, when its process was known.</param>
public sealed record LoadResult(Latencies Latencies, double Seconds, long Requests, int Errors, string? FirstError, double? SiloCpuSeconds)
{
    public double RequestsPerSecond => Requests / Seconds;

    /// <summary>The silo's CPU per answered request, in microseconds.</summary>
    public double? SiloMicrosecondsPerRequest => SiloCpuSeconds is { } cpu && Requests > 0 ? cpu * 1e6 / Requests : null;
}
