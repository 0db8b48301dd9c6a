using System.Diagnostics;
using Microsoft.Extensions.Options;
using UserAnalytics.Gateway.Auth;
using UserAnalytics.GrainInterfaces;

namespace UserAnalytics.Gateway.Api;

/// <summary><c>GET /v0/admin/stats</c> (admin token): what every shard holds and this process's memory.</summary>
internal static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v0/admin/stats", StatsAsync);
        return app;
    }

    public static async Task<IResult> StatsAsync(HttpContext http, TokenAuthorizer auth, IGrainFactory grains, IOptions<ShardingOptions> sharding)
    {
        if (auth.Check(http, new Scope(Scope.Admin, "*")) is { } denied)
        {
            return denied;
        }
        var shards = await Task.WhenAll(Enumerable.Range(0, sharding.Value.Shards).Select(s => grains.GetGrain<IEventShardGrain>(s).GetStats()));
        var gc = GC.GetGCMemoryInfo();
        using var process = Process.GetCurrentProcess();
        return Results.Json(new
        {
            events = shards.Sum(s => s.Events),
            users = shards.Sum(s => s.Users),
            tail_events = shards.Sum(s => s.TailEvents),
            sealed_bytes = shards.Sum(s => s.SealedBytes),
            tail_bytes = shards.Sum(s => s.TailBytes),
            distinct_values = shards.Sum(s => s.DistinctValues),
            process = new
            {
                resident_bytes = process.WorkingSet64,
                gc_heap_bytes = gc.HeapSizeBytes,
                gc_fragmented_bytes = gc.FragmentedBytes,
                gc_committed_bytes = gc.TotalCommittedBytes,
                managed_allocated_bytes = GC.GetTotalMemory(false),
            },
            shards,
        });
    }
}
