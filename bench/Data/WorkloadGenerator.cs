using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using UserAnalytics.Bench.Report;

namespace UserAnalytics.Bench.Data;

/// <summary>
/// Generates a realistic event stream from a seed: activity per user follows a power law (a few
/// users do most of the events), events come in sessions of several events (40% with a client
/// session id, the rest split by 30-minute silences), purchase funnels leak at every step, and a
/// share of events carries content and recommendation ids drawn from skewed catalogues.
/// </summary>
public sealed class WorkloadGenerator
{
    private static readonly string[] Browse = ["page_view", "page_view", "page_view", "click", "scroll", "view", "view", "like", "share"];
    private static readonly string[] Platforms = ["web", "ios", "android"];
    private static readonly string[] Devices = ["desktop", "mobile", "tablet"];
    private static readonly (string Country, string[] Regions)[] Geography =
    [
        ("US", ["California", "New York", "Texas"]), ("DE", ["Bayern", "Berlin"]), ("FR", ["Île-de-France"]),
        ("CA", ["Ontario", "Quebec"]), ("BR", ["São Paulo"]), ("IN", ["Karnataka", "Delhi"]),
    ];
    private static readonly string[] Browsers = ["Chrome", "Safari", "Firefox", "Edge"];
    private static readonly string[] Oses = ["Windows", "macOS", "iOS", "Android", "Linux"];
    private const long Minute = 60_000;
    private const long Day = 86_400_000;

    private readonly WorkloadOptions _options;
    private readonly Random _random;
    private readonly long _start = new DateTimeOffset(2025, 1, 6, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    public WorkloadGenerator(WorkloadOptions options)
    {
        _options = options;
        _random = new Random(options.Seed);
    }

    public static WorkloadManifest Ensure(WorkloadOptions options, WorkloadFiles files)
    {
        if (files.Complete)
        {
            Console.WriteLine($"Using the data set in {files.Directory}");
            return JsonSerializer.Deserialize<WorkloadManifest>(File.ReadAllText(files.Manifest))!;
        }
        Directory.CreateDirectory(files.Directory);
        var manifest = new WorkloadGenerator(options).Write(files);
        File.WriteAllText(files.Manifest, JsonSerializer.Serialize(manifest));
        return manifest;
    }

    public WorkloadManifest Write(WorkloadFiles files)
    {
        var clock = Stopwatch.StartNew();
        using var progress = new Progress("generate", _options.Events);
        var weights = Enumerable.Range(0, _options.Users).Select(i => 1 / Math.Pow(i + 20, 1.1)).ToArray();
        var scale = _options.Events / weights.Sum();
        var contents = Enumerable.Range(0, 20_000).Select(i => $"content-{i:D5}").ToArray();
        var recommendations = Enumerable.Range(0, 2_000).Select(i => $"rec-{i:D4}").ToArray();
        using var ndjson = new StreamWriter(files.EventsNdjson, false, new UTF8Encoding(false), 1 << 20);
        using var csv = new StreamWriter(files.EventsCsv, false, new UTF8Encoding(false), 1 << 20);
        csv.Write("seq,event_id,user_id,session_id,event_type,timestamp,page,referrer,os,browser,platform,country,region,city,device,duration,content_id,recommendation_id,event_value,product_id,category,properties\n");
        long written = 0, bytes = 0;
        var sampleUsers = new List<string>();
        var line = new StringBuilder(512);
        for (var u = 0; u < _options.Users && written < _options.Events; u++)
        {
            var user = $"user-{u:D7}";
            if (u % Math.Max(1, _options.Users / 200) == 0)
            {
                sampleUsers.Add(user);
            }
            var quota = Math.Max(1, (long)Math.Round(weights[u] * scale * (0.5 + _random.NextDouble())));
            quota = Math.Min(quota, _options.Events - written);
            foreach (var e in UserEvents(user, quota, contents, recommendations))
            {
                written++;
                line.Clear();
                AppendJson(line, e);
                bytes += Encoding.UTF8.GetByteCount(line.ToString()) + 1;
                ndjson.Write(line);
                ndjson.Write('\n');
                line.Clear();
                AppendCsv(line, written, e);
                csv.Write(line);
                progress.Add(1);
            }
        }
        var customers = WriteCustomers(files.CustomersCsv, Math.Min(_options.Users, (int)written));
        var segments = WriteSegments(files.SegmentsCsv, Math.Min(_options.Users, (int)written));
        progress.Done($"{written:N0} events of {Math.Min(_options.Users, written):N0} users in {clock.Elapsed.TotalSeconds:F0} s");
        return new WorkloadManifest(
            written, _options.Users, customers, segments, _start, _start + (_options.DaysSpanned * Day), [.. sampleUsers],
            ["seg-bench-buyers", "seg-bench-mobile", "seg-bench-loyal"], contents[..50], recommendations[..50], bytes);
    }

    private IEnumerable<BenchEvent> UserEvents(string user, long quota, string[] contents, string[] recommendations)
    {
        var platform = Platforms[_random.Next(Platforms.Length)];
        var device = platform == "web" ? Devices[_random.Next(Devices.Length)] : "mobile";
        var (country, regions) = Geography[_random.Next(Geography.Length)];
        var region = regions[_random.Next(regions.Length)];
        var browser = Browsers[_random.Next(Browsers.Length)];
        var os = Oses[_random.Next(Oses.Length)];
        // Sessions start at random moments of the span (sorted), so heavy users are busy, not long-lived.
        var span = _options.DaysSpanned * Day;
        var sessionCount = (int)Math.Max(1, quota / 6);
        var starts = Enumerable.Range(0, sessionCount).Select(_ => _start + (long)(_random.NextDouble() * span)).Order().ToArray();
        long made = 0;
        for (var session = 0; made < quota; session++)
        {
            var time = starts[Math.Min(session, starts.Length - 1)] + (session >= starts.Length ? (session - starts.Length + 1) * 45 * Minute : 0);
            var sessionId = _random.NextDouble() < 0.4 ? $"{user}-s{session}" : string.Empty;
            var length = Math.Min(quota - made, 1 + Geometric(5));
            var funnelStep = _random.NextDouble() < 0.2 ? 0 : -1;
            for (var i = 0; i < length; i++)
            {
                string type;
                double value = 0;
                if (funnelStep >= 0)
                {
                    type = funnelStep switch { 0 => "page_view", 1 => "add_to_cart", 2 => "checkout", _ => "purchase" };
                    value = type == "purchase" ? Math.Round(5 + (_random.NextDouble() * 300), 2) : 0;
                    // Each step converts with falling probability: the funnel leaks.
                    funnelStep = funnelStep < 3 && _random.NextDouble() < 0.55 ? funnelStep + 1 : -1;
                }
                else
                {
                    type = Browse[_random.Next(Browse.Length)];
                }
                var content = _random.NextDouble() < 0.35 ? contents[Skewed(contents.Length)] : string.Empty;
                var recommendation = _random.NextDouble() < 0.2 ? recommendations[Skewed(recommendations.Length)] : string.Empty;
                yield return new BenchEvent(
                    RandomUuid(), user, sessionId, type, time, $"/p/{Skewed(500)}", i == 0 ? "https://search.example" : string.Empty,
                    os, browser, platform, country, region, device, Math.Round(_random.NextDouble() * 120, 1), content, recommendation, value,
                    type == "purchase" ? $"sku-{_random.Next(5000)}" : string.Empty);
                made++;
                time += (long)(_random.NextDouble() * 4 * Minute) + 1000;
            }
        }
    }

    private long WriteCustomers(string path, int users)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("seq,customer_id,name,email,age,gender,location,signup_date,lifetime_value,timestamp\n");
        long seq = 0;
        for (var u = 0; u < users; u++)
        {
            if (_random.NextDouble() > 0.7)
            {
                continue;
            }
            var id = $"user-{u:D7}";
            var signup = _start - (long)(_random.NextDouble() * 900 * Day);
            var ltv = Math.Round(Math.Pow(_random.NextDouble(), 3) * 5000, 2);
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{++seq},{id},Customer {u},{id}@example.com,{18 + _random.Next(60)},{(_random.Next(2) == 0 ? "f" : "m")},{Geography[_random.Next(Geography.Length)].Country},{Time(signup)},{ltv},{Time(_start)}\n");
            writer.Write(line);
        }
        return seq;
    }

    private long WriteSegments(string path, int users)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("seq,user_id,segment_id,segment_name,created_at,updated_at,active\n");
        long seq = 0;
        string[] segments = ["seg-bench-buyers", "seg-bench-mobile", "seg-bench-loyal"];
        for (var u = 0; u < users; u++)
        {
            for (var s = 0; s < segments.Length; s++)
            {
                if (_random.NextDouble() < 0.15 * (s + 1))
                {
                    writer.Write(string.Create(CultureInfo.InvariantCulture, $"{++seq},user-{u:D7},{segments[s]},{segments[s]},{Time(_start)},{Time(_start)},1\n"));
                }
            }
        }
        return seq;
    }

    private static void AppendJson(StringBuilder b, BenchEvent e)
    {
        b.Append("{\"event_id\":\"").Append(e.EventId).Append("\",\"user_id\":\"").Append(e.UserId).Append('"');
        if (e.SessionId.Length > 0)
        {
            b.Append(",\"session_id\":\"").Append(e.SessionId).Append('"');
        }
        b.Append(",\"event_type\":\"").Append(e.EventType).Append("\",\"timestamp\":\"").Append(Time(e.TimestampMs))
            .Append("\",\"page\":\"").Append(e.Page).Append("\",\"referrer\":\"").Append(e.Referrer)
            .Append("\",\"os\":\"").Append(e.Os).Append("\",\"browser\":\"").Append(e.Browser)
            .Append("\",\"platform\":\"").Append(e.Platform).Append("\",\"country\":\"").Append(e.Country)
            .Append("\",\"region\":\"").Append(e.Region).Append("\",\"device\":\"").Append(e.Device)
            .Append("\",\"duration\":").Append(e.Duration.ToString(CultureInfo.InvariantCulture));
        if (e.ContentId.Length > 0)
        {
            b.Append(",\"content_id\":\"").Append(e.ContentId).Append('"');
        }
        if (e.RecommendationId.Length > 0)
        {
            b.Append(",\"recommendation_id\":\"").Append(e.RecommendationId).Append('"');
        }
        if (e.EventValue != 0)
        {
            b.Append(",\"event_value\":").Append(e.EventValue.ToString(CultureInfo.InvariantCulture))
                .Append(",\"product_id\":\"").Append(e.ProductId).Append('"');
        }
        b.Append('}');
    }

    private static void AppendCsv(StringBuilder b, long seq, BenchEvent e)
    {
        b.Append(seq).Append(',').Append(e.EventId).Append(',').Append(e.UserId).Append(',').Append(e.SessionId).Append(',')
            .Append(e.EventType).Append(',').Append(Time(e.TimestampMs)).Append(',').Append(e.Page).Append(',').Append(e.Referrer).Append(',')
            .Append(e.Os).Append(',').Append(e.Browser).Append(',').Append(e.Platform).Append(',').Append(e.Country).Append(',')
            .Append(e.Region).Append(",,").Append(e.Device).Append(',').Append(e.Duration.ToString(CultureInfo.InvariantCulture)).Append(',')
            .Append(e.ContentId).Append(',').Append(e.RecommendationId).Append(',').Append(e.EventValue.ToString(CultureInfo.InvariantCulture)).Append(',')
            .Append(e.ProductId).Append(",,\n");
    }

    public static string Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private int Geometric(double mean) => (int)Math.Floor(Math.Log(1 - _random.NextDouble()) / Math.Log(1 - (1 / (mean + 1))));

    /// <summary>An index skewed towards the start of a catalogue (popular items).</summary>
    private int Skewed(int size) => Math.Min(size - 1, (int)(size * Math.Pow(_random.NextDouble(), 2.5)));

    private string RandomUuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    private readonly record struct BenchEvent(
        string EventId, string UserId, string SessionId, string EventType, long TimestampMs, string Page, string Referrer,
        string Os, string Browser, string Platform, string Country, string Region, string Device, double Duration,
        string ContentId, string RecommendationId, double EventValue, string ProductId);
}
