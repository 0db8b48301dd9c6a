using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Gateway.Pipes;

/// <summary>Merges grouped partials by adding their values per key. Exact distinct-user counts
/// add up too, because users never cross shards.</summary>
internal static class GroupMerge
{
    public static (List<MergedGroup> Groups, long RowsRead) Merge(IEnumerable<GroupPartial> partials)
    {
        // Key strings are numbered once per partial and value, so groups are matched on numbers.
        var numbers = new List<Dictionary<string, int>>();
        var names = new List<List<string>>();
        var groups = new Dictionary<Key, int>();
        var merged = new List<(Key Key, double[] Values)>();
        long read = 0;
        foreach (var partial in partials)
        {
            read += partial.RowsRead;
            var dimensions = partial.KeyValues.Length;
            while (numbers.Count < dimensions)
            {
                numbers.Add(new Dictionary<string, int>(StringComparer.Ordinal));
                names.Add([]);
            }
            var translation = new int[dimensions][];
            for (var d = 0; d < dimensions; d++)
            {
                translation[d] = [.. partial.KeyValues[d].Select(value => Number(numbers[d], names[d], value))];
            }
            for (var row = 0; row < partial.Count; row++)
            {
                var key = new Key(
                    partial.Periods[row],
                    dimensions > 0 ? translation[0][partial.KeyIndexes[0][row]] : 0,
                    dimensions > 1 ? translation[1][partial.KeyIndexes[1][row]] : 0,
                    dimensions > 2 ? translation[2][partial.KeyIndexes[2][row]] : 0);
                if (!groups.TryGetValue(key, out var index))
                {
                    index = merged.Count;
                    groups.Add(key, index);
                    merged.Add((key, new double[partial.Values.Length]));
                }
                var values = merged[index].Values;
                for (var m = 0; m < values.Length; m++)
                {
                    values[m] += partial.Values[m][row];
                }
            }
        }
        string Name(int dimension, int number) => dimension < names.Count ? names[dimension][number] : string.Empty;
        var result = merged.Select(g => new MergedGroup(g.Key.Period, [Name(0, g.Key.K0), Name(1, g.Key.K1), Name(2, g.Key.K2)], g.Values)).ToList();
        return (result, read);
    }

    private static int Number(Dictionary<string, int> numbers, List<string> names, string value)
    {
        if (!numbers.TryGetValue(value, out var number))
        {
            number = names.Count;
            names.Add(value);
            numbers.Add(value, number);
        }
        return number;
    }

    /// <summary>Asks every target in parallel and merges.</summary>
    public static async Task<(List<MergedGroup> Groups, long RowsRead)> AskAsync(PipeContext context, string? userId, GroupQuery query)
    {
        var partials = await Task.WhenAll(context.Targets(userId).Select(t => t.Group(query, context.CancellationToken)));
        return Merge(partials);
    }

    private readonly record struct Key(long Period, int K0, int K1, int K2);
}

/// <summary>A merged group: its period, its string keys and its summed values.</summary>
internal sealed record MergedGroup(long PeriodMs, string[] Keys, double[] Values);
