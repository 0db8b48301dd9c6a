using System.Globalization;

namespace UserAnalytics.Bench.Load;

/// <summary>The CPU time a process has used so far (user and system), from <c>/proc</c>: the
/// silo's CPU per request is the figure that says what a run's throughput costs, whatever else
/// the machine is doing.</summary>
public sealed class ProcessCpu
{
    // USER_HZ: the unit of /proc/{pid}/stat's times on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;
    private readonly string _stat;

    public ProcessCpu(int processId)
    {
        ProcessId = processId;
        _stat = $"/proc/{processId}/stat";
    }

    public int ProcessId { get; }

    /// <summary>The one running silo started from UserAnalytics.Silo.dll, or null when there is none
    /// or more than one (then <c>--pid</c> names it).</summary>
    public static ProcessCpu? FindSilo()
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }
            try
            {
                if (File.ReadAllText(Path.Combine(directory, "cmdline")).Contains("UserAnalytics.Silo", StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return found.Count == 1 ? new ProcessCpu(found[0]) : null;
    }

    /// <summary>Seconds of CPU used since the process started.</summary>
    public double Seconds()
    {
        var text = File.ReadAllText(_stat);
        // The command name, in parentheses, may hold spaces: fields are counted after it.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        var user = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var system = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (user + system) / TicksPerSecond;
    }
}
