using System.Net;
using System.Net.Sockets;
using UserAnalytics.Gateway.Hosting;

namespace UserAnalytics.Gateway.Tests;

/// <summary>The HTTP addresses, in Kestrel's forms, that <see cref="PortCheck"/> reads, and what
/// it counts as taken.</summary>
public sealed class PortCheckTests
{
    [Theory]
    [InlineData("http://127.0.0.1:{0}")]
    [InlineData("http://localhost:{0}")]
    [InlineData("http://*:{0}")]
    [InlineData("http://+:{0}")]
    [InlineData("http://0.0.0.0:{0}")]
    [InlineData("http://[::]:{0}")]
    [InlineData("http://example.invalid:{0}")]
    [InlineData("http://127.0.0.1:1;http://127.0.0.1:{0}")]
    public void AnAddressWhosePortALoopbackListenerHoldsIsRefusedWithTheSetting(string form)
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        var refused = Assert.Throws<StartupException>(() => PortCheck.EnsureHttpUrlsFree(string.Format(System.Globalization.CultureInfo.InvariantCulture, form, port)));

        Assert.Contains($"Port {port} on ", refused.Message, StringComparison.Ordinal);
        Assert.Contains("UA_HTTP_URL", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APortLeftByAClosedListenerIsFree()
    {
        var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        holder.Stop();

        PortCheck.EnsureHttpUrlsFree($"http://127.0.0.1:{port}");
        PortCheck.EnsureFree("Orleans:SiloPort (UA_SILO_PORT)", IPAddress.Loopback, port);
    }

    [Fact]
    public void AListenerOnAnotherAddressDoesNotHoldTheLoopbackPort()
    {
        // A host without a non-loopback address (a container) still has the rest of 127/8 on Linux.
        var other = Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? IPAddress.Parse("127.0.0.2");
        using var holder = new TcpListener(other, 0);
        holder.Start();

        var refusal = Record.Exception(() => PortCheck.EnsureFree("Orleans:SiloPort (UA_SILO_PORT)", IPAddress.Loopback, ((IPEndPoint)holder.LocalEndpoint).Port));

        Assert.Null(refusal);
    }

    [Fact]
    public void AnAddressKestrelCannotReadIsRefusedWithTheSetting()
    {
        var refused = Assert.Throws<StartupException>(() => PortCheck.EnsureHttpUrlsFree("127.0.0.1:7070"));

        Assert.Contains("UA_HTTP_URL", refused.Message, StringComparison.Ordinal);
    }
}
