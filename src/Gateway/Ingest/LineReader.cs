using System.Buffers;

namespace UserAnalytics.Gateway.Ingest;

/// <summary>Splits a byte stream into lines without holding more than one line (plus a read
/// buffer) in memory. A line longer than the limit is reported as too long and skipped.</summary>
internal sealed class LineReader : IDisposable
{
    private const int KeptOfLongLine = 1024;
    private readonly Stream _stream;
    private readonly int _maxLine;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
    private int _start;
    private int _end;
    private bool _eof;

    public LineReader(Stream stream, int maxLineBytes)
    {
        _stream = stream;
        _maxLine = maxLineBytes;
    }

    /// <summary>The current line without its line break; valid until the next read.</summary>
    public ReadOnlyMemory<byte> Current { get; private set; }

    /// <summary>True when the current line exceeded the limit; <see cref="Current"/> holds its start.</summary>
    public bool CurrentTooLong { get; private set; }

    /// <summary>1-based number of the current line.</summary>
    public long LineNumber { get; private set; }

    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        CurrentTooLong = false;
        byte[]? longLineStart = null;
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                return Emit(_start, newline, _start + newline + 1, longLineStart);
            }
            if (_eof)
            {
                if (_start < _end || longLineStart is not null)
                {
                    return Emit(_start, _end - _start, _end, longLineStart);
                }
                return false;
            }
            if (_end - _start >= _maxLine)
            {
                // Keep the start for the quarantine and drop the rest of the line as it streams by.
                longLineStart ??= _buffer.AsSpan(_start, KeptOfLongLine).ToArray();
                _start = _end;
            }
            Compact();
            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            if (read == 0)
            {
                _eof = true;
            }
            _end += read;
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private bool Emit(int start, int length, int next, byte[]? longLineStart)
    {
        LineNumber++;
        _start = next;
        if (longLineStart is not null)
        {
            CurrentTooLong = true;
            Current = longLineStart;
            return true;
        }
        if (length > 0 && _buffer[start + length - 1] == '\r')
        {
            length--;
        }
        Current = _buffer.AsMemory(start, length);
        return true;
    }

    private void Compact()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, bigger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }
    }
}
