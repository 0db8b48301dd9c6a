using System.Net;
using System.Net.Sockets;
using System.Text;
using UserAnalytics.Bench.Load;

namespace UserAnalytics.Bench.Tests;

/// <summary>The load generator's own HTTP/1.1 client, against a server that answers canned bytes.</summary>
public sealed class HttpConnectionTests
{
    [Fact]
    public async Task AnswersWithALengthOrInChunksAreReadWholeOnOneConnection()
    {
        string[] answers =
        [
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"a\":12345}",
            "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n5\r\n{\"b\":\r\n6;ext=1\r\n123456\r\n1\r\n}\r\n0\r\n\r\n",
            "HTTP/1.1 404 Not Found\r\nContent-Length: 13\r\n\r\n{\"error\":\"x\"}",
        ];
        await using var server = await CannedServer.StartAsync(answers);
        using var connection = await HttpConnection.OpenAsync(server.Endpoint);

        var first = await connection.SendAsync("GET / HTTP/1.1\r\n\r\n"u8.ToArray(), keepBody: true);
        var second = await connection.SendAsync("GET / HTTP/1.1\r\n\r\n"u8.ToArray(), keepBody: true);
        var third = await connection.SendAsync("GET / HTTP/1.1\r\n\r\n"u8.ToArray());

        Assert.Equal((200, 11L, "{\"a\":12345}"), (first.Status, first.Length, Encoding.UTF8.GetString(first.Body!)));
        Assert.Equal((200, 12L, "{\"b\":123456}"), (second.Status, second.Length, Encoding.UTF8.GetString(second.Body!)));
        Assert.Equal((404, "{\"error\":\"x\"}"), (third.Status, Encoding.UTF8.GetString(third.Body!)));
        Assert.False(third.Succeeded);
    }

    [Fact]
    public void AHeadThatIsNotHttpIsRefused()
    {
        Assert.Throws<IOException>(() => ResponseHead.Parse("SSH-2.0-OpenSSH"u8));
        Assert.Throws<IOException>(() => ResponseHead.Parse("HTTP/1.1 200 OK\r\nContent-Length: many"u8));
    }

    [Fact]
    public async Task AnOpenLoopRequestCountsFromWhenItWasDueEvenWhenItWentLate()
    {
        // One connection, a request due every 10 ms; the first answer takes 300 ms, the rest none.
        await using var server = await CannedServer.StartAsync(["HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"], firstDelay: TimeSpan.FromMilliseconds(300));
        var target = new HttpTarget(new Uri($"http://127.0.0.1:{server.Endpoint.Port}/"), "t");

        var result = await LoadRun.OpenAsync(target, [target.Get("x")], clients: 1, rate: 100, TimeSpan.FromSeconds(0.5), silo: null);

        Assert.Equal(50, result.Requests);
        // The 2nd request was due at 10 ms and could only go once the first answer came, after
        // 300 ms: it waited at least 290 ms, as did the rest of those due during the first.
        Assert.True(result.Latencies.Percentile(100) >= 280, $"longest {result.Latencies.Percentile(100)} ms");
        // 29 of the 50 waited 10–290 ms: the 60th percentile is the one that waited about 100.
        Assert.True(result.Latencies.Percentile(60) >= 60, $"60th percentile {result.Latencies.Percentile(60)} ms");
    }

    /// <summary>A server on loopback that answers each request on a connection with the next of its
    /// answers (the last one over and over), the first one after a delay.</summary>
    private sealed class CannedServer : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly Task _serving;

        private CannedServer(TcpListener listener, Task serving)
        {
            _listener = listener;
            _serving = serving;
        }

        public IPEndPoint Endpoint => (IPEndPoint)_listener.LocalEndpoint;

        public static Task<CannedServer> StartAsync(string[] answers, TimeSpan firstDelay = default)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return Task.FromResult(new CannedServer(listener, ServeAsync(listener, answers, firstDelay)));
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            try
            {
                await _serving;
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
            {
            }
        }

        private static async Task ServeAsync(TcpListener listener, string[] answers, TimeSpan firstDelay)
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            var buffer = new byte[4096];
            var pending = new StringBuilder();
            var served = 0;
            while (true)
            {
                var read = await stream.ReadAsync(buffer);
                if (read == 0)
                {
                    return;
                }
                pending.Append(Encoding.ASCII.GetString(buffer, 0, read));
                int end;
                while ((end = pending.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal)) >= 0)
                {
                    pending.Remove(0, end + 4);
                    if (served == 0 && firstDelay > TimeSpan.Zero)
                    {
                        await Task.Delay(firstDelay);
                    }
                    await stream.WriteAsync(Encoding.UTF8.GetBytes(answers[Math.Min(served++, answers.Length - 1)]));
                }
            }
        }
    }
}
