using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using UserAnalytics.ClientSample;

// Connects to a running UserAnalytics cluster as an Orleans client and prints a user's profile
// (and a segment's activity today). Usage:
//   dotnet run --project samples/UserAnalytics.ClientSample -- <user_id> [segment_id] [gateway host:port] [cluster id]
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: UserAnalytics.ClientSample <user_id> [segment_id] [gateway host:port (127.0.0.1:30000)] [cluster id (useranalytics)]");
    return 2;
}
var userId = args[0];
var segmentId = args.Length > 1 && args[1].Length > 0 ? args[1] : null;
var gateway = IPEndPoint.Parse(args.Length > 2 ? args[2] : "127.0.0.1:30000");
var clusterId = args.Length > 3 ? args[3] : "useranalytics";

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.UseOrleansClient(client => client
    .UseStaticClustering(gateway)
    .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, "useranalytics")));
using var host = builder.Build();
await host.StartAsync();
await new PersonalisationCalls(host.Services.GetRequiredService<IClusterClient>()).PrintAsync(userId, segmentId, Console.Out);
await host.StopAsync();
return 0;
