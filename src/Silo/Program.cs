using UserAnalytics.Gateway.Hosting;
using UserAnalytics.Silo.Hosting;

// One process: an Orleans silo with the HTTP gateway's endpoints co-hosted.
var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddUaEnvironment().AddCommandLine(args);
builder.AddUserAnalyticsSilo();
builder.AddUserAnalyticsGateway();

var app = builder.Build();
app.MapUserAnalyticsGateway();
app.Run();

/// <summary>Entry point; public so tests can host the real silo in-process.</summary>
public partial class Program;
