using UserAnalytics.GrainInterfaces;

namespace UserAnalytics.Gateway.Pipes;

/// <summary>The contract's ordering: the pipe's ORDER BY columns, then every remaining output
/// column in output order, ascending; strings compare by ordinal, nulls sort last.</summary>
internal sealed class OutputOrder : IComparer<object?[]>
{
    private readonly (int Column, bool Descending)[] _keys;

    public OutputOrder(int columnCount, params (int Column, bool Descending)[] orderBy)
    {
        var rest = Enumerable.Range(0, columnCount).Where(c => !orderBy.Any(k => k.Column == c)).Select(c => (c, false));
        _keys = [.. orderBy, .. rest];
    }

    public int Compare(object?[]? x, object?[]? y)
    {
        foreach (var (column, descending) in _keys)
        {
            var a = x![column];
            var b = y![column];
            if (a is null || b is null)
            {
                if (a is null && b is null)
                {
                    continue;
                }
                return a is null ? 1 : -1;
            }
            var c = a switch
            {
                string s => StringOrder.Compare(s, (string)b),
                long l => l.CompareTo(Convert.ToInt64(b, System.Globalization.CultureInfo.InvariantCulture)),
                double d => d.CompareTo(Convert.ToDouble(b, System.Globalization.CultureInfo.InvariantCulture)),
                _ => throw new InvalidOperationException($"Cannot order by a {a.GetType()}."),
            };
            if (c != 0)
            {
                return descending ? -c : c;
            }
        }
        return 0;
    }

    /// <summary>Sorts and keeps the first <paramref name="limit"/> rows. When the limit is small
    /// against the rows, only the best rows are kept as they stream by (n log limit, not n log n).</summary>
    public List<object?[]> SortAndTake(IEnumerable<object?[]> rows, int limit = int.MaxValue)
    {
        var list = rows as List<object?[]> ?? rows.ToList();
        if (limit < list.Count / 8)
        {
            // A max-heap on the order: its root is the worst row kept so far.
            var best = new PriorityQueue<object?[], object?[]>(limit + 1, Comparer<object?[]>.Create((a, b) => Compare(b, a)));
            foreach (var row in list)
            {
                if (best.Count < limit)
                {
                    best.Enqueue(row, row);
                }
                else if (Compare(row, best.Peek()) < 0)
                {
                    best.DequeueEnqueue(row, row);
                }
            }
            list = [.. best.UnorderedItems.Select(item => item.Element)];
        }
        list.Sort(this);
        if (list.Count > limit)
        {
            list.RemoveRange(limit, list.Count - limit);
        }
        return list;
    }
}
