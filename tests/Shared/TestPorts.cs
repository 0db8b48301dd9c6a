using System.Net;
using System.Net.Sockets;

namespace UserAnalytics.Tests.Shared;

/// <summary>Loopback ports for the silos, gateways and servers tests start. Chosen below Linux's
/// ephemeral range (32768 and up), so another process's outgoing connection cannot take one
/// between the choice and the bind, at random so test projects running side by side rarely meet,
/// checked free, and never handed out twice by one process.</summary>
public static class TestPorts
{
    private static readonly HashSet<int> HandedOut = [];

    public static int Free()
    {
        lock (HandedOut)
        {
            while (true)
            {
                var port = 20_000 + Random.Shared.Next(12_000);
                if (!HandedOut.Add(port))
                {
                    continue;
                }
                try
                {
                    using var listener = new TcpListener(IPAddress.Loopback, port);
                    listener.Start();
                    return port;
                }
                catch (SocketException)
                {
                    // Taken by someone else: try another.
                }
            }
        }
    }
}
