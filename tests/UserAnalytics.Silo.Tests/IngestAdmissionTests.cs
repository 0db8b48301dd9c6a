using System.Net;
using System.Net.Sockets;
using System.Text;

namespace UserAnalytics.Silo.Tests;

/// <summary>Overload on ingest is a 429 with Retry-After (API.md §4): past
/// <c>Ingest:MaxRequestsInFlight</c> requests at once, one more is refused before its body is
/// read, and the slot of a finished request is given back.</summary>
public sealed class IngestAdmissionTests
{
    [Fact]
    public async Task ARequestPastTheLimitIsA429WithRetryAfterAndTheSlotComesBackWhenTheFirstEnds()
    {
        var settings = SiloSettings.Create(shards: 2) with { Config = new Dictionary<string, string> { ["Ingest:MaxRequestsInFlight"] = "1" } };
        try
        {
            await using var silo = await InProcessSilo.StartAsync(settings);
            using var client = settings.CreateClient();
            // Shards activated first, so that an event posted below is answered quickly.
            Assert.Equal(202, (await client.PostEventsAsync("user_events", Http.Line(new { user_id = "warm", event_type = "view", timestamp = 1_714_557_600 }))).Status);
            const string Header = "event_id,user_id,event_type,timestamp\nh1,held-user,view,2024-05-01 10:00:00\n";
            var held = await HeldBulkLoad.StartAsync(settings, Header);
            try
            {
                // The bulk load holds the only slot once its headers are in. An event posted before
                // that may take the slot instead, and the bulk load is then the one refused: start it again.
                HttpResponseMessage refused;
                var deadline = DateTime.UtcNow.AddSeconds(30);
                while (true)
                {
                    var attempt = await client.PostAsync("v0/events?name=user_events", new StringContent(Http.Line(new { user_id = "other", event_type = "view", timestamp = 1_714_557_600 })));
                    if (attempt.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        refused = attempt;
                        break;
                    }
                    Assert.Equal(HttpStatusCode.Accepted, attempt.StatusCode);
                    Assert.True(DateTime.UtcNow < deadline, "the held bulk load was never admitted");
                    if (held.Answered)
                    {
                        held.Dispose();
                        held = await HeldBulkLoad.StartAsync(settings, Header);
                    }
                    await Task.Delay(50);
                }
                using (refused)
                {
                    Assert.Equal("1", refused.Headers.GetValues("Retry-After").Single());
                    Assert.Contains("Ingest:MaxRequestsInFlight", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                }

                Assert.Equal("HTTP/1.1 200 OK", await held.FinishAsync("h2,held-user,view,2024-05-01 10:00:01\n"));
            }
            finally
            {
                held.Dispose();
            }
            var (status, body) = await client.PostEventsAsync("user_events", Http.Line(new { user_id = "after", event_type = "view", timestamp = 1_714_557_600 }));
            Assert.Equal(202, status);
            Assert.Equal(1, body.GetProperty("successful_rows").GetInt64());
            Assert.Equal(2, (await client.PipeAsync("user_event_timeline", "user_id=held-user")).Data().Count);
        }
        finally
        {
            settings.DeleteData();
        }
    }

    /// <summary>A bulk load over a socket of its own whose body is sent in two chunks, the second
    /// only by <see cref="FinishAsync"/>, so the request stays in the gateway meanwhile (well
    /// within Kestrel's 5 s grace for a slow body).</summary>
    private sealed class HeldBulkLoad : IDisposable
    {
        private readonly TcpClient _tcp;
        private readonly NetworkStream _stream;

        private HeldBulkLoad(TcpClient tcp)
        {
            _tcp = tcp;
            _stream = tcp.GetStream();
        }

        public static async Task<HeldBulkLoad> StartAsync(SiloSettings settings, string firstChunk)
        {
            var tcp = new TcpClient();
            await tcp.ConnectAsync(settings.BaseAddress.Host, settings.BaseAddress.Port);
            var load = new HeldBulkLoad(tcp);
            await load.SendAsync("POST /v0/datasources?name=user_events&mode=append&format=csv HTTP/1.1\r\nHost: localhost\r\n" +
                $"Authorization: Bearer {settings.AdminToken}\r\nContent-Type: text/csv\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n" +
                Chunk(firstChunk));
            return load;
        }

        /// <summary>Sends the rest and the end of the body; returns the response's status line.</summary>
        public async Task<string?> FinishAsync(string lastChunk)
        {
            await SendAsync(Chunk(lastChunk) + "0\r\n\r\n");
            using var reader = new StreamReader(_stream, leaveOpen: true);
            return await reader.ReadLineAsync();
        }

        /// <summary>True once the gateway has answered (before the body ended, a refusal).</summary>
        public bool Answered => _stream.DataAvailable;

        public void Dispose() => _tcp.Dispose();

        private static string Chunk(string text) => $"{Encoding.UTF8.GetByteCount(text):x}\r\n{text}\r\n";

        private async Task SendAsync(string text)
        {
            await _stream.WriteAsync(Encoding.UTF8.GetBytes(text));
            await _stream.FlushAsync();
        }
    }
}
