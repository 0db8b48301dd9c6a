using System.Text.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using UserAnalytics.Gateway.Api;
using UserAnalytics.Gateway.Auth;
using UserAnalytics.Gateway.Ingest;
using UserAnalytics.Gateway.Pipes;
using UserAnalytics.GrainInterfaces;

namespace UserAnalytics.Gateway.Hosting;

/// <summary>Wires the HTTP gateway into a host, co-hosted in a silo or on its own as an Orleans client.</summary>
public static class GatewayExtensions
{
    /// <summary>Registers the gateway's services and options.</summary>
    public static IHostApplicationBuilder AddUserAnalyticsGateway(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.Section)
            .Validate(o => o.MaxRequestsInFlight >= 1, "Ingest:MaxRequestsInFlight must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton<IngestAdmission>();
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section);
        services.AddOptions<ShardingOptions>().BindConfiguration(ShardingOptions.Section)
            .Validate(o => o.Shards is >= 1 and <= 4096, "Sharding:Shards (UA_SHARDS) must be between 1 and 4096.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(PipeRegistry.CreateDefault());
        services.AddSingleton(sp =>
        {
            var auth = sp.GetRequiredService<IOptions<AuthOptions>>().Value;
            var dataDirectory = builder.Configuration["Storage:DataDirectory"] ?? "data";
            return new TokenStore(AdminToken.Resolve(auth.AdminToken, dataDirectory, Console.Out), auth.Tokens);
        });
        services.AddSingleton<TokenAuthorizer>();
        services.AddSingleton<GrainReferences>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        services.AddCors(o => o.AddDefaultPolicy(p => p.AllowAnyOrigin().AllowAnyHeader().AllowAnyMethod()));
        // Bulk loads stream bodies of any size; the Events API enforces its own limit on the
        // decompressed body (Ingest:MaxEventsBodyBytes).
        services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = null);
        return builder;
    }

    /// <summary>Maps the gateway's endpoints.</summary>
    public static WebApplication MapUserAnalyticsGateway(this WebApplication app)
    {
        // Resolve the token store now so a generated admin token is made, and its file named, at start-up.
        app.Services.GetRequiredService<TokenStore>();
        app.UseUserAnalyticsErrors();
        app.UseCors();
        app.MapEventsApi();
        app.MapPipesApi();
        app.MapDataSourcesApi();
        app.MapAdminApi();
        app.MapGrainsApi();
        app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
        return app;
    }
}
