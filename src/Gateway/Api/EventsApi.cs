using Microsoft.Extensions.Options;
using UserAnalytics.Gateway.Auth;
using UserAnalytics.Gateway.Ingest;
using UserAnalytics.GrainInterfaces;

namespace UserAnalytics.Gateway.Api;

/// <summary><c>POST /v0/events?name=…</c>: Tinybird's Events API, answering only once rows are durable.</summary>
internal static class EventsApi
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v0/events", IngestAsync);
        return app;
    }

    public static async Task<IResult> IngestAsync(
        HttpContext http,
        TokenAuthorizer auth,
        IGrainFactory grains,
        IOptions<ShardingOptions> sharding,
        IOptions<IngestOptions> options,
        IngestAdmission admission,
        TimeProvider time,
        ILoggerFactory loggers)
    {
        var name = http.Request.Query["name"].ToString();
        if (auth.Check(http, Scope.AppendTo(name)) is { } denied)
        {
            return denied;
        }
        var source = DataSources.Find(name);
        if (source is null)
        {
            return Errors.NotFound($"data source '{name}' does not exist; use one of {string.Join(", ", DataSources.Names)}");
        }
        using var admitted = admission.TryEnter();
        if (admitted is null)
        {
            return admission.Refusal();
        }
        var limits = options.Value;
        var wait = string.Equals(http.Request.Query["wait"], "true", StringComparison.OrdinalIgnoreCase);
        var session = new IngestSession(grains, sharding.Value.Shards, source, limits, time, waitForConsumers: wait);
        var logger = loggers.CreateLogger("UserAnalytics.Ingest");
        try
        {
            var gzip = http.Request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase);
            var (body, head) = await RequestBody.OpenAsync(http.Request.Body, gzip, http.RequestAborted);
            await using var limited = new LimitedStream(body, limits.MaxEventsBodyBytes);
            if (FirstByte(head) == (byte)'[')
            {
                await JsonArrayIngest.RunAsync(limited, session, limits.MaxEventsBodyBytes, http.RequestAborted);
            }
            else
            {
                await NdjsonIngest.RunAsync(limited, session, limits.MaxLineBytes, http.RequestAborted);
            }
            var result = await session.CompleteAsync();
            if (result.QuarantinedRows > 0)
            {
                logger.LogInformation("Import {ImportId} into {Source}: {Stored} rows stored, {Quarantined} quarantined",
                    result.ImportId, source.Name, result.SuccessfulRows, result.QuarantinedRows);
            }
            var body202 = new EventsResponse(result.SuccessfulRows, result.QuarantinedRows);
            // Rows are visible to every pipe once durable; wait=true also waited for the content,
            // user and segment grains that watch the shards.
            return wait ? Results.Json(body202, statusCode: StatusCodes.Status200OK) : Results.Json(body202, statusCode: StatusCodes.Status202Accepted);
        }
        catch (PayloadTooLargeException ex)
        {
            return Errors.TooLarge(ex.Message);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Errors.TooLarge(ex.Message);
        }
        catch (InvalidDataException ex)
        {
            return Errors.BadRequest("the body could not be decompressed: " + ex.Message);
        }
        catch (StorageUnavailableException ex)
        {
            logger.LogError(ex, "Import {ImportId} into {Source} failed after {Stored} rows were stored", session.ImportId, source.Name, ex.StoredRows);
            return Errors.Unavailable(
                $"{ex.Message}; {ex.StoredRows} rows of this request were stored before the failure. Retry: rows with an event_id are not stored twice.",
                retryAfterSeconds: 1);
        }
    }

    private static int FirstByte(byte[] head)
    {
        var i = head.AsSpan().IndexOfAnyExcept(" \t\r\n"u8);
        return i < 0 ? -1 : head[i];
    }

    private sealed record EventsResponse(long SuccessfulRows, long QuarantinedRows);
}
