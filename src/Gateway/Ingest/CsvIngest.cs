using System.Buffers;

namespace UserAnalytics.Gateway.Ingest;

/// <summary>Reads a CSV body with a header row, record by record, never holding more than one
/// record in memory. A bad row is quarantined with its line number; its neighbours are stored.</summary>
internal static class CsvIngest
{
    public static async Task RunAsync(Stream body, IngestSession session, int maxLineBytes, CancellationToken cancellationToken)
    {
        using var lines = new LineReader(body, maxLineBytes);
        var record = new ArrayBufferWriter<byte>();
        var fields = new CsvFields();
        int[]? map = null;
        long recordLine = 0;
        while (await lines.ReadAsync(cancellationToken))
        {
            if (lines.CurrentTooLong)
            {
                session.Quarantine(lines.Current.Span, lines.LineNumber, $"line longer than {maxLineBytes} bytes", invalid: true);
                record.Clear();
                continue;
            }
            if (record.WrittenCount == 0)
            {
                recordLine = lines.LineNumber;
                if (lines.Current.Span.IndexOfAnyExcept(" \t\r"u8) < 0)
                {
                    continue;
                }
            }
            else
            {
                record.Write("\n"u8);
            }
            record.Write(lines.Current.Span);
            if (!CsvRecord.IsComplete(record.WrittenSpan) && record.WrittenCount < maxLineBytes)
            {
                continue;
            }
            if (map is null)
            {
                map = Header(record.WrittenSpan, fields, session.Source);
            }
            else
            {
                AddRow(record.WrittenSpan, recordLine, fields, map, session);
                await session.FlushIfFullAsync();
            }
            record.Clear();
        }
        if (record.WrittenCount > 0)
        {
            session.Quarantine(record.WrittenSpan, recordLine, "a quoted field is not closed", invalid: true);
        }
    }

    private static int[] Header(ReadOnlySpan<byte> record, CsvFields fields, DataSource source)
    {
        if (CsvRecord.Split(record, fields) is { } error)
        {
            throw new BadBodyException($"the CSV header row is malformed: {error}");
        }
        var map = CsvRowParser.MapHeader([.. Enumerable.Range(0, fields.Count).Select(fields.Text)], source);
        var missing = source.Columns.Select((c, i) => (c, i)).Where(x => x.c.Required && !map.Contains(x.i)).Select(x => x.c.Name).ToList();
        if (missing.Count > 0)
        {
            throw new BadBodyException($"the CSV header row lacks the required column(s) {string.Join(", ", missing.Select(m => $"'{m}'"))}");
        }
        return map;
    }

    private static void AddRow(ReadOnlySpan<byte> record, long line, CsvFields fields, int[] map, IngestSession session)
    {
        var error = CsvRecord.Split(record, fields);
        if (error is not null)
        {
            session.Quarantine(record, line, error, invalid: true);
            return;
        }
        error = CsvRowParser.Parse(fields, map, session.Source, session.Values);
        if (error is not null)
        {
            session.Quarantine(record, line, error);
            return;
        }
        session.AddParsed(record, line);
    }
}
