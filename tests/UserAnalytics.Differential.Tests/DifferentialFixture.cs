using System.Globalization;

namespace UserAnalytics.Differential.Tests;

/// <summary>Starts one environment per seed on first use and keeps it for every test of the run.</summary>
public sealed class DifferentialFixture : IAsyncLifetime
{
    private readonly Dictionary<int, Task<SeedEnvironment>> _environments = [];
    private readonly Lock _gate = new();

    /// <summary>The seeds of this run: <c>UA_DIFF_SEEDS</c> (comma-separated) or the CI defaults.</summary>
    public static int[] Seeds { get; } = (Environment.GetEnvironmentVariable("UA_DIFF_SEEDS") ?? "20261123,7,424242")
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(s => int.Parse(s, CultureInfo.InvariantCulture))
        .ToArray();

    /// <summary>Users per data set: <c>UA_DIFF_USERS</c> or 60.</summary>
    public static int Users { get; } = int.Parse(Environment.GetEnvironmentVariable("UA_DIFF_USERS") ?? "60", CultureInfo.InvariantCulture);

    public Task<SeedEnvironment> GetAsync(int seed)
    {
        lock (_gate)
        {
            if (!_environments.TryGetValue(seed, out var environment))
            {
                environment = SeedEnvironment.StartAsync(seed, Users);
                _environments[seed] = environment;
            }
            return environment;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var environment in _environments.Values)
        {
            if (environment.IsCompletedSuccessfully)
            {
                await environment.Result.DisposeAsync();
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DifferentialCollection : ICollectionFixture<DifferentialFixture>
{
    public const string Name = "differential";
}
