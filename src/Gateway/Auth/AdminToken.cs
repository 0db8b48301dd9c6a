using System.Security.Cryptography;

namespace UserAnalytics.Gateway.Auth;

/// <summary>Provides the admin token: from configuration, else from the data directory, else a new
/// one generated and saved there with mode 0600. There is no built-in default. The console is told
/// where the new token is, never the token: a service's standard output ends up in its journal,
/// and tokens are never logged (API.md §5).</summary>
internal static class AdminToken
{
    public const string FileName = "admin-token";

    public static string Resolve(string? configured, string dataDirectory, TextWriter console)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.Trim();
        }
        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            var saved = File.ReadAllText(path).Trim();
            if (saved.Length > 0)
            {
                return saved;
            }
        }
        Directory.CreateDirectory(dataDirectory);
        var token = "ua_admin_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var writer = new StreamWriter(path, options))
        {
            writer.Write(token);
        }
        console.WriteLine($"Generated an admin token and saved it in {path}, readable only by this user: TOKEN=$(cat {path})");
        return token;
    }
}
