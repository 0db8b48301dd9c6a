namespace UserAnalytics.Gateway.Hosting;

/// <summary>Turns failures into honest answers: a request Kestrel finds bad keeps Kestrel's status;
/// a cluster that cannot be reached or does not answer in time is a 503 with Retry-After; anything
/// else is logged as a bug and answered with a 500 that carries no internals.</summary>
internal static class ErrorHandling
{
    public static IApplicationBuilder UseUserAnalyticsErrors(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is left to answer.
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            // Kestrel's verdict on the request itself (a body over its limit, a broken chunked
            // body, a client too slow to send): the client's fault, with the status Kestrel chose.
            await Results.Json(new { error = ex.Message }, statusCode: ex.StatusCode).ExecuteAsync(context);
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("UserAnalytics.Gateway");
            var unavailable = IsUnavailable(ex);
            if (unavailable)
            {
                logger.LogWarning(ex, "Request {Path} failed: the cluster is unavailable", context.Request.Path);
            }
            else
            {
                logger.LogError(ex, "Request {Path} failed unexpectedly", context.Request.Path);
            }
            var result = unavailable
                ? Errors.Unavailable("the cluster is unavailable or overloaded; retry shortly", 1)
                : Results.Json(new { error = "internal error; see the server log" }, statusCode: StatusCodes.Status500InternalServerError);
            await result.ExecuteAsync(context);
        }
    });

    private static bool IsUnavailable(Exception ex) => ex switch
    {
        TimeoutException or Orleans.Runtime.OrleansException or IOException => true,
        AggregateException a => a.InnerExceptions.All(IsUnavailable),
        _ => ex.InnerException is not null && IsUnavailable(ex.InnerException),
    };
}
