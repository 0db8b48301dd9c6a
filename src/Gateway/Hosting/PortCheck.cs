using System.Net;
using System.Net.Sockets;

namespace UserAnalytics.Gateway.Hosting;

/// <summary>
/// Finds a port that another process already listens on before the host starts. Kestrel binds
/// only after Orleans has started, so a taken HTTP port would otherwise surface as a stack trace
/// behind the shutdown errors of services that had just started; this way the operator reads which
/// setting to change.
/// </summary>
public static class PortCheck
{
    /// <summary>Checks every address of <c>Http:Url</c> (Kestrel's form: several separated by
    /// <c>;</c>, hosts such as <c>*</c>, <c>localhost</c> or an IP).</summary>
    public static void EnsureHttpUrlsFree(string urls)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            BindingAddress binding;
            try
            {
                binding = BindingAddress.Parse(url);
            }
            catch (FormatException ex)
            {
                throw new StartupException($"Http:Url (UA_HTTP_URL) has an address Kestrel cannot read: '{url}' ({ex.Message}).", ex);
            }
            if (!binding.IsUnixPipe)
            {
                EnsureFree("Http:Url (UA_HTTP_URL)", HttpAddress(binding.Host), binding.Port);
            }
        }
    }

    /// <summary>Throws a <see cref="StartupException"/> naming <paramref name="setting"/> when a
    /// listener already holds <paramref name="port"/> on <paramref name="address"/>. Any other
    /// failure of the probe is left to the real bind, which reports it in its own words.</summary>
    public static void EnsureFree(string setting, IPAddress address, int port)
    {
        if (port == 0)
        {
            return;
        }
        using var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        // As the listeners do: connections of a just-stopped silo lingering in TIME_WAIT must not
        // count as "in use", a live listener still does.
        probe.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        try
        {
            probe.Bind(new IPEndPoint(address, port));
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new StartupException(
                $"Port {port} on {address} is already in use by another process. Stop that process, or set {setting} to a free port.", ex);
        }
    }

    /// <summary>The address Kestrel listens on for a URL host: both loopbacks for <c>localhost</c>
    /// (IPv4 is the one that must be free), every interface for a wildcard or a host name.</summary>
    private static IPAddress HttpAddress(string host)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }
        if (IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            return address.Equals(IPAddress.IPv6Any) ? IPAddress.Any : address;
        }
        return IPAddress.Any;
    }
}
