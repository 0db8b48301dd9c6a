namespace UserAnalytics.Gateway.Output;

/// <summary>Answers an HTTP request with a <see cref="PipeResult"/> in the requested format.</summary>
internal sealed class PipeHttpResult : IResult
{
    private readonly PipeResult _result;
    private readonly OutputFormat _format;
    private readonly double _elapsed;

    public PipeHttpResult(PipeResult result, OutputFormat format, double elapsedSeconds)
    {
        _result = result;
        _format = format;
        _elapsed = elapsedSeconds;
    }

    public Task ExecuteAsync(HttpContext httpContext) => ResultWriter.WriteAsync(httpContext.Response, _result, _format, _elapsed);
}
