using System.Text.Json;

namespace UserAnalytics.Gateway.Output;

/// <summary>
/// A JSON answer that a writer of its own puts into the response's body (<see cref="PooledBody"/>). The
/// personalisation lookups are asked thousands of times a second, and a response record per answer
/// serialized by reflection was a fifth of a profile lookup's CPU in the silo.
/// </summary>
internal sealed class JsonAnswer<T> : IResult
{
    private readonly T _value;
    private readonly Action<Utf8JsonWriter, T> _write;

    public JsonAnswer(T value, Action<Utf8JsonWriter, T> write)
    {
        _value = value;
        _write = write;
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        using var body = new PooledBody();
        using (var writer = new Utf8JsonWriter(body, JsonValues.WriterOptions))
        {
            _write(writer, _value);
        }
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await body.SendAsync(httpContext.Response);
    }
}
