using System.Globalization;

namespace UserAnalytics.Bench;

/// <summary>Command-line flags of the benchmark.</summary>
public sealed class BenchOptions
{
    public string Command { get; private init; } = "all";

    public long Events { get; private init; } = 1_000_000;

    public int? UsersFlag { get; private init; }

    public int Users => UsersFlag ?? (int)Math.Max(100, Events / 50);

    public int Seed { get; private init; } = 1;

    public int Shards { get; private init; } = 32;

    public string DataDirectory { get; private init; } = "bench-data";

    public string? Postgres { get; private init; }

    public bool SkipPostgres { get; private init; }

    public double DurationSeconds { get; private init; } = 3;

    public int BatchLines { get; private init; } = 5000;

    public int IngestConcurrency { get; private init; } = 8;

    public int AggregateConcurrency { get; private init; } = 64;

    public int PerUserConcurrency { get; private init; } = 200;

    public int PeerRepeats { get; private init; } = 3;

    public string? Report { get; private init; }

    /// <summary>A running silo to use instead of starting one (commands ingest and queries).</summary>
    public string? Url { get; private init; }

    public string? Token { get; private init; }

    /// <summary>Only the queries whose label contains this text.</summary>
    public string? Only { get; private init; }

    public static BenchOptions Parse(string[] args)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        var command = "all";
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                var takesValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
                flags[args[i][2..]] = takesValue ? args[++i] : "true";
            }
            else
            {
                command = args[i];
            }
        }
        string? Flag(string name) => flags.GetValueOrDefault(name);
        long Long(string name, long fallback) => Flag(name) is { } v ? long.Parse(v.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) : fallback;
        var smoke = command == "smoke";
        return new BenchOptions
        {
            Command = smoke ? "all" : command,
            Events = Long("events", smoke ? 10_000 : 1_000_000),
            UsersFlag = Flag("users") is { } u ? int.Parse(u, CultureInfo.InvariantCulture) : null,
            Seed = (int)Long("seed", 1),
            Shards = (int)Long("shards", smoke ? 4 : 16),
            DataDirectory = Flag("data") ?? "bench-data",
            Postgres = Flag("pg") ?? Environment.GetEnvironmentVariable("UA_BENCH_PG"),
            SkipPostgres = Flag("no-postgres") is not null,
            DurationSeconds = Flag("duration") is { } d ? double.Parse(d, CultureInfo.InvariantCulture) : smoke ? 0.2 : 3,
            BatchLines = (int)Long("batch", smoke ? 500 : 5000),
            IngestConcurrency = (int)Long("concurrency", 8),
            AggregateConcurrency = (int)Long("aggregate-concurrency", smoke ? 4 : 64),
            PerUserConcurrency = (int)Long("user-concurrency", smoke ? 8 : 200),
            PeerRepeats = (int)Long("repeats", smoke ? 1 : 3),
            Report = Flag("report"),
            Url = Flag("url"),
            Token = Flag("token"),
            Only = Flag("only"),
        };
    }
}
