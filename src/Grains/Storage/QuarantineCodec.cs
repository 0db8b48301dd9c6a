using UserAnalytics.GrainInterfaces.Rows;

namespace UserAnalytics.Grains.Storage;

/// <summary>The binary form of a quarantine log record.</summary>
internal static class QuarantineCodec
{
    private const byte QuarantineV1 = 1;

    public static ReadOnlyMemory<byte> Encode(IReadOnlyList<QuarantineRow> rows)
    {
        var w = new RecordWriter();
        w.Byte(QuarantineV1);
        w.UInt((ulong)rows.Count);
        foreach (var q in rows)
        {
            w.String(q.Line);
            w.String(q.Error);
            w.Long(q.LineNumber);
            w.String(q.ImportId);
            w.Long(q.InsertedAtMs);
        }
        return w.WrittenMemory;
    }

    public static QuarantineRow[] Decode(ReadOnlySpan<byte> record)
    {
        var r = new RecordReader(record);
        var kind = r.Byte();
        if (kind != QuarantineV1)
        {
            throw new InvalidDataException($"Unknown quarantine log record kind {kind}.");
        }
        var rows = new QuarantineRow[r.Int()];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = new QuarantineRow(r.String(), r.String(), r.Long(), r.String(), r.Long());
        }
        return rows;
    }
}
