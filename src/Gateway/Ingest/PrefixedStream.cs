namespace UserAnalytics.Gateway.Ingest;

/// <summary>A read-only stream that yields some bytes already read, then the rest of another stream.</summary>
internal sealed class PrefixedStream : ReadOnlyStream
{
    private readonly byte[] _prefix;
    private readonly Stream _inner;
    private int _offset;

    public PrefixedStream(byte[] prefix, Stream inner)
    {
        _prefix = prefix;
        _inner = inner;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_offset < _prefix.Length)
        {
            return CopyPrefix(buffer);
        }
        return _inner.Read(buffer);
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_offset < _prefix.Length)
        {
            return ValueTask.FromResult(CopyPrefix(buffer.Span));
        }
        return _inner.ReadAsync(buffer, cancellationToken);
    }

    private int CopyPrefix(Span<byte> buffer)
    {
        var n = Math.Min(buffer.Length, _prefix.Length - _offset);
        _prefix.AsSpan(_offset, n).CopyTo(buffer);
        _offset += n;
        return n;
    }
}
