using System.Net;
using System.Text;

namespace UserAnalytics.Bench.Load;

/// <summary>A silo's HTTP address and token, and the prepared bytes of a GET to one of its paths.</summary>
public sealed class HttpTarget
{
    private readonly string _host;
    private readonly string _token;

    public HttpTarget(Uri baseUrl, string token)
    {
        if (!IPAddress.TryParse(baseUrl.Host, out var address))
        {
            address = Dns.GetHostAddresses(baseUrl.Host).First(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
        }
        Endpoint = new IPEndPoint(address, baseUrl.Port);
        _host = baseUrl.Authority;
        _token = token;
    }

    public IPEndPoint Endpoint { get; }

    /// <summary>A GET of <paramref name="path"/> (relative to the silo's root, already escaped).</summary>
    public byte[] Get(string path) =>
        Encoding.UTF8.GetBytes($"GET /{path.TrimStart('/')} HTTP/1.1\r\nHost: {_host}\r\nAuthorization: Bearer {_token}\r\n\r\n");

    /// <summary>The prepared requests of the first <paramref name="count"/> calls of a workload
    /// (the i-th request asks <paramref name="path"/>(i)); runs cycle over them.</summary>
    public byte[][] Requests(Func<int, string> path, int count) => [.. Enumerable.Range(0, count).Select(i => Get(path(i)))];

    public Task<HttpConnection> OpenAsync(CancellationToken cancellationToken = default) => HttpConnection.OpenAsync(Endpoint, cancellationToken);
}
