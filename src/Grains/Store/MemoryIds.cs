using System.Runtime.InteropServices;

namespace UserAnalytics.Grains.Store;

/// <summary>Ids in an array: a user grain's copy, tests, and shards told to keep them in memory.</summary>
internal sealed class MemoryIds(EventIdKey[] ids) : SealedIds
{
    public override int Count => ids.Length;

    public override long MemoryBytes => ids.Length * (long)Marshal.SizeOf<EventIdKey>();

    public override void Read(int start, Span<EventIdKey> destination) => ids.AsSpan(start, destination.Length).CopyTo(destination);
}
