using UserAnalytics.GrainInterfaces;
using UserAnalytics.GrainInterfaces.Rows;
using UserAnalytics.Grains.Storage;

namespace UserAnalytics.Grains;

/// <summary>The durable quarantine of one data source. Keeps the newest rows in memory for reading;
/// all of them stay in its log.</summary>
[Orleans.Concurrency.Reentrant]
[Orleans.Placement.Immovable] // not moved as its silo stops: called again, it activates elsewhere (decision 90)
public sealed class QuarantineGrain : Grain, IQuarantineGrain
{
    private const int KeptInMemory = 10_000;
    private readonly IEventLog _log;
    private readonly Queue<QuarantineRow> _newest = new();
    private ILogStream? _stream;
    private long _total;

    public QuarantineGrain(IEventLog log)
    {
        _log = log;
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _stream = await _log.OpenAsync("quarantine-" + this.GetPrimaryKeyString(), cancellationToken);
        await _stream.ReplayAsync(LogPosition.Start, record => Keep(QuarantineCodec.Decode(record.Span)), cancellationToken);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_stream is not null)
        {
            await _stream.DisposeAsync();
        }
    }

    public async Task Append(QuarantineRow[] rows)
    {
        if (rows.Length == 0)
        {
            return;
        }
        try
        {
            await _stream!.AppendAsync(QuarantineCodec.Encode(rows), CancellationToken.None);
        }
        catch (IOException)
        {
            // The log is the truth: after a failed write, reload it rather than guess what it holds.
            this.DeactivateOnIdle();
            throw;
        }
        Keep(rows);
    }

    public Task<(QuarantineRow[] Rows, long Total)> Read(int limit)
    {
        var rows = _newest.Reverse().Take(limit).ToArray();
        return Task.FromResult((rows, _total));
    }

    private void Keep(QuarantineRow[] rows)
    {
        foreach (var row in rows)
        {
            _newest.Enqueue(row);
            if (_newest.Count > KeptInMemory)
            {
                _newest.Dequeue();
            }
        }
        _total += rows.Length;
    }
}
