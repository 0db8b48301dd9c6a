namespace UserAnalytics.Gateway.Hosting;

/// <summary>The documented <c>UA_*</c> environment variables, mapped onto configuration keys so
/// appsettings, environment and command line all configure the same options.</summary>
public static class UaEnvironment
{
    /// <summary>Environment variable → configuration key.</summary>
    public static IReadOnlyDictionary<string, string> Variables { get; } = new Dictionary<string, string>
    {
        ["UA_HTTP_URL"] = "Http:Url",
        ["UA_DATA_DIR"] = "Storage:DataDirectory",
        ["UA_ADMIN_TOKEN"] = "Auth:AdminToken",
        ["UA_SHARDS"] = "Sharding:Shards",
        ["UA_SILO_PORT"] = "Orleans:SiloPort",
        ["UA_GATEWAY_PORT"] = "Orleans:GatewayPort",
        ["UA_CLUSTER_ID"] = "Orleans:ClusterId",
        ["UA_STORAGE"] = "Storage:Provider",
        ["UA_PG"] = "Storage:Postgres",
        ["UA_CHECKPOINT_DIR"] = "Checkpoints:Directory",
        ["UA_COLD_DIR"] = "ColdColumns:Directory",
        ["UA_ADVERTISED_IP"] = "Orleans:AdvertisedIP",
        ["UA_KUBERNETES"] = "Orleans:Kubernetes",
        ["UA_LISTEN_ANY"] = "Orleans:ListenOnAnyInterface",
    };

    /// <summary>Adds the variables that are set, above earlier sources; the command line should be
    /// added after this so it still wins.</summary>
    public static IConfigurationBuilder AddUaEnvironment(this IConfigurationBuilder configuration)
    {
        var values = new Dictionary<string, string?>();
        foreach (var (variable, key) in Variables)
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value)
            {
                values[key] = value;
            }
        }
        return configuration.AddInMemoryCollection(values);
    }
}
