using System.Net;
using System.Net.Sockets;

namespace UserAnalytics.Silo.Tests;

/// <summary>Free loopback ports for test silos.</summary>
internal static class Ports
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
