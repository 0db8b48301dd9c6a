namespace UserAnalytics.Grains.Storage;

/// <summary>A point in a log stream: the number of records before it and the CRC-32C of the last
/// of them. The checksum is what tells a checkpoint of this log from one of another log with as
/// many records (a data directory or database that was replaced).</summary>
/// <param name="Records">Records before this point.</param>
/// <param name="LastRecordCrc">CRC-32C of the payload of record <c>Records - 1</c> (0 at the start).</param>
public readonly record struct LogPosition(long Records, uint LastRecordCrc)
{
    /// <summary>The beginning of every log.</summary>
    public static LogPosition Start => default;
}
