namespace UserAnalytics.Gateway.Pipes;

/// <summary>Every pipe, by name.</summary>
internal sealed class PipeRegistry
{
    private readonly Dictionary<string, IPipe> _pipes;

    public PipeRegistry(IEnumerable<IPipe> pipes)
    {
        _pipes = pipes.ToDictionary(p => p.Name, StringComparer.Ordinal);
    }

    public IEnumerable<string> Names => _pipes.Keys.Order(StringComparer.Ordinal);

    public IPipe? Find(string name) => _pipes.GetValueOrDefault(name);

    public static PipeRegistry CreateDefault() => new(
    [
        new UserBehaviorTimeline(),
        new UserEventTimeline(),
        new UserSessionStats(),
        new EventMetrics(),
    ]);
}
