using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;

namespace UserAnalytics.Bench.Load;

/// <summary>
/// One keep-alive HTTP/1.1 connection that sends prepared requests and reads each answer to its
/// last byte without parsing the body. The load generator shares the silo's two cores: at 64
/// clients <c>HttpClient</c> took about 30 µs of CPU a request, a third of what the silo itself
/// spends answering a profile lookup, so every figure it produced was partly the client's.
/// </summary>
public sealed class HttpConnection : IDisposable
{
    private readonly Socket _socket;
    private byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    private HttpConnection(Socket socket)
    {
        _socket = socket;
    }

    public static async Task<HttpConnection> OpenAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken);
            return new HttpConnection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends one request and reads its whole answer. The body is kept only when asked for,
    /// or when the status is not a success (so a failure can be named).</summary>
    public async ValueTask<HttpAnswer> SendAsync(ReadOnlyMemory<byte> request, bool keepBody = false)
    {
        while (!request.IsEmpty)
        {
            var sent = await _socket.SendAsync(request, SocketFlags.None);
            request = request[sent..];
        }
        return await ReadAnswerAsync(keepBody);
    }

    /// <summary>Sends one request without waiting (a request is far smaller than the socket's
    /// buffer); <see cref="ReadAnswerAsync"/> reads its answer.</summary>
    public void Send(ReadOnlySpan<byte> request)
    {
        while (!request.IsEmpty)
        {
            request = request[_socket.Send(request, SocketFlags.None)..];
        }
    }

    /// <summary>Reads the next answer whole.</summary>
    public async ValueTask<HttpAnswer> ReadAnswerAsync(bool keepBody = false)
    {
        int headEnd;
        while ((headEnd = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8)) < 0)
        {
            await FillAsync();
        }
        var head = ResponseHead.Parse(_buffer.AsSpan(_start, headEnd));
        _start += headEnd + 4;
        var body = keepBody || head.Status >= 300 ? new MemoryStream() : null;
        long length = 0;
        if (head.Chunked)
        {
            while (true)
            {
                var size = await ReadChunkSizeAsync();
                if (size == 0)
                {
                    await SkipTrailersAsync();
                    break;
                }
                await ReadBodyAsync(size, body);
                await ReadLineAsync();
                length += size;
            }
        }
        else
        {
            await ReadBodyAsync(head.ContentLength, body);
            length = head.ContentLength;
        }
        return new HttpAnswer(head.Status, length, body?.ToArray());
    }

    public void Dispose() => _socket.Dispose();

    private async ValueTask ReadBodyAsync(long length, MemoryStream? body)
    {
        while (length > 0)
        {
            if (_start == _end)
            {
                await FillAsync();
            }
            var take = (int)Math.Min(length, _end - _start);
            body?.Write(_buffer, _start, take);
            _start += take;
            length -= take;
        }
    }

    private async ValueTask<long> ReadChunkSizeAsync()
    {
        var line = await ReadLineAsync();
        var span = _buffer.AsSpan(line.Start, line.Length);
        var extension = span.IndexOf((byte)';');
        if (extension >= 0)
        {
            span = span[..extension];
        }
        return Utf8Parser.TryParse(span, out long size, out var used, 'x') && used == span.Length
            ? size
            : throw new IOException("A chunk of the answer has no valid size.");
    }

    private async ValueTask SkipTrailersAsync()
    {
        while ((await ReadLineAsync()).Length > 0)
        {
        }
    }

    /// <summary>The next line, without its CRLF; its bytes stay valid until the next read.</summary>
    private async ValueTask<(int Start, int Length)> ReadLineAsync()
    {
        int end;
        while ((end = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8)) < 0)
        {
            await FillAsync();
        }
        var line = (_start, end);
        _start += end + 2;
        return line;
    }

    private async ValueTask FillAsync()
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_end == _buffer.Length)
        {
            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                (_start, _end) = (0, _end - _start);
            }
            else
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }
        }
        var received = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None);
        if (received == 0)
        {
            throw new IOException("The server closed the connection in the middle of an answer.");
        }
        _end += received;
    }
}
