namespace UserAnalytics.Gateway.Ingest;

/// <summary>A read-only stream that fails with <see cref="PayloadTooLargeException"/> once more
/// than a limit has been read through it (guards decompressed bodies).</summary>
internal sealed class LimitedStream : ReadOnlyStream
{
    private readonly Stream _inner;
    private readonly long _limit;
    private long _read;

    public LimitedStream(Stream inner, long limit)
    {
        _inner = inner;
        _limit = limit;
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(_inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await _inner.ReadAsync(buffer, cancellationToken));

    private int Count(int read)
    {
        _read += read;
        if (_read > _limit)
        {
            throw new PayloadTooLargeException(_limit);
        }
        return read;
    }
}
