using System.Text;
using UserAnalytics.GrainInterfaces;
using UserAnalytics.GrainInterfaces.Rows;

namespace UserAnalytics.Gateway.Ingest;

/// <summary>
/// One append request: parses records, quarantines bad ones with their reason, groups good rows by
/// shard and sends them in bounded rounds while the body is still streaming in. Completes only
/// once every accepted row is durable.
/// </summary>
internal sealed class IngestSession
{
    private readonly IGrainFactory _grains;
    private readonly bool _waitForConsumers;
    private readonly DataSource _source;
    private readonly IngestOptions _options;
    private readonly TimeProvider _time;
    private readonly ShardBatches _batches;
    private readonly RowValues _values;
    private readonly KeyOrder _keyOrder;
    private readonly List<QuarantineRow> _quarantine = [];
    private readonly Queue<Task<long>> _inFlight = new();
    private long _successful;
    private long _quarantined;
    private long _invalid;

    public IngestSession(IGrainFactory grains, int shards, DataSource source, IngestOptions options, TimeProvider time, bool waitForConsumers = false)
    {
        _waitForConsumers = waitForConsumers;
        _grains = grains;
        _source = source;
        _options = options;
        _time = time;
        _batches = new ShardBatches(shards);
        _values = new RowValues(source.Columns.Length);
        _keyOrder = new KeyOrder(source);
    }

    public string ImportId { get; } = Guid.CreateVersion7().ToString();

    public RowValues Values => _values;

    /// <summary>Rows accepted so far (durable, on their way to the shards, or buffered).</summary>
    public long RowsAccepted { get; private set; }

    public DataSource Source => _source;

    /// <summary>Parses one JSON record; returns <see cref="ParseOutcome.Incomplete"/> without
    /// quarantining so the caller can try again with the next line appended.</summary>
    public ParseOutcome AddJson(ReadOnlySpan<byte> json, long lineNumber)
    {
        var outcome = JsonRowParser.Parse(json, _source, _values, out var error, _keyOrder);
        switch (outcome)
        {
            case ParseOutcome.Row:
                AddParsed(json, lineNumber);
                break;
            case ParseOutcome.Invalid:
                Quarantine(json, lineNumber, error!, invalid: error!.StartsWith("invalid JSON", StringComparison.Ordinal));
                break;
        }
        return outcome;
    }

    /// <summary>Stores the row now held in <see cref="Values"/>, or quarantines it with the reason.</summary>
    public void AddParsed(ReadOnlySpan<byte> raw, long lineNumber)
    {
        var error = _source.TryAdd(_values, _batches);
        if (error is not null)
        {
            Quarantine(raw, lineNumber, error);
            return;
        }
        RowsAccepted++;
    }

    /// <summary>Quarantines a row; <paramref name="invalid"/> marks a line that could not even be
    /// read as a record (Tinybird's <c>invalid_lines</c>).</summary>
    public void Quarantine(ReadOnlySpan<byte> raw, long lineNumber, string error, bool invalid = false)
    {
        _invalid += invalid ? 1 : 0;
        var text = Encoding.UTF8.GetString(raw.Length > _options.MaxQuarantinedLineChars ? raw[.._options.MaxQuarantinedLineChars] : raw);
        _quarantine.Add(new QuarantineRow(text, error, lineNumber, ImportId, _time.GetUtcNow().ToUnixTimeMilliseconds()));
        _quarantined++;
    }

    /// <summary>Sends buffered rows when enough have gathered, waiting only when too many sends are
    /// already under way (back-pressure on the client).</summary>
    public async ValueTask FlushIfFullAsync()
    {
        if (_batches.Count >= _options.FlushRows)
        {
            await SendAsync();
        }
        if (_quarantine.Count >= _options.FlushRows)
        {
            await StoreQuarantineAsync();
        }
    }

    public async Task<IngestResult> CompleteAsync()
    {
        await SendAsync();
        try
        {
            while (_inFlight.Count > 0)
            {
                _successful += await _inFlight.Dequeue();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new StorageUnavailableException(_successful, ex);
        }
        await StoreQuarantineAsync();
        return new IngestResult(_successful, _quarantined, _invalid, ImportId);
    }

    private async Task SendAsync()
    {
        if (_batches.Count > 0)
        {
            var sends = _batches.Drain().Select(b => AppendAsync(b.Shard, b.Batch)).ToArray();
            _inFlight.Enqueue(SumAsync(sends));
        }
        try
        {
            while (_inFlight.Count > _options.MaxFlushesInFlight)
            {
                _successful += await _inFlight.Dequeue();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new StorageUnavailableException(_successful, ex);
        }
    }

    private async Task<long> AppendAsync(int shard, ShardBatch batch)
    {
        var result = await _grains.GetGrain<IEventShardGrain>(shard).Append(batch, _waitForConsumers);
        return result.Stored + result.Duplicates;
    }

    private static async Task<long> SumAsync(Task<long>[] sends)
    {
        var counts = await Task.WhenAll(sends);
        return counts.Sum();
    }

    private async Task StoreQuarantineAsync()
    {
        if (_quarantine.Count == 0)
        {
            return;
        }
        await _grains.GetGrain<IQuarantineGrain>(_source.Name).Append([.. _quarantine]);
        _quarantine.Clear();
    }
}
