using System.Text.Json;
using UserAnalytics.Gateway.Hosting;

namespace UserAnalytics.Silo.Hosting;

/// <summary>
/// Claims the data directory for this process (a second silo on the same directory would corrupt
/// the logs) and pins the shard count chosen on first start: the logs are partitioned by it, so
/// starting with another count is refused with an explanation instead of silently misrouting users.
/// </summary>
internal sealed class DataDirectory : IDisposable
{
    private const string LockFile = ".lock";
    private const string LayoutFile = "layout.json";
    private readonly FileStream _lock;

    private DataDirectory(string path, FileStream lockStream)
    {
        Path = path;
        _lock = lockStream;
    }

    public string Path { get; }

    public string Logs => System.IO.Path.Combine(Path, "logs");

    public string GrainState => System.IO.Path.Combine(Path, "grains");

    public string Checkpoints => System.IO.Path.Combine(Path, "checkpoints");

    public string ColdColumns => System.IO.Path.Combine(Path, "cold");

    public static DataDirectory Claim(string path, int shards)
    {
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(full);
        FileStream lockStream;
        try
        {
            lockStream = new FileStream(System.IO.Path.Combine(full, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new StartupException($"The data directory {full} is in use by another UserAnalytics process.", ex);
        }
        var directory = new DataDirectory(full, lockStream);
        directory.PinShardCount(shards);
        return directory;
    }

    public void Dispose() => _lock.Dispose();

    private void PinShardCount(int shards)
    {
        var layoutPath = System.IO.Path.Combine(Path, LayoutFile);
        if (File.Exists(layoutPath))
        {
            var layout = JsonSerializer.Deserialize<Layout>(File.ReadAllText(layoutPath));
            if (layout is not null && layout.Shards != shards)
            {
                throw new StartupException(
                    $"The data in {Path} is partitioned into {layout.Shards} shards, but Sharding:Shards (UA_SHARDS) is {shards}. " +
                    $"Start with UA_SHARDS={layout.Shards}, or use a new data directory.");
            }
            return;
        }
        File.WriteAllText(layoutPath, JsonSerializer.Serialize(new Layout(shards)));
    }

    private sealed record Layout(int Shards);
}
