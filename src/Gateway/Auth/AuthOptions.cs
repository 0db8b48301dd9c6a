namespace UserAnalytics.Gateway.Auth;

/// <summary>Tokens the gateway accepts.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The admin token (<c>UA_ADMIN_TOKEN</c>). When empty, one is generated on first start,
    /// saved in the data directory (mode 0600); the console is told where, never the token.</summary>
    public string? AdminToken { get; set; }

    /// <summary>Further tokens with limited scopes.</summary>
    public List<TokenOptions> Tokens { get; set; } = [];
}

/// <summary>A token and its scopes, such as <c>PIPES:READ:*</c> or <c>DATASOURCES:APPEND:user_events</c>.</summary>
public sealed class TokenOptions
{
    public string Token { get; set; } = string.Empty;

    public List<string> Scopes { get; set; } = [];
}
