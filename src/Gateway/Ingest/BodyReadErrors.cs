namespace UserAnalytics.Gateway.Ingest;

/// <summary>
/// A request body whose read failures are the client's: an <see cref="IOException"/> while reading
/// it (a multipart upload that ends before its closing boundary, a connection cut mid-body)
/// becomes an <see cref="InvalidDataException"/>, which the bulk load answers with a 400, while an
/// IOException from anywhere else (a log append that failed) still means the server's trouble.
/// Kestrel's own verdicts (<see cref="BadHttpRequestException"/>) keep their status.
/// </summary>
internal sealed class BodyReadErrors : ReadOnlyStream
{
    private readonly Stream _inner;

    public BodyReadErrors(Stream inner)
    {
        _inner = inner;
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

    private static InvalidDataException Broken(IOException ex) => new("the body broke off while it was read: " + ex.Message, ex);
}
