using UserAnalytics.Gateway.Auth;
using UserAnalytics.Gateway.Ingest;
using UserAnalytics.Gateway.Output;
using UserAnalytics.GrainInterfaces;

namespace UserAnalytics.Gateway.Api;

/// <summary><c>/v0/datasources</c>: reading a data source's quarantine.</summary>
internal static class DataSourcesApi
{
    private const string QuarantineSuffix = "_quarantine";

    private static readonly PipeColumn[] QuarantineColumns =
    [
        new("insertion_date", ColumnType.DateTime),
        new("c__error", ColumnType.String),
        new("c__line_number", ColumnType.UInt64),
        new("c__import_id", ColumnType.String),
        new("line", ColumnType.String),
    ];

    public static IEndpointRouteBuilder MapDataSourcesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v0/datasources/{name}", ReadAsync);
        app.MapPost("/v0/datasources", BulkAppend.AppendAsync);
        return app;
    }

    public static async Task<IResult> ReadAsync(string name, HttpContext http, TokenAuthorizer auth, IGrainFactory grains)
    {
        var source = name.EndsWith(QuarantineSuffix, StringComparison.Ordinal) ? name[..^QuarantineSuffix.Length] : null;
        if (auth.Check(http, Scope.ReadDataSource(source ?? name)) is { } denied)
        {
            return denied;
        }
        if (source is null || DataSources.Find(source) is null)
        {
            return Errors.NotFound($"data source '{name}' cannot be read here; quarantines are read as /v0/datasources/{{name}}_quarantine");
        }
        int limit;
        try
        {
            limit = new Pipes.PipeParameters(http.Request.Query.ToDictionary(q => q.Key, q => q.Value.Select(v => v ?? string.Empty).ToList()))
                .Limit(100);
        }
        catch (Pipes.BadParameterException ex)
        {
            return Errors.BadRequest(ex.Message);
        }
        var (rows, total) = await grains.GetGrain<IQuarantineGrain>(source).Read(limit);
        var data = rows.Select(r => new object?[] { r.InsertedAtMs, r.Error, r.LineNumber, r.ImportId, r.Line }).ToList();
        var result = new PipeResult(QuarantineColumns, data, total, total);
        return new PipeHttpResult(result, OutputFormat.Json, 0);
    }
}
