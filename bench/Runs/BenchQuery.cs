using UserAnalytics.Reference;

namespace UserAnalytics.Bench.Runs;

/// <summary>One pipe call the benchmark times: a label, and the call for the i-th request (per-user
/// queries rotate over many users so no single grain answers them all).</summary>
public sealed record BenchQuery(string Label, string Pipe, bool PerUser, Func<int, PipeCase> Call)
{
    /// <summary>Aggregate queries are also run on the peers; per-user ones too, with the first call's parameters.</summary>
    public PipeCase Representative => Call(0);
}
