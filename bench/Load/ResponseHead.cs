using System.Buffers.Text;
using System.Text;

namespace UserAnalytics.Bench.Load;

/// <summary>What the load generator needs of an HTTP/1.1 answer's status line and headers.</summary>
public readonly record struct ResponseHead(int Status, long ContentLength, bool Chunked)
{
    /// <summary>Parses the head (the bytes before the empty line).</summary>
    public static ResponseHead Parse(ReadOnlySpan<byte> head)
    {
        // "HTTP/1.1 200 OK"
        if (head.Length < 12 || !head.StartsWith("HTTP/1."u8) || !Utf8Parser.TryParse(head.Slice(9, 3), out int status, out _))
        {
            throw new IOException("The answer does not start with an HTTP/1.x status line.");
        }
        long length = 0;
        var chunked = false;
        var rest = head;
        while (true)
        {
            var end = rest.IndexOf("\r\n"u8);
            if (end < 0)
            {
                break;
            }
            rest = rest[(end + 2)..];
            var line = rest.IndexOf("\r\n"u8) is var next and >= 0 ? rest[..next] : rest;
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim((byte)' ');
            if (Ascii.EqualsIgnoreCase(name, "content-length"u8))
            {
                if (!Utf8Parser.TryParse(value, out length, out var used) || used != value.Length)
                {
                    throw new IOException("The answer's Content-Length is not a number.");
                }
            }
            else if (Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8))
            {
                chunked = value.IndexOf("chunked"u8) >= 0;
            }
        }
        return new ResponseHead(status, length, chunked);
    }
}
