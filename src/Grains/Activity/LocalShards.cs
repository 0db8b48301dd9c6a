using System.Collections.Concurrent;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Activity;

/// <summary>
/// The shards active in this silo, as the user grains beside them see them. A user grain's copy is
/// current while its version equals the user's version in the shard; a grain whose shard is active
/// in the same silo reads that version here instead of asking the shard with a grain call before
/// every answer (the call was a third of a profile lookup's CPU and two of its four thread hops).
/// A user grain in another silo, or one whose shard is not active here, asks the shard.
/// </summary>
public sealed class LocalShards
{
    private readonly ConcurrentDictionary<int, LocalShard> _shards = new();

    /// <summary>The user's version in its shard, when the shard is active in this silo and has
    /// shown the user (<see cref="LocalShard.Show"/>); otherwise null, and the shard is to be asked.</summary>
    internal long? VersionOf(int shard, string userId) =>
        _shards.TryGetValue(shard, out var local) ? local.VersionOf(userId) : null;

    /// <summary>A shard activation begins to serve here.</summary>
    internal LocalShard Open(int shard)
    {
        var local = new LocalShard();
        _shards[shard] = local;
        return local;
    }

    /// <summary>That activation stops serving (before its store goes).</summary>
    internal void Close(int shard, LocalShard local)
    {
        local.Close();
        _shards.TryRemove(KeyValuePair.Create(shard, local));
    }
}

/// <summary>One shard activation's users whose grains hold a copy: the shard shows a user when it
/// hands out a snapshot and hides it when the grain stops watching. <see cref="UserData.Version"/>
/// is written by the shard before it acknowledges a write, and read here from other threads.</summary>
internal sealed class LocalShard
{
    private readonly ConcurrentDictionary<string, UserData> _users = new(StringComparer.Ordinal);
    private volatile bool _closed;

    public long? VersionOf(string userId) =>
        !_closed && _users.TryGetValue(userId, out var user) ? user.Version : null;

    public void Show(UserData user) => _users[user.UserId] = user;

    public void Hide(string userId) => _users.TryRemove(userId, out _);

    public void Close()
    {
        _closed = true;
        _users.Clear();
    }
}
