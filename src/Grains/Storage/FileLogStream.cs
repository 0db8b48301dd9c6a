using System.Buffers.Binary;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace UserAnalytics.Grains.Storage;

/// <summary>
/// One stream of the embedded log. File layout: the 8-byte magic <c>UALOG001</c>, then records of
/// <c>[u32 length][u32 CRC-32C of the payload][payload]</c>, little-endian.
/// Appends are group-committed: whatever is queued while a flush runs is written and fsynced by the
/// next one, so concurrent appenders share the cost of one fsync. Flushes run on a thread of the
/// stream's own: an fsync blocks its thread for about a millisecond, and on the thread pool the
/// shards' fsyncs held the pool's few threads (two on a 2-core machine) while the requests that
/// feed them waited to be parsed.
/// </summary>
internal sealed class FileLogStream : ILogStream
{
    private const int FrameHeader = 8;
    private const int MaxRecord = 512 << 20;
    private static ReadOnlySpan<byte> Magic => "UALOG001"u8;

    private readonly string _path;
    private readonly ILogger _logger;
    private readonly SafeFileHandle _handle;
    private readonly Lock _gate = new();
    private List<Pending> _queue = [];
    private List<Pending> _spare = [];
    private readonly SemaphoreSlim _wake = new(0);
    private Thread? _flusher;
    private volatile bool _disposed;
    private bool _flushing;
    private long _position;

    public FileLogStream(string name, string path, ILogger logger)
    {
        Name = name;
        _path = path;
        _logger = logger;
        _handle = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        if (RandomAccess.GetLength(_handle) < Magic.Length)
        {
            // A new file, or one whose creation was interrupted before the magic reached the disk.
            RandomAccess.SetLength(_handle, 0);
            RandomAccess.Write(_handle, Magic, 0);
            RandomAccess.FlushToDisk(_handle);
        }
        Span<byte> magic = stackalloc byte[Magic.Length];
        RandomAccess.Read(_handle, magic, 0);
        if (!magic.SequenceEqual(Magic))
        {
            _handle.Dispose();
            throw new InvalidDataException($"{path} is not a UserAnalytics log file (bad magic).");
        }
        _position = Magic.Length;
    }

    public string Name { get; }

    public Task<LogPosition?> ReplayAsync(LogPosition from, Action<ReadOnlyMemory<byte>> apply, CancellationToken cancellationToken)
        => Task.FromResult(Replay(from, apply, cancellationToken));

    public LogPosition? Replay(LogPosition from, Action<ReadOnlyMemory<byte>> apply, CancellationToken cancellationToken)
    {
        var length = RandomAccess.GetLength(_handle);
        Span<byte> header = stackalloc byte[FrameHeader];
        var skipped = Skip(from, length, header);
        if (skipped is not { } start)
        {
            return null;
        }
        var reader = new ChunkReader(_handle, length);
        var position = start;
        var records = from.Records;
        var lastCrc = from.LastRecordCrc;
        string? problem = null;
        while (position < length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (length - position < FrameHeader)
            {
                problem = "a record header is cut short";
                break;
            }
            reader.Read(position, header);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(header);
            var crc = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
            if (size > MaxRecord || position + FrameHeader + size > length)
            {
                problem = size > MaxRecord ? "a record length is impossible" : "a record is cut short";
                break;
            }
            var payload = reader.Get(position + FrameHeader, (int)size);
            if (Crc32C.Compute(payload.Span) != crc)
            {
                problem = "a record's checksum does not match";
                break;
            }
            apply(payload);
            records++;
            lastCrc = crc;
            position += FrameHeader + size;
        }
        if (problem is not null)
        {
            _logger.LogWarning(
                "Log {Stream} ({Path}): {Problem} at offset {Offset}; dropping the last {Bytes} bytes (a write that was never acknowledged). {Records} records were recovered.",
                Name, _path, problem, position, length - position, records);
            RandomAccess.SetLength(_handle, position);
            RandomAccess.FlushToDisk(_handle);
        }
        _position = position;
        return new LogPosition(records, lastCrc);
    }

    public ValueTask<long?> BytesAfterAsync(LogPosition from, CancellationToken cancellationToken)
    {
        var length = RandomAccess.GetLength(_handle);
        Span<byte> header = stackalloc byte[FrameHeader];
        return ValueTask.FromResult(Skip(from, length, header) is { } start ? length - start : (long?)null);
    }

    /// <summary>The file offset after the first <c>from.Records</c> records, found by reading only
    /// their headers (their payloads were checked when the position was taken); null when the file
    /// holds fewer records or the last of them has another checksum.</summary>
    private long? Skip(LogPosition from, long length, Span<byte> header)
    {
        long position = Magic.Length;
        for (long i = 0; i < from.Records; i++)
        {
            if (length - position < FrameHeader || RandomAccess.Read(_handle, header, position) < FrameHeader)
            {
                return null;
            }
            var size = BinaryPrimitives.ReadUInt32LittleEndian(header);
            if (size > MaxRecord || position + FrameHeader + size > length)
            {
                return null;
            }
            if (i == from.Records - 1 && BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) != from.LastRecordCrc)
            {
                return null;
            }
            position += FrameHeader + size;
        }
        return position;
    }

    public Task AppendAsync(ReadOnlyMemory<byte> record, CancellationToken cancellationToken)
    {
        var frame = new byte[FrameHeader + record.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)record.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(4), Crc32C.Compute(record.Span));
        record.Span.CopyTo(frame.AsSpan(FrameHeader));
        var pending = new Pending(frame, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        bool start;
        lock (_gate)
        {
            if (_disposed)
            {
                // The flush thread has stopped: nothing would ever write this record.
                return Task.FromException(new ObjectDisposedException(Name));
            }
            _queue.Add(pending);
            start = !_flushing;
            _flushing = true;
            if (start && _flusher is null)
            {
                _flusher = new Thread(FlushThread) { IsBackground = true, Name = $"log flush {Name}" };
                _flusher.Start();
            }
        }
        if (start)
        {
            _wake.Release();
        }
        return pending.Done.Task;
    }

    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var p in _queue)
            {
                p.Done.TrySetException(new ObjectDisposedException(Name));
            }
            _queue.Clear();
        }
        _wake.Release();
        _handle.Dispose();
        return ValueTask.CompletedTask;
    }

    private void FlushThread()
    {
        while (true)
        {
            _wake.Wait();
            if (_disposed)
            {
                return;
            }
            FlushLoop();
        }
    }

    private void FlushLoop()
    {
        while (true)
        {
            List<Pending> batch;
            lock (_gate)
            {
                if (_queue.Count == 0)
                {
                    _flushing = false;
                    return;
                }
                batch = _queue;
                _queue = _spare;
            }
            Flush(batch);
            batch.Clear();
            lock (_gate)
            {
                _spare = batch;
            }
        }
    }

    private void Flush(List<Pending> batch)
    {
        var start = _position;
        try
        {
            var buffers = new ReadOnlyMemory<byte>[batch.Count];
            long total = 0;
            for (var i = 0; i < batch.Count; i++)
            {
                buffers[i] = batch[i].Frame;
                total += batch[i].Frame.Length;
            }
            RandomAccess.Write(_handle, buffers, start);
            RandomAccess.FlushToDisk(_handle);
            _position = start + total;
            foreach (var p in batch)
            {
                p.Done.TrySetResult();
            }
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Log {Stream}: write of {Count} records failed; they were not acknowledged.", Name, batch.Count);
            TryTruncate(start);
            foreach (var p in batch)
            {
                p.Done.TrySetException(new IOException($"Log {Name}: the write failed and nothing was stored.", ex));
            }
        }
    }

    private void TryTruncate(long length)
    {
        try
        {
            RandomAccess.SetLength(_handle, length);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // Replay's checksum check drops a partial write at the tail anyway (and a stream
            // disposed during its flush is being closed).
            _logger.LogWarning(ex, "Log {Stream}: could not cut back a failed write.", Name);
        }
    }

    private sealed record Pending(byte[] Frame, TaskCompletionSource Done);

    /// <summary>Reads the file front to back through one large buffer.</summary>
    private sealed class ChunkReader
    {
        private readonly SafeFileHandle _handle;
        private readonly long _length;
        private byte[] _buffer = new byte[4 << 20];
        private long _bufferStart;
        private int _bufferLength;

        public ChunkReader(SafeFileHandle handle, long length)
        {
            _handle = handle;
            _length = length;
        }

        public void Read(long position, Span<byte> destination) => Get(position, destination.Length).Span.CopyTo(destination);

        public ReadOnlyMemory<byte> Get(long position, int count)
        {
            if (position < _bufferStart || position + count > _bufferStart + _bufferLength)
            {
                Fill(position, count);
            }
            return _buffer.AsMemory((int)(position - _bufferStart), count);
        }

        private void Fill(long position, int count)
        {
            if (_buffer.Length < count)
            {
                _buffer = new byte[count];
            }
            var wanted = (int)Math.Min(_buffer.Length, _length - position);
            var read = 0;
            while (read < wanted)
            {
                var n = RandomAccess.Read(_handle, _buffer.AsSpan(read, wanted - read), position + read);
                if (n == 0)
                {
                    break;
                }
                read += n;
            }
            _bufferStart = position;
            _bufferLength = read;
        }
    }
}
