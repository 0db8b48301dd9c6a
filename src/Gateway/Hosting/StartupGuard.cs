using Microsoft.AspNetCore.Connections;

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
            return Refuse(e.Message);
        }
        catch (Exception e) when (AddressInUse(e) is { } inUse)
        {
            // A port taken between PortCheck and the real bind (or one PortCheck does not know of).
            return Refuse($"A port this process listens on is already in use by another process: {inUse.Message}");
        }
    }

    private static int Refuse(string message)
    {
        Console.Error.WriteLine($"UserAnalytics cannot start: {message}");
        return ExitCode;
    }

    private static Exception? AddressInUse(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            if (current is AddressInUseException)
            {
                return e is IOException ? e : current;
            }
        }
        return null;
    }
}
