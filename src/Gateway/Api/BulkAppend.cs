using System.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using UserAnalytics.Gateway.Auth;
using UserAnalytics.Gateway.Ingest;
using UserAnalytics.GrainInterfaces;

namespace UserAnalytics.Gateway.Api;

/// <summary><c>POST /v0/datasources?name=…&amp;mode=append</c>: bulk load of a CSV (with a header row)
/// or NDJSON body, plain, gzip or as a multipart upload. The body is streamed, never held whole, so
/// files of millions of rows load in constant memory; progress is logged as it goes.</summary>
internal static class BulkAppend
{
    private const long ProgressEvery = 1_000_000;

    public static async Task<IResult> AppendAsync(
        HttpContext http,
        TokenAuthorizer auth,
        IGrainFactory grains,
        IOptions<ShardingOptions> sharding,
        IOptions<IngestOptions> options,
        IngestAdmission admission,
        TimeProvider time,
        ILoggerFactory loggers)
    {
        var request = http.Request;
        var name = request.Query["name"].ToString();
        if (auth.Check(http, Scope.AppendTo(name)) is { } denied)
        {
            return denied;
        }
        var source = DataSources.Find(name);
        if (source is null)
        {
            return Errors.NotFound($"data source '{name}' does not exist; use one of {string.Join(", ", DataSources.Names)}");
        }
        var mode = request.Query["mode"].ToString();
        if (mode.Length > 0 && mode != "append")
        {
            return Errors.BadRequest($"parameter 'mode': '{mode}' is not supported; use mode=append");
        }
        using var admitted = admission.TryEnter();
        if (admitted is null)
        {
            return admission.Refusal();
        }
        var logger = loggers.CreateLogger("UserAnalytics.Import");
        var session = new IngestSession(grains, sharding.Value.Shards, source, options.Value, time);
        var started = Stopwatch.GetTimestamp();
        using var progress = new Timer(
            _ => logger.LogInformation("Import {ImportId} into {Source}: {Rows} rows so far ({Rate:F0} rows/s)",
                session.ImportId, source.Name, session.RowsAccepted, session.RowsAccepted / Stopwatch.GetElapsedTime(started).TotalSeconds),
            null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
        try
        {
            var (body, contentType, fileName) = await OpenUploadAsync(request);
            if (body is null)
            {
                return Errors.BadRequest("the multipart upload has no file part");
            }
            var gzip = request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase);
            var (stream, head) = await RequestBody.OpenAsync(body, gzip, http.RequestAborted);
            var format = Format(request.Query["format"].ToString(), contentType, fileName, head);
            if (format == "csv")
            {
                await CsvIngest.RunAsync(stream, session, options.Value.MaxLineBytes, http.RequestAborted);
            }
            else
            {
                await NdjsonIngest.RunAsync(stream, session, options.Value.MaxLineBytes, http.RequestAborted);
            }
            var result = await session.CompleteAsync();
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            logger.LogInformation("Import {ImportId} into {Source} done: {Stored} rows stored, {Quarantined} quarantined in {Seconds:F1} s",
                result.ImportId, source.Name, result.SuccessfulRows, result.QuarantinedRows, seconds);
            return Results.Json(new BulkResponse(
                new DataSourceRef(source.Name), result.SuccessfulRows, result.QuarantinedRows, result.QuarantinedRows,
                result.InvalidLines, result.ImportId, Math.Round(seconds, 3)));
        }
        catch (BadBodyException ex)
        {
            return Errors.BadRequest(ex.Message);
        }
        catch (InvalidDataException ex)
        {
            // A broken gzip stream, or a body that broke off (BodyReadErrors): a multipart upload
            // that ends before its closing boundary. Rows before the break are stored.
            return Errors.BadRequest($"the body could not be read: {ex.Message}; {session.RowsAccepted} rows before it were accepted");
        }
        catch (StorageUnavailableException ex)
        {
            logger.LogError(ex, "Import {ImportId} into {Source} failed after {Stored} rows were stored", session.ImportId, source.Name, ex.StoredRows);
            return Errors.Unavailable(
                $"{ex.Message}; {ex.StoredRows} rows of this import were stored before the failure. Retry: rows with an event_id are not stored twice.",
                retryAfterSeconds: 1);
        }
    }

    /// <summary>The body, or the first file part of a multipart upload (any part name).</summary>
    private static async Task<(Stream? Body, string? ContentType, string? FileName)> OpenUploadAsync(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return (new BodyReadErrors(request.Body), request.ContentType, null);
        }
        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            throw new BadBodyException("the multipart upload has no boundary");
        }
        var reader = new MultipartReader(boundary, new BodyReadErrors(request.Body));
        while (await NextSectionAsync(reader, request.HttpContext.RequestAborted) is { } section)
        {
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                && (disposition.FileName.HasValue || disposition.FileNameStar.HasValue || disposition.Name.HasValue))
            {
                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                // The part's reader throws an IOException of its own when the upload ends before the
                // closing boundary.
                return (new BodyReadErrors(section.Body), section.ContentType, fileName);
            }
        }
        return (null, null, null);
    }

    private static async Task<MultipartSection?> NextSectionAsync(MultipartReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadNextSectionAsync(cancellationToken);
        }
        catch (IOException ex) when (ex is not BadHttpRequestException)
        {
            throw new InvalidDataException("the multipart upload broke off: " + ex.Message, ex);
        }
    }

    /// <summary>The format: the <c>format</c> parameter, else the content type or file name, else a
    /// body starting with <c>{</c> is NDJSON and anything else CSV.</summary>
    private static string Format(string parameter, string? contentType, string? fileName, byte[] head)
    {
        if (parameter is "csv" or "ndjson")
        {
            return parameter;
        }
        if (parameter.Length > 0)
        {
            throw new BadBodyException($"parameter 'format': '{parameter}' is not csv or ndjson");
        }
        if (contentType?.Contains("csv", StringComparison.OrdinalIgnoreCase) == true || fileName?.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) == true)
        {
            return "csv";
        }
        if (contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true || fileName?.EndsWith("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            return "ndjson";
        }
        var first = head.AsSpan().IndexOfAnyExcept(" \t\r\n"u8);
        return first >= 0 && head[first] == (byte)'{' ? "ndjson" : "csv";
    }

    private sealed record DataSourceRef(string Name);

    private sealed record BulkResponse(
        DataSourceRef Datasource,
        long SuccessfulRows,
        long QuarantinedRows,
        long QuarantineRows,
        long InvalidLines,
        string ImportId,
        double ElapsedSeconds);
}
