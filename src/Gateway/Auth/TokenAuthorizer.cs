namespace UserAnalytics.Gateway.Auth;

/// <summary>Checks a request's token (<c>?token=</c> wins over <c>Authorization: Bearer</c>, as in
/// Tinybird) against the scope an endpoint needs.</summary>
internal sealed class TokenAuthorizer
{
    private readonly TokenStore _tokens;

    public TokenAuthorizer(TokenStore tokens)
    {
        _tokens = tokens;
    }

    /// <summary>Null when the request may proceed; otherwise the 403 to answer.</summary>
    public IResult? Check(HttpContext context, Scope required)
    {
        var scopes = _tokens.Find(TokenOf(context.Request));
        if (scopes is null)
        {
            return Errors.Forbidden("invalid authentication token");
        }
        foreach (var scope in scopes)
        {
            if (scope.Grants(required))
            {
                return null;
            }
        }
        return Errors.Forbidden($"the token does not have the scope {required}");
    }

    private static string? TokenOf(HttpRequest request)
    {
        if (request.Query.TryGetValue("token", out var query) && !string.IsNullOrEmpty(query))
        {
            return query.ToString();
        }
        var header = request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        return header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) ? header[bearer.Length..].Trim() : null;
    }
}
