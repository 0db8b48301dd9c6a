using System.Diagnostics;
using Npgsql;
using UserAnalytics.Tests.Shared;

namespace UserAnalytics.Cluster.Tests;

/// <summary>
/// The PostgreSQL server the tests talk to: the one named by <c>UA_TEST_PG</c> (CI starts it), or
/// else a private one this process starts with <c>deploy/postgres.sh</c> on a free port. There is
/// no fake and no skip: without PostgreSQL these tests fail, saying how to install it.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string? _privateDirectory;

    private PostgresServer(string adminConnectionString, string? privateDirectory)
    {
        AdminConnectionString = adminConnectionString;
        _privateDirectory = privateDirectory;
    }

    /// <summary>A connection string whose role may create databases.</summary>
    public string AdminConnectionString { get; }

    public int Port => new NpgsqlConnectionStringBuilder(AdminConnectionString).Port;

    public static async Task<PostgresServer> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("UA_TEST_PG") is { Length: > 0 } configured)
        {
            return new PostgresServer(configured, null);
        }
        return await StartPrivateAsync();
    }

    /// <summary>A server of this process's own, whatever <c>UA_TEST_PG</c> says (a test that stops
    /// and starts PostgreSQL must not do it to a shared server).</summary>
    public static async Task<PostgresServer> StartPrivateAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "ua-test-pg-" + Guid.NewGuid().ToString("N")[..12]);
        var port = TestPorts.Free();
        var (exit, output, errors) = await RunAsync(RepositoryFile("deploy/postgres.sh"), "start", directory, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (exit != 0)
        {
            throw new InvalidOperationException(
                "These tests need PostgreSQL (apt-get install postgresql), or UA_TEST_PG set to a server's connection string. " +
                $"deploy/postgres.sh start failed with {exit}:\n{output}{errors}");
        }
        return new PostgresServer(output.Trim().Split('\n')[^1].Trim(), directory);
    }

    /// <summary>A new, empty database for one fixture, so runs and fixtures never see each other.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)];
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    /// <summary>Drops a test database; cleanup only, so a database that cannot be dropped yet is
    /// retried and then left behind rather than failing the test. <c>WITH (FORCE)</c> must signal
    /// every session on it, and a session of another role (an autovacuum worker, say) makes it
    /// fail with 42501 until that session ends.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(AdminConnectionString);
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
            {
                if (attempt == 10)
                {
                    return;
                }
                await Task.Delay(300);
            }
        }
    }

    /// <summary>Stops and starts the private server (the restart test needs one it owns).</summary>
    public async Task RestartAsync(TimeSpan down)
    {
        if (_privateDirectory is null)
        {
            throw new InvalidOperationException("Only a server started by the tests can be restarted.");
        }
        await RunAsync(RepositoryFile("deploy/postgres.sh"), "stop", _privateDirectory);
        await Task.Delay(down);
        var (exit, output, errors) = await RunAsync(RepositoryFile("deploy/postgres.sh"), "start", _privateDirectory, Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (exit != 0)
        {
            throw new InvalidOperationException($"PostgreSQL did not start again:\n{output}{errors}");
        }
    }

    public bool OwnsServer => _privateDirectory is not null;

    public async ValueTask DisposeAsync()
    {
        if (_privateDirectory is not null)
        {
            await RunAsync(RepositoryFile("deploy/postgres.sh"), "stop", _privateDirectory);
            try
            {
                Directory.Delete(_privateDirectory, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        }
    }

    public static string RepositoryFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "UserAnalytics.sln")))
            {
                return Path.Combine(dir.FullName, relative);
            }
        }
        throw new InvalidOperationException("The repository root (UserAnalytics.sln) was not found above " + AppContext.BaseDirectory);
    }

    private static async Task<(int Exit, string Output, string Errors)> RunAsync(string script, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }
}
