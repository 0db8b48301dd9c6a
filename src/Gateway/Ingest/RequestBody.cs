using System.IO.Compression;

namespace UserAnalytics.Gateway.Ingest;

/// <summary>Opens a request body for reading: decompressed when it is gzip (by header or by its
/// magic bytes), without a UTF-8 byte order mark, with its first bytes available for sniffing the
/// format.</summary>
internal static class RequestBody
{
    public static async Task<(Stream Body, byte[] Head)> OpenAsync(Stream body, bool gzipHeader, CancellationToken cancellationToken)
    {
        var magic = await ReadHeadAsync(body, 2, cancellationToken);
        Stream stream = new PrefixedStream(magic, body);
        if (gzipHeader || (magic.Length == 2 && magic[0] == 0x1f && magic[1] == 0x8b))
        {
            stream = new GZipStream(stream, CompressionMode.Decompress);
        }
        var head = WithoutByteOrderMark(await ReadHeadAsync(stream, 64, cancellationToken));
        return (new PrefixedStream(head, stream), head);
    }

    /// <summary>Drops a UTF-8 byte order mark: spreadsheets write one before a CSV's header, which
    /// then lacked its first column, and before NDJSON, whose first row was quarantined.</summary>
    private static byte[] WithoutByteOrderMark(byte[] head) => head.AsSpan().StartsWith("\uFEFF"u8) ? head[3..] : head;

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
