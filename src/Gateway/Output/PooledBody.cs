using System.Buffers;

namespace UserAnalytics.Gateway.Output;

/// <summary>
/// An answer's bytes, written whole into pooled buffers before the response starts: a failure while
/// writing still becomes an error status (a response already started could only be cut short),
/// and the answer goes out with its Content-Length instead of in chunks.
/// </summary>
internal sealed class PooledBody : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
    private int _written;

    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _written);

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        var at = Reserve(sizeHint);
        return _buffer.AsMemory(at);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        var at = Reserve(sizeHint);
        return _buffer.AsSpan(at);
    }

    /// <summary>Sends the bytes as the response's body, with their length.</summary>
    public async Task SendAsync(HttpResponse response)
    {
        response.ContentLength = _written;
        await response.Body.WriteAsync(Written, response.HttpContext.RequestAborted);
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private int Reserve(int sizeHint)
    {
        var needed = _written + Math.Max(sizeHint, 1);
        if (needed > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
            _buffer.AsSpan(0, _written).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        return _written;
    }
}
