using Orleans.Configuration;

namespace UserAnalytics.Gateway.Hosting;

/// <summary>How a standalone gateway finds the cluster: the silos' membership table in PostgreSQL
/// (production), or the local silo's gateway port (embedded).</summary>
public static class GatewayCluster
{
    public static IClientBuilder UseUserAnalyticsCluster(this IClientBuilder client, IConfiguration configuration)
    {
        var clusterId = configuration["Orleans:ClusterId"] ?? "useranalytics";
        var serviceId = configuration["Orleans:ServiceId"] ?? "useranalytics";
        if (string.Equals(configuration["Storage:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            var connectionString = configuration["Storage:Postgres"];
            if (string.IsNullOrWhiteSpace(connectionString) || string.IsNullOrWhiteSpace(configuration["Auth:AdminToken"]))
            {
                throw new StartupException("A gateway of a PostgreSQL cluster needs UA_PG (the silos' database) and UA_ADMIN_TOKEN (the silos' admin token).");
            }
            client.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", connectionString));
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, serviceId));
        }
        else
        {
            client.UseLocalhostClustering(configuration.GetValue("Orleans:GatewayPort", 30000), serviceId, clusterId);
        }
        client.Services.Configure<ClientMessagingOptions>(configuration.GetSection("Orleans:Messaging"));
        return client;
    }
}
