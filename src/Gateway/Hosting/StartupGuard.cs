namespace UserAnalytics.Gateway.Hosting;

/// <summary>How both programs run their host: a <see cref="StartupException"/> becomes one line on
/// stderr and exit code 2.</summary>
public static class StartupGuard
{
    public const int ExitCode = 2;

    public static int Run(Action host)
    {
        try
        {
            host();
            return 0;
        }
        catch (StartupException e)
        {
            Console.Error.WriteLine($"UserAnalytics cannot start: {e.Message}");
            return ExitCode;
        }
    }
}
