using UserAnalytics.Gateway.Hosting;
using UserAnalytics.Silo.Hosting;

// One process: an Orleans silo with the HTTP gateway's endpoints co-hosted.
try
{
    SiloApp.Build(args).Run();
    return 0;
}
catch (StartupException e)
{
    Console.Error.WriteLine($"UserAnalytics cannot start: {e.Message}");
    return 2;
}
