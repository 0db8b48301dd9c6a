namespace UserAnalytics.Gateway.Ingest;

/// <summary>
/// A request body whose read failures are the client's: an <see cref="IOException"/> while reading
/// it (a multipart upload that ends before its closing boundary, a connection cut mid-body)
/// becomes an <see cref="InvalidDataException"/>, which the bulk load answers with a 400, while an
/// IOException from anywhere else (a log append that failed) still means the server's trouble.
/// Kestrel's own verdicts (<see cref="BadHttpRequestException"/>) keep their status.
/// </summary>
internal sealed class BodyReadErrors : Stream
{
    private readonly Stream _inner;

    public BodyReadErrors(Stream inner)
    {
        _inner = inner;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        try
        {
            return _inner.Read(buffer, offset, count);
        }
        catch (IOException ex) when (ex is not BadHttpRequestException)
        {
            throw Broken(ex);
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _inner.ReadAsync(buffer, cancellationToken);
        }
        catch (IOException ex) when (ex is not BadHttpRequestException)
        {
            throw Broken(ex);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private static InvalidDataException Broken(IOException ex) => new("the body broke off while it was read: " + ex.Message, ex);
}
