using UserAnalytics.Reference;

namespace UserAnalytics.Bench.Peers;

/// <summary>A database that answers the same pipes with the reference SQL.</summary>
public interface IPeer : IAsyncDisposable
{
    string Name { get; }

    /// <summary>Loads the data set and builds what a DBA would (materialized views, indexes).</summary>
    Task<TimeSpan> LoadAsync(Data.WorkloadFiles files);

    /// <summary>Runs one pipe's reference SQL.</summary>
    Task<ReferenceResult> QueryAsync(PipeCase call);
}
