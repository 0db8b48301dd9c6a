using UserAnalytics.Gateway.Output;

namespace UserAnalytics.Gateway.Pipes;

/// <summary>One endpoint of <c>/v0/pipes</c>: reads its parameters, asks the grains, merges.</summary>
internal interface IPipe
{
    string Name { get; }

    Task<PipeResult> RunAsync(PipeContext context);
}
