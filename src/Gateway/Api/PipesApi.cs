using System.Diagnostics;
using System.Text.Json;
using UserAnalytics.Gateway.Auth;
using UserAnalytics.Gateway.Hosting;
using UserAnalytics.Gateway.Output;
using UserAnalytics.Gateway.Pipes;

namespace UserAnalytics.Gateway.Api;

/// <summary><c>GET|POST /v0/pipes/{name}.{json|csv|ndjson}</c>.</summary>
internal static class PipesApi
{
    public static IEndpointRouteBuilder MapPipesApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/v0/pipes/{file}", ["GET", "POST"], RunAsync);
        return app;
    }

    public static async Task<IResult> RunAsync(
        string file,
        HttpContext http,
        TokenAuthorizer auth,
        PipeRegistry pipes,
        GrainReferences grains,
        TimeProvider time)
    {
        var (name, format) = Split(file);
        if (auth.Check(http, Scope.ReadPipe(name)) is { } denied)
        {
            return denied;
        }
        var pipe = format is null ? null : pipes.Find(name);
        if (pipe is null)
        {
            return Errors.NotFound($"pipe '{file}' does not exist; pipes are called as /v0/pipes/{{name}}.json, .csv or .ndjson");
        }
        var started = Stopwatch.GetTimestamp();
        PipeResult result;
        try
        {
            var parameters = await ReadParametersAsync(http.Request);
            result = await pipe.RunAsync(new PipeContext(parameters, grains, time, http.RequestAborted));
        }
        catch (BadParameterException ex)
        {
            return Errors.BadRequest(ex.Message);
        }
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return new PipeHttpResult(result, format!.Value, elapsed);
    }

    private static (string Name, OutputFormat? Format) Split(string file)
    {
        var dot = file.LastIndexOf('.');
        if (dot <= 0)
        {
            return (file, null);
        }
        OutputFormat? format = file[(dot + 1)..] switch
        {
            "json" => OutputFormat.Json,
            "csv" => OutputFormat.Csv,
            "ndjson" => OutputFormat.Ndjson,
            _ => null,
        };
        return (file[..dot], format);
    }

    /// <summary>Query string, plus a form or JSON object body on POST (body values win).</summary>
    private static async Task<PipeParameters> ReadParametersAsync(HttpRequest request)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Query)
        {
            values[key] = [.. value.Where(v => v is not null).Select(v => v!)];
        }
        if (!HttpMethods.IsPost(request.Method))
        {
            return new PipeParameters(values);
        }
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            }
            catch (Exception ex) when (ex is InvalidDataException || (ex is IOException && ex is not BadHttpRequestException))
            {
                // A malformed multipart body (one that ends before its boundary is an IOException),
                // or more or longer values than the form reader allows.
                throw new BadParameterException("body", "is not a readable form: " + ex.Message);
            }
            foreach (var (key, value) in form)
            {
                values[key] = [.. value.Where(v => v is not null).Select(v => v!)];
            }
        }
        else if (request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            JsonDocument document;
            try
            {
                document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            }
            catch (JsonException ex)
            {
                throw new BadParameterException("body", "is not a JSON object: " + ex.Message);
            }
            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new BadParameterException("body", "is not a JSON object");
                }
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    values[property.Name] = property.Value.ValueKind == JsonValueKind.Array
                        ? [.. property.Value.EnumerateArray().Select(Text)]
                        : [Text(property.Value)];
                }
            }
        }
        return new PipeParameters(values);
    }

    private static string Text(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Null => string.Empty,
        _ => element.GetRawText(),
    };
}
