using UserAnalytics.Gateway.Auth;

namespace UserAnalytics.Gateway.Tests;

/// <summary>Where the admin token comes from, and that the console is told where a new one is but
/// never the token itself (API.md §5: tokens are never logged).</summary>
public sealed class AdminTokenTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ua-token-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void ANewTokenIsSavedAndTheConsoleGetsItsPathButNotTheToken()
    {
        using var console = new StringWriter();

        var token = AdminToken.Resolve(configured: null, _directory, console);

        var path = Path.Combine(_directory, AdminToken.FileName);
        Assert.StartsWith("ua_admin_", token, StringComparison.Ordinal);
        Assert.Equal(token, File.ReadAllText(path));
        Assert.Contains(path, console.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(token, console.ToString(), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void ASavedTokenIsReusedSilently()
    {
        var first = AdminToken.Resolve(configured: null, _directory, TextWriter.Null);
        using var console = new StringWriter();

        var second = AdminToken.Resolve(configured: null, _directory, console);

        Assert.Equal(first, second);
        Assert.Empty(console.ToString());
    }

    [Fact]
    public void AConfiguredTokenWinsAndNothingIsWritten()
    {
        using var console = new StringWriter();

        var token = AdminToken.Resolve(configured: " configured-token ", _directory, console);

        Assert.Equal("configured-token", token);
        Assert.False(Directory.Exists(_directory));
        Assert.Empty(console.ToString());
    }
}
