using Npgsql;

namespace UserAnalytics.Gateway.Hosting;

/// <summary>
/// A standalone gateway routes each user's events to a shard by its own <c>Sharding:Shards</c>.
/// With another count than the cluster's it would store events in shards no query of the silos
/// reads, without an error; so, once connected, a gateway of a PostgreSQL cluster compares its
/// count with the one the first silo pinned (<c>ua_layout</c>) and refuses to run on a mismatch.
/// </summary>
public static class ShardLayoutCheck
{
    public static async Task EnsureMatchesAsync(string connectionString, int shards, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var read = new NpgsqlCommand("SELECT shards FROM ua_layout WHERE id = 1", connection);
        object? stored;
        try
        {
            stored = await read.ExecuteScalarAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // No silo has created the schema: the client could not have connected to one either.
            return;
        }
        if (stored is int pinned && pinned != shards)
        {
            throw new StartupException(
                $"The cluster's data is partitioned into {pinned} shards, but Sharding:Shards (UA_SHARDS) is {shards} for this gateway. " +
                $"Start it with UA_SHARDS={pinned}, as every silo is.");
        }
    }
}
