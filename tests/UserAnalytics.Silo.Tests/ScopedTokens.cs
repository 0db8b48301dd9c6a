namespace UserAnalytics.Silo.Tests;

/// <summary>Tokens with limited scopes that the shared test silo accepts beside its admin token.</summary>
internal static class ScopedTokens
{
    public const string ReadsEventMetrics = "scoped-pipe-event-metrics";
    public const string ReadsEveryPipe = "scoped-pipe-any";
    public const string AppendsUserEvents = "scoped-append-user-events";
    public const string ReadsUserEvents = "scoped-read-user-events";

    public static IReadOnlyDictionary<string, string> Config { get; } = new Dictionary<string, string>
    {
        ["Auth:Tokens:0:Token"] = ReadsEventMetrics,
        ["Auth:Tokens:0:Scopes:0"] = "PIPES:READ:event_metrics",
        // The action in lower case: scopes are read as Tinybird writes them, in any case.
        ["Auth:Tokens:1:Token"] = ReadsEveryPipe,
        ["Auth:Tokens:1:Scopes:0"] = "pipes:read:*",
        ["Auth:Tokens:2:Token"] = AppendsUserEvents,
        ["Auth:Tokens:2:Scopes:0"] = "DATASOURCES:APPEND:user_events",
        ["Auth:Tokens:3:Token"] = ReadsUserEvents,
        ["Auth:Tokens:3:Scopes:0"] = "DATASOURCES:READ:user_events",
    };
}
