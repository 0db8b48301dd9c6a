namespace UserAnalytics.Silo.Tests;

/// <summary>One running silo shared by the HTTP tests of a collection; each test uses its own users.</summary>
public sealed class SiloFixture : IAsyncLifetime
{
    public SiloSettings Settings { get; } = SiloSettings.Create() with
    {
        Config = ScopedTokens.Config,
    };

    public InProcessSilo Silo { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Silo = await InProcessSilo.StartAsync(Settings);
        Client = Settings.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Silo.DisposeAsync();
        Settings.DeleteData();
    }
}

[CollectionDefinition(Name)]
public sealed class SiloCollection : ICollectionFixture<SiloFixture>
{
    public const string Name = "silo";
}
