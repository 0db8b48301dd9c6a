using System.IO.Compression;

namespace UserAnalytics.Gateway.Ingest;

/// <summary>Opens a request body for reading: decompressed when it is gzip (by header or by its
/// magic bytes), with its first bytes available for sniffing the format.</summary>
internal static class RequestBody
{
    public static async Task<(Stream Body, byte[] Head)> OpenAsync(Stream body, bool gzipHeader, CancellationToken cancellationToken)
    {
        var head = await ReadHeadAsync(body, 2, cancellationToken);
        Stream stream = new PrefixedStream(head, body);
        if (gzipHeader || (head.Length == 2 && head[0] == 0x1f && head[1] == 0x8b))
        {
            stream = new GZipStream(stream, CompressionMode.Decompress);
            var inner = await ReadHeadAsync(stream, 64, cancellationToken);
            stream = new PrefixedStream(inner, stream);
            return (stream, inner);
        }
        var more = await ReadHeadAsync(stream, 64, cancellationToken);
        return (new PrefixedStream(more, stream), more);
    }

    private static async Task<byte[]> ReadHeadAsync(Stream stream, int count, CancellationToken cancellationToken)
    {
        var buffer = new byte[count];
        var read = 0;
        while (read < count)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                break;
            }
            read += n;
        }
        return buffer[..read];
    }
}
