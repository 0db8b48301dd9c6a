using System.Security.Cryptography;
using System.Text;
using UserAnalytics.Gateway.Output;
using UserAnalytics.GrainInterfaces;
using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Gateway.Pipes;

/// <summary><c>create_user_segment</c>: defines a behavioural segment and writes its membership.
/// Without <c>reference_date</c> the segment is dynamic (its rule is kept to be evaluated again).</summary>
internal sealed class CreateUserSegment : IPipe
{
    private static readonly PipeColumn[] Columns =
    [
        new("segment_id", ColumnType.String),
        new("segment_name", ColumnType.String),
        new("user_count", ColumnType.UInt64),
        new("created_at", ColumnType.DateTime),
    ];

    public string Name => "create_user_segment";

    public async Task<PipeResult> RunAsync(PipeContext context)
    {
        var p = context.Parameters;
        var name = p.RequiredString("segment_name");
        var given = p.String("segment_id");
        if (given is not null && !GrainKeys.IsUsableKey(given))
        {
            throw new BadParameterException("segment_id", "is only white space or holds a NUL character");
        }
        var rule = new SegmentRule(
            given ?? DefaultId(name),
            name,
            p.RequiredString("event_type"),
            p.Int("min_event_count", 1, 1),
            p.String("country"),
            p.Int("time_period_days", 30, 1, 36_500),
            p.DateTime("reference_date"));
        var result = await context.Grains.GetGrain<ISegmentGrain>(rule.SegmentId).Define(rule);
        object?[] row = [result.SegmentId, result.SegmentName, result.UserCount, result.EvaluatedAtMs];
        return new PipeResult(Columns, [row], 1, 0);
    }

    /// <summary><c>seg-</c> and the first 12 hex digits of the SHA-256 of the name.</summary>
    public static string DefaultId(string segmentName) =>
        "seg-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(segmentName)))[..12];
}
