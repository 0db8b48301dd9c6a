namespace UserAnalytics.Gateway;

/// <summary>Tinybird's error body, <c>{"error": "…"}</c>, with the status it goes with.</summary>
internal static class Errors
{
    public static IResult BadRequest(string message) => Error(StatusCodes.Status400BadRequest, message);

    public static IResult Forbidden(string message) => Error(StatusCodes.Status403Forbidden, message);

    public static IResult NotFound(string message) => Error(StatusCodes.Status404NotFound, message);

    public static IResult TooLarge(string message) => Error(StatusCodes.Status413PayloadTooLarge, message);

    public static IResult Unavailable(string message, int retryAfterSeconds) =>
        new RetryAfterResult(Error(StatusCodes.Status503ServiceUnavailable, message), retryAfterSeconds);

    public static IResult TooManyRequests(string message, int retryAfterSeconds) =>
        new RetryAfterResult(Error(StatusCodes.Status429TooManyRequests, message), retryAfterSeconds);

    private static IResult Error(int status, string message) => Results.Json(new ErrorBody(message), statusCode: status);

    private sealed record ErrorBody(string Error);

    private sealed class RetryAfterResult : IResult
    {
        private readonly IResult _inner;
        private readonly int _seconds;

        public RetryAfterResult(IResult inner, int seconds)
        {
            _inner = inner;
            _seconds = seconds;
        }

        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = _seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return _inner.ExecuteAsync(httpContext);
        }
    }
}
