using System.Buffers;

namespace UserAnalytics.Gateway.Ingest;

/// <summary>
/// Reads an NDJSON body: one JSON object a line. So that the seeds' pretty-printed single objects
/// (<c>curl -d '{ ... }'</c> over several lines) work too, a record that is not finished at the end
/// of its line continues on the following lines, as long as they do not start a new object.
/// </summary>
internal static class NdjsonIngest
{
    public static async Task RunAsync(Stream body, IngestSession session, int maxLineBytes, CancellationToken cancellationToken)
    {
        using var lines = new LineReader(body, maxLineBytes);
        var pending = new ArrayBufferWriter<byte>();
        long pendingLine = 0;
        while (await lines.ReadAsync(cancellationToken))
        {
            if (lines.CurrentTooLong)
            {
                session.Quarantine(lines.Current.Span, lines.LineNumber, $"line longer than {maxLineBytes} bytes", invalid: true);
                continue;
            }
            var line = lines.Current.Span;
            if (pending.WrittenCount > 0)
            {
                if (!StartsRecord(line))
                {
                    pending.Write("\n"u8);
                    pending.Write(line);
                    if (session.AddJson(pending.WrittenSpan, pendingLine) != ParseOutcome.Incomplete)
                    {
                        pending.Clear();
                    }
                    continue;
                }
                session.Quarantine(pending.WrittenSpan, pendingLine, "invalid JSON: the object is not complete", invalid: true);
                pending.Clear();
            }
            if (line.IndexOfAnyExcept(" \t\r"u8) < 0)
            {
                continue;
            }
            if (session.AddJson(line, lines.LineNumber) == ParseOutcome.Incomplete)
            {
                pending.Write(line);
                pendingLine = lines.LineNumber;
            }
            await session.FlushIfFullAsync();
        }
        if (pending.WrittenCount > 0)
        {
            session.Quarantine(pending.WrittenSpan, pendingLine, "invalid JSON: the object is not complete", invalid: true);
        }
    }

    private static bool StartsRecord(ReadOnlySpan<byte> line) => line.Length > 0 && (line[0] == (byte)'{' || line[0] == (byte)'[');
}
