using UserAnalytics.GrainInterfaces.Rows;

namespace UserAnalytics.GrainInterfaces;

/// <summary>The quarantine of one data source (key: the data source name): rows that were rejected,
/// with the reason, kept durably.</summary>
[Alias("ua.IQuarantineGrain")]
public interface IQuarantineGrain : IGrainWithStringKey
{
    /// <summary>Stores rejected rows durably.</summary>
    /// <param name="rows">The rows.</param>
    /// <returns>A task that completes once the rows are on disk.</returns>
    [Alias("Append")]
    Task Append(QuarantineRow[] rows);

    /// <summary>The newest rejected rows, newest first.</summary>
    /// <param name="limit">How many rows at most.</param>
    /// <returns>The rows and how many there are in all.</returns>
    [Alias("Read")]
    Task<(QuarantineRow[] Rows, long Total)> Read(int limit);
}
