using System.Collections.Frozen;

namespace UserAnalytics.Gateway.Ingest;

/// <summary>A data source clients can append to: its columns (with aliases) and how a parsed row
/// becomes a stored row.</summary>
internal abstract class DataSource
{
    private readonly FrozenDictionary<string, int> _byName;

    protected DataSource(string name, ColumnSpec[] columns)
    {
        Name = name;
        Columns = columns;
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Length; i++)
        {
            names[columns[i].Name] = i;
            foreach (var alias in columns[i].Aliases)
            {
                names[alias] = i;
            }
        }
        _byName = names.ToFrozenDictionary(StringComparer.Ordinal);
        Utf8Names = [.. columns.Select(c => c.Aliases.Prepend(c.Name).Select(System.Text.Encoding.UTF8.GetBytes).ToArray())];
        ByName = _byName.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string Name { get; }

    public ColumnSpec[] Columns { get; }

    /// <summary>Column index by name or alias, looked up without allocating the name.</summary>
    public FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> ByName { get; }

    /// <summary>Per column, its name and aliases as UTF-8, as keys arrive in JSON (see <see cref="KeyOrder"/>).</summary>
    public byte[][][] Utf8Names { get; }

    public int IndexOf(string column) => _byName[column];

    /// <summary>Checks required columns, builds the stored row and adds it to its shard's batch.
    /// Returns the reason when the row must be quarantined instead.</summary>
    public string? TryAdd(RowValues values, ShardBatches batches)
    {
        for (var i = 0; i < Columns.Length; i++)
        {
            var column = Columns[i];
            if (!values.IsPresent(i))
            {
                if (column.Required)
                {
                    return $"missing required column '{column.Name}'";
                }
            }
            else if (column.Kind == ColumnKind.String && column.Required)
            {
                var text = values.Text(i);
                if (text.IsEmpty)
                {
                    return $"missing required column '{column.Name}'";
                }
                if (BlankText.IsBlank(text))
                {
                    return $"required column '{column.Name}' holds only white space";
                }
                if (text.Contains((byte)0))
                {
                    // Required ids become grain keys, and PostgreSQL's text columns cannot hold a NUL.
                    return $"required column '{column.Name}' holds a NUL character";
                }
            }
            else if (column.Kind == ColumnKind.DateTime && !StoredTimes.Holds((long)values.Number(i)))
            {
                return $"column '{column.Name}': {Timestamps.FormatDateTime((long)values.Number(i))} is outside {StoredTimes.Description}";
            }
        }
        return Add(values, batches);
    }

    protected abstract string? Add(RowValues values, ShardBatches batches);
}
