namespace UserAnalytics.Silo.Hosting;

/// <summary>The silo's identity and endpoints, all on loopback in the embedded mode.</summary>
public sealed class SiloOptions
{
    public const string Section = "Orleans";

    public string ClusterId { get; set; } = "useranalytics";

    public string ServiceId { get; set; } = "useranalytics";

    /// <summary>Silo-to-silo port (<c>UA_SILO_PORT</c>).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port for Orleans clients (<c>UA_GATEWAY_PORT</c>).</summary>
    public int GatewayPort { get; set; } = 30000;
}
