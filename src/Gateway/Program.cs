using UserAnalytics.Gateway.Hosting;

// The gateway on its own, as an Orleans client of a running cluster (the silo co-hosts the same
// endpoints by default).
var builder = WebApplication.CreateBuilder(args);
builder.UseOrleansClient(client => client.UseLocalhostClustering(builder.Configuration.GetValue("Orleans:GatewayPort", 30000)));
builder.AddUserAnalyticsGateway();
var app = builder.Build();
app.MapUserAnalyticsGateway();
app.Run();
