using UserAnalytics.Tests.Shared;

namespace UserAnalytics.Silo.Tests;

/// <summary>Free loopback ports for test silos.</summary>
internal static class Ports
{
    public static int Free() => TestPorts.Free();
}
