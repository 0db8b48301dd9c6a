using System.Text;

namespace UserAnalytics.GrainInterfaces;

/// <summary>The one place where grain keys and partitions are computed, so the gateway, the silos
/// and external clients always agree on them.</summary>
public static class GrainKeys
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>The shard that owns <paramref name="userId"/>: a stable FNV-1a hash of its UTF-8
    /// bytes modulo <paramref name="shardCount"/>. Never change this function: every stored log is
    /// partitioned by it.</summary>
    /// <param name="userId">The user (or, for <c>metric_aggregations</c>, the segment) id.</param>
    /// <param name="shardCount">The deployment's fixed number of shards.</param>
    /// <returns>A shard number in <c>[0, shardCount)</c>.</returns>
    public static int ShardOf(string userId, int shardCount)
    {
        ArgumentNullException.ThrowIfNull(userId);
        Span<byte> buffer = stackalloc byte[256];
        var maxBytes = Encoding.UTF8.GetMaxByteCount(userId.Length);
        var bytes = maxBytes <= buffer.Length ? buffer : new byte[maxBytes];
        var length = Encoding.UTF8.GetBytes(userId, bytes);
        return ShardOf(bytes[..length], shardCount);
    }

    /// <summary>The shard of a user id given as UTF-8 bytes (the same as for its string).</summary>
    /// <param name="userIdUtf8">The user id's UTF-8 bytes.</param>
    /// <param name="shardCount">The deployment's fixed number of shards.</param>
    /// <returns>A shard number in <c>[0, shardCount)</c>.</returns>
    public static int ShardOf(ReadOnlySpan<byte> userIdUtf8, int shardCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        var hash = FnvOffset;
        foreach (var b in userIdUtf8)
        {
            hash ^= b;
            hash *= FnvPrime;
        }
        return (int)(hash % (ulong)shardCount);
    }

    /// <summary>Whether <paramref name="id"/> can be a grain's key in every mode: Orleans refuses
    /// an empty or white-space key, and PostgreSQL's text columns (grain state, reminders) refuse
    /// the NUL character, so a segment with such an id could be stored in the embedded mode and
    /// then never activate in a cluster.</summary>
    /// <param name="id">A user, customer or segment id.</param>
    /// <returns>False for a key no grain can have.</returns>
    public static bool IsUsableKey(string? id) => !string.IsNullOrWhiteSpace(id) && !id.Contains('\0', StringComparison.Ordinal);
}
