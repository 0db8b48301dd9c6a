using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Gateway.Pipes;

/// <summary>Gathers the candidate rows of every target; the caller orders and limits them.</summary>
internal static class RowsMerge
{
    public static (List<T> Rows, long Total, long RowsRead) Merge<T>(IEnumerable<RowsPartial<T>> partials)
    {
        var rows = new List<T>();
        long total = 0, read = 0;
        foreach (var partial in partials)
        {
            rows.AddRange(partial.Rows);
            total += partial.Total;
            read += partial.RowsRead;
        }
        return (rows, total, read);
    }

    /// <summary>Asks every target in parallel and gathers their candidates.</summary>
    public static async Task<(List<T> Rows, long Total, long RowsRead)> AskAsync<TTarget, T>(IEnumerable<TTarget> targets, Func<TTarget, Task<RowsPartial<T>>> ask) =>
        Merge(await Task.WhenAll(targets.Select(ask)));
}
