using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using UserAnalytics.Silo.Hosting;

namespace UserAnalytics.Silo.Tests;

/// <summary>The grain directory cache is sized for this system, not Orleans' default (decision 58).</summary>
public sealed class DirectoryCacheTests
{
    [Theory]
    [InlineData(null, 100_000)]
    [InlineData("5000", 5_000)]
    public async Task TheDirectoryCacheHoldsAHundredThousandAddressesUnlessConfigured(string? configured, int expected)
    {
        var settings = SiloSettings.Create(shards: 2);
        try
        {
            string[] extra = configured is null ? [] : [$"--Orleans:Directory:CacheSize={configured}"];
            await using var app = SiloApp.Build([.. settings.Arguments, .. extra]);

            Assert.Equal(expected, app.Services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value.CacheSize);
        }
        finally
        {
            settings.DeleteData();
        }
    }
}
