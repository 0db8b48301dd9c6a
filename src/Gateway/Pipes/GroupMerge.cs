using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Gateway.Pipes;

/// <summary>Merges grouped partials by adding their values per key. Exact distinct-user counts
/// add up too, because users never cross shards.</summary>
internal static class GroupMerge
{
    public static (List<MergedGroup> Groups, long RowsRead) Merge(IEnumerable<GroupPartial> partials)
    {
        var groups = new Dictionary<Key, double[]>();
        long read = 0;
        foreach (var partial in partials)
        {
            read += partial.RowsRead;
            foreach (var row in partial.Rows)
            {
                var key = new Key(row.PeriodMs, At(row.Keys, 0), At(row.Keys, 1), At(row.Keys, 2));
                if (groups.TryGetValue(key, out var values))
                {
                    for (var i = 0; i < values.Length; i++)
                    {
                        values[i] += row.Values[i];
                    }
                }
                else
                {
                    groups.Add(key, (double[])row.Values.Clone());
                }
            }
        }
        var merged = groups.Select(g => new MergedGroup(g.Key.Period, [g.Key.K0, g.Key.K1, g.Key.K2], g.Value)).ToList();
        return (merged, read);
    }

    /// <summary>Asks every target in parallel and merges.</summary>
    public static async Task<(List<MergedGroup> Groups, long RowsRead)> AskAsync(PipeContext context, string? userId, GroupQuery query)
    {
        var partials = await Task.WhenAll(context.Targets(userId).Select(t => t.Group(query, context.CancellationToken)));
        return Merge(partials);
    }

    private static string At(string[] keys, int i) => i < keys.Length ? keys[i] : string.Empty;

    private readonly record struct Key(long Period, string K0, string K1, string K2);
}

/// <summary>A merged group: its period, its string keys and its summed values.</summary>
internal sealed record MergedGroup(long PeriodMs, string[] Keys, double[] Values);
