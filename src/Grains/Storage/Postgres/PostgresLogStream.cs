using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace UserAnalytics.Grains.Storage.Postgres;

/// <summary>
/// One stream in the <c>ua_log</c> table. Appends that arrive while a write is in flight are
/// written together by the next binary COPY, one transaction: concurrent appenders share a commit
/// as they share an fsync in the file log. After a failed write the stream refuses further appends:
/// whether the failed COPY committed is unknown, so the owner must reload from the table (which is
/// the truth) rather than guess.
/// </summary>
internal sealed class PostgresLogStream : ILogStream
{
    private readonly NpgsqlDataSource _source;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private List<Pending> _queue = [];
    private List<Pending> _spare = [];
    private bool _flushing;
    private bool _broken;
    private bool _replayed;
    private long _nextSeq = 1;

    public PostgresLogStream(string name, NpgsqlDataSource source, ILogger logger)
    {
        Name = name;
        _source = source;
        _logger = logger;
    }

    public string Name { get; }

    public Task<LogPosition?> ReplayAsync(LogPosition from, Action<ReadOnlyMemory<byte>> apply, CancellationToken cancellationToken)
        => Replay(from, apply, async: true, cancellationToken);

    public LogPosition? Replay(LogPosition from, Action<ReadOnlyMemory<byte>> apply, CancellationToken cancellationToken)
    {
        var replay = Replay(from, apply, async: false, cancellationToken);
        // Nothing was awaited: Npgsql's synchronous calls complete before they return.
        Debug.Assert(replay.IsCompleted, "a synchronous replay awaited");
        return replay.GetAwaiter().GetResult();
    }

    /// <summary>One body for both replays, in Npgsql's own manner: with <paramref name="async"/>
    /// false every call is synchronous, disposals included, and the task is complete when it is
    /// returned.</summary>
    private async Task<LogPosition?> Replay(LogPosition from, Action<ReadOnlyMemory<byte>> apply, bool async, CancellationToken cancellationToken)
    {
        (long Last, byte[]? Tail)? read;
        try
        {
            var connection = async ? await _source.OpenConnectionAsync(cancellationToken) : _source.OpenConnection();
            try
            {
                read = await Export(connection, from, apply, async, cancellationToken);
            }
            finally
            {
                await Close(connection, async);
            }
        }
        catch (NpgsqlException ex)
        {
            _logger.LogWarning(ex, "Log {Stream}: replay from PostgreSQL failed", Name);
            // Pooled connections do not survive a server restart; drop them so the retry connects afresh.
            _source.Clear();
            throw new IOException($"Log {Name}: PostgreSQL is unavailable ({ex.Message}).");
        }
        if (read is not { } rows)
        {
            return null;
        }
        _nextSeq = rows.Last + 1;
        _replayed = true;
        return new LogPosition(rows.Last, rows.Tail is null ? from.LastRecordCrc : Crc32C.Compute(rows.Tail));
    }

    /// <summary>The stream's records from <paramref name="from"/> on, in one binary COPY.</summary>
    private async Task<(long Last, byte[]? Tail)?> Export(NpgsqlConnection connection, LogPosition from, Action<ReadOnlyMemory<byte>> apply, bool async, CancellationToken cancellationToken)
    {
        var sql = $"COPY (SELECT seq, record FROM ua_log WHERE stream = '{Name}' AND seq >= {from.Records} ORDER BY seq) TO STDOUT (FORMAT BINARY)";
        var export = async ? await connection.BeginBinaryExportAsync(sql, cancellationToken) : connection.BeginBinaryExport(sql);
        try
        {
            return await ReadRows(export, from, apply, async, cancellationToken);
        }
        catch (Exception ex) when (ex is not NpgsqlException)
        {
            // Leaving before the end (apply threw, or the load was cancelled): disposing an
            // export still running would read the rest of the log first.
            try
            {
                await Cancel(export, async);
            }
            catch (NpgsqlException)
            {
                // The connection broke as well; the caller needs the first exception.
            }
            throw;
        }
        finally
        {
            await Close(export, async);
        }
    }

    /// <summary>Applies the rows after <paramref name="from"/>; null when the first row is not the
    /// record <paramref name="from"/> ends with (the export is then cancelled, nothing applied).
    /// Records are numbered from 1 without gaps (a write takes the next numbers only when it
    /// commits), so record i of the stream has seq i + 1 and the position after n records is seq n.</summary>
    private static async Task<(long Last, byte[]? Tail)?> ReadRows(NpgsqlBinaryExporter export, LogPosition from, Action<ReadOnlyMemory<byte>> apply, bool async, CancellationToken cancellationToken)
    {
        var last = from.Records;
        byte[]? tail = null;
        var first = true;
        while ((async ? await export.StartRowAsync(cancellationToken) : export.StartRow()) != -1)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var seq = async ? await export.ReadAsync<long>(NpgsqlDbType.Bigint, cancellationToken) : export.Read<long>(NpgsqlDbType.Bigint);
            var record = async ? await export.ReadAsync<byte[]>(NpgsqlDbType.Bytea, cancellationToken) : export.Read<byte[]>(NpgsqlDbType.Bytea);
            if (first && from.Records > 0)
            {
                first = false;
                if (seq != from.Records || Crc32C.Compute(record) != from.LastRecordCrc)
                {
                    await Cancel(export, async);
                    return null;
                }
                continue;
            }
            first = false;
            apply(record);
            last = seq;
            tail = record;
        }
        return first && from.Records > 0 ? null : (last, tail);
    }

    /// <summary>Disposes in the replay's manner (see <see cref="Replay(LogPosition, Action{ReadOnlyMemory{byte}}, bool, CancellationToken)"/>).</summary>
    private static async ValueTask Close<T>(T resource, bool async)
        where T : IDisposable, IAsyncDisposable
    {
        if (async)
        {
            await resource.DisposeAsync();
        }
        else
        {
            resource.Dispose();
        }
    }

    private static async Task Cancel(NpgsqlBinaryExporter export, bool async)
    {
        if (async)
        {
            await export.CancelAsync();
        }
        else
        {
            export.Cancel();
        }
    }

    /// <summary>The records' sizes, summed by the server from their stored lengths (a large
    /// record's length is in its TOAST pointer, so nothing is read back). Only a hint for sizing
    /// buffers: the position is not checked here, and a failure gives null (the replay that
    /// follows reports it).</summary>
    public async ValueTask<long?> BytesAfterAsync(LogPosition from, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = _source.CreateCommand("SELECT coalesce(sum(octet_length(record)), 0) FROM ua_log WHERE stream = $1 AND seq > $2");
            command.Parameters.Add(new NpgsqlParameter { Value = Name });
            command.Parameters.Add(new NpgsqlParameter { Value = from.Records });
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (NpgsqlException)
        {
            _source.Clear();
            return null;
        }
    }

    public Task AppendAsync(ReadOnlyMemory<byte> record, CancellationToken cancellationToken)
    {
        var pending = new Pending(record, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        bool start;
        lock (_gate)
        {
            if (_broken || !_replayed)
            {
                return Task.FromException(new IOException($"Log {Name}: the stream must be reloaded before it takes appends."));
            }
            _queue.Add(pending);
            start = !_flushing;
            _flushing = true;
        }
        if (start)
        {
            _ = Task.Run(FlushLoopAsync, CancellationToken.None);
        }
        return pending.Done.Task;
    }

    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _broken = true;
            foreach (var p in _queue)
            {
                p.Done.TrySetException(new ObjectDisposedException(Name));
            }
            _queue.Clear();
        }
        return ValueTask.CompletedTask;
    }

    private async Task FlushLoopAsync()
    {
        while (true)
        {
            List<Pending> batch;
            lock (_gate)
            {
                if (_queue.Count == 0 || _broken)
                {
                    FailAll(_queue, null);
                    _flushing = false;
                    return;
                }
                batch = _queue;
                _queue = _spare;
            }
            await WriteAsync(batch);
            batch.Clear();
            lock (_gate)
            {
                _spare = batch;
            }
        }
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        try
        {
            await using var connection = await _source.OpenConnectionAsync();
            await using (var import = await connection.BeginBinaryImportAsync("COPY ua_log (stream, seq, record) FROM STDIN (FORMAT BINARY)"))
            {
                var seq = _nextSeq;
                foreach (var p in batch)
                {
                    await import.StartRowAsync();
                    await import.WriteAsync(Name, NpgsqlDbType.Text);
                    await import.WriteAsync(seq++, NpgsqlDbType.Bigint);
                    await import.WriteAsync(p.Record, NpgsqlDbType.Bytea);
                }
                await import.CompleteAsync();
            }
            _nextSeq += batch.Count;
            foreach (var p in batch)
            {
                p.Done.TrySetResult();
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
        {
            var fenced = ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
            _logger.LogError(ex, fenced
                ? "Log {Stream}: another writer appended to this stream; this owner must reload ({Count} records not acknowledged)"
                : "Log {Stream}: write of {Count} records to PostgreSQL failed; they were not acknowledged", Name, batch.Count);
            lock (_gate)
            {
                _broken = true;
            }
            if (!fenced)
            {
                _source.Clear();
            }
            FailAll(batch, fenced ? "another owner wrote to the stream" : "PostgreSQL is unavailable");
        }
    }

    private void FailAll(List<Pending> batch, string? reason)
    {
        foreach (var p in batch)
        {
            p.Done.TrySetException(new IOException($"Log {Name}: {reason ?? "the stream is reloading"}; the records were not acknowledged."));
        }
        batch.Clear();
    }

    private sealed record Pending(ReadOnlyMemory<byte> Record, TaskCompletionSource Done);
}
