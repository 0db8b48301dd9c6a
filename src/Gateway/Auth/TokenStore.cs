using System.Security.Cryptography;
using System.Text;

namespace UserAnalytics.Gateway.Auth;

/// <summary>The accepted tokens. Tokens are kept only as SHA-256 digests and compared in constant
/// time against every known token, so neither timing nor a memory dump gives one away.</summary>
internal sealed class TokenStore
{
    private readonly List<(byte[] Digest, Scope[] Scopes)> _tokens = [];

    public TokenStore(string adminToken, IEnumerable<TokenOptions> others)
    {
        _tokens.Add((Digest(adminToken), [new Scope(Scope.Admin, "*")]));
        foreach (var token in others)
        {
            if (string.IsNullOrEmpty(token.Token))
            {
                throw new InvalidOperationException("A configured token under Auth:Tokens is empty.");
            }
            _tokens.Add((Digest(token.Token), token.Scopes.Select(Scope.Parse).ToArray()));
        }
    }

    /// <summary>The scopes of <paramref name="token"/>, or null when it is unknown.</summary>
    public Scope[]? Find(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }
        var digest = Digest(token);
        Scope[]? found = null;
        foreach (var (known, scopes) in _tokens)
        {
            if (CryptographicOperations.FixedTimeEquals(known, digest))
            {
                found = scopes;
            }
        }
        return found;
    }

    private static byte[] Digest(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
