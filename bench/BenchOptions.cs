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

    /// <summary>The open-loop run of the per-user pipes and lookups: requests a second (0: none).</summary>
    public double OpenRate { get; private init; } = 20_000;

    public int OpenClients { get; private init; } = 64;

    public Runs.QueryRun.OpenLoad? OpenLoad => OpenRate > 0 ? new(OpenRate, OpenClients) : null;

    /// <summary>The running silo's process id (commands queries and lookups), for its CPU per request.</summary>
    public int? Pid { get; private init; }

    public string? Report { get; private init; }

    /// <summary>A running silo to use instead of starting one (commands ingest, queries and lookups).</summary>
    public string? Url { get; private init; }

    public string? Token { get; private init; }

    /// <summary>Only the queries whose label contains this text.</summary>
    public string? Only { get; private init; }

    /// <summary>Every flag the bench knows, with what it does: parsing refuses any other (a typo such as
    /// <c>--evnets</c> would otherwise run the default million events), and <c>--help</c> prints them.</summary>
    public static IReadOnlyList<(string Flag, string Help)> Flags { get; } =
    [
        ("events", "events in the data set (default 1000000; smoke 10000)"),
        ("users", "users in the data set (default events / 50)"),
        ("seed", "the generator's seed (default 1)"),
        ("shards", "event shards of the silo the bench starts (default 16; smoke 4)"),
        ("data", "directory of data sets and silo data (default bench-data)"),
        ("pg", "PostgreSQL connection string for the peer (or UA_BENCH_PG)"),
        ("no-postgres", "skip the PostgreSQL peer"),
        ("duration", "seconds per query run (default 3)"),
        ("batch", "NDJSON lines per ingest request (default 5000)"),
        ("concurrency", "ingest clients (default 8)"),
        ("aggregate-concurrency", "clients of the aggregate pipes (default 64)"),
        ("user-concurrency", "clients of the per-user pipes (default 200)"),
        ("repeats", "peer runs per pipe, median taken (default 3)"),
        ("open-rate", "requests a second of the open-loop run of per-user pipes and lookups (default 20000; smoke 200; 0: none)"),
        ("open-clients", "connections of the open-loop run (default 64; smoke 4)"),
        ("pid", "the running silo's process id, for its CPU per request (default: the one UserAnalytics.Silo process)"),
        ("report", "also write the report to this file"),
        ("url", "a running silo (commands ingest, queries and lookups)"),
        ("token", "its admin token"),
        ("only", "only the queries (or lookups) whose label contains this text"),
    ];

    public static string Usage =>
        "usage: bench [all|smoke|generate|ingest|queries|lookups|micro|replay] [--flag value]...\n" +
        string.Concat(Flags.Select(f => $"  --{f.Flag,-22} {f.Help}\n"));

    /// <summary>Parses the command line; throws <see cref="ArgumentException"/> naming a flag it does
    /// not know, and returns <see cref="Command"/> "help" for <c>--help</c>, <c>-h</c> or <c>help</c>.</summary>
    public static BenchOptions Parse(string[] args)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        var command = "all";
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--help" or "-h")
            {
                return new BenchOptions { Command = "help" };
            }
            if (args[i].StartsWith('-'))
            {
                var name = args[i].TrimStart('-');
                if (!Flags.Any(f => f.Flag == name))
                {
                    throw new ArgumentException($"Unknown flag '{args[i]}'.\n{Usage}");
                }
                var takesValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
                flags[name] = takesValue ? args[++i] : "true";
            }
            else
            {
                command = args[i];
            }
        }
        string? Flag(string name) => flags.GetValueOrDefault(name);
        long Long(string name, long fallback) => Flag(name) is { } v
            ? long.TryParse(v.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : throw Bad(name, v)
            : fallback;
        double Double(string name, double fallback, bool zero = false) => Flag(name) is { } v
            ? double.TryParse(v.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && (n > 0 || (zero && n == 0)) ? n : throw Bad(name, v)
            : fallback;
        static ArgumentException Bad(string name, string value) => new($"--{name} takes a non-negative number, not '{value}'.");
        var smoke = command == "smoke";
        return new BenchOptions
        {
            Command = smoke ? "all" : command,
            Events = Long("events", smoke ? 10_000 : 1_000_000),
            UsersFlag = Flag("users") is not null ? (int)Long("users", 0) : null,
            Seed = (int)Long("seed", 1),
            Shards = (int)Long("shards", smoke ? 4 : 16),
            DataDirectory = Flag("data") ?? "bench-data",
            Postgres = Flag("pg") ?? Environment.GetEnvironmentVariable("UA_BENCH_PG"),
            SkipPostgres = Flag("no-postgres") is not null,
            DurationSeconds = Double("duration", smoke ? 0.2 : 3),
            BatchLines = (int)Long("batch", smoke ? 500 : 5000),
            IngestConcurrency = (int)Long("concurrency", 8),
            AggregateConcurrency = (int)Long("aggregate-concurrency", smoke ? 4 : 64),
            PerUserConcurrency = (int)Long("user-concurrency", smoke ? 8 : 200),
            PeerRepeats = (int)Long("repeats", smoke ? 1 : 3),
            OpenRate = Double("open-rate", smoke ? 200 : 20_000, zero: true),
            OpenClients = (int)Long("open-clients", smoke ? 4 : 64),
            Pid = Flag("pid") is not null ? (int)Long("pid", 0) : null,
            Report = Flag("report"),
            Url = Flag("url"),
            Token = Flag("token"),
            Only = Flag("only"),
        };
    }
}
