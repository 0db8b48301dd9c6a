namespace UserAnalytics.Silo.Hosting;

/// <summary>The silo's identity and endpoints.</summary>
public sealed class SiloOptions
{
    public const string Section = "Orleans";

    public string ClusterId { get; set; } = "useranalytics";

    public string ServiceId { get; set; } = "useranalytics";

    /// <summary>Silo-to-silo port (<c>UA_SILO_PORT</c>).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port for Orleans clients (<c>UA_GATEWAY_PORT</c>).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients reach this silo at (<c>UA_ADVERTISED_IP</c>);
    /// loopback by default, the host's address when silos run on several machines, or <c>auto</c>
    /// for the first IPv4 address of the host name (containers).</summary>
    public string AdvertisedIP { get; set; } = "127.0.0.1";

    public System.Net.IPAddress ResolveAdvertisedIP() => AdvertisedIP.Equals("auto", StringComparison.OrdinalIgnoreCase)
        ? System.Net.Dns.GetHostAddresses(System.Net.Dns.GetHostName()).First(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !System.Net.IPAddress.IsLoopback(a))
        : System.Net.IPAddress.Parse(AdvertisedIP);

    /// <summary>Listen on every interface instead of the advertised address only (containers).</summary>
    public bool ListenOnAnyInterface { get; set; }

    /// <summary>Running as a Kubernetes pod (<c>UA_KUBERNETES</c>): the pod's name, namespace and IP
    /// (downward API) set the silo's identity and endpoints, and pods of dead silos are cleaned up.</summary>
    public bool Kubernetes { get; set; }
}
