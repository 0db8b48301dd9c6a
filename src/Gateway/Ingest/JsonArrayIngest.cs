using System.Text.Json;

namespace UserAnalytics.Gateway.Ingest;

/// <summary>Reads a body that is one JSON array of objects. Each element is a row; an element that
/// is not a valid row is quarantined on its own. The body is bounded by the Events API limit.</summary>
internal static class JsonArrayIngest
{
    public static async Task RunAsync(Stream body, IngestSession session, long maxBytes, CancellationToken cancellationToken)
    {
        var buffer = await ReadAllAsync(body, maxBytes, cancellationToken);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer);
        }
        catch (JsonException ex)
        {
            session.Quarantine(buffer.Span, 1, "invalid JSON: " + ex.Message, invalid: true);
            return;
        }
        using (document)
        {
            long index = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                index++;
                var raw = System.Text.Encoding.UTF8.GetBytes(element.GetRawText());
                session.AddJson(raw, index);
                await session.FlushIfFullAsync();
            }
        }
    }

    private static async Task<ReadOnlyMemory<byte>> ReadAllAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        using var memory = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            memory.Write(chunk, 0, read);
            if (memory.Length > maxBytes)
            {
                throw new PayloadTooLargeException(maxBytes);
            }
        }
        return memory.ToArray();
    }
}
