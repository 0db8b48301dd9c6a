using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace UserAnalytics.Differential.Tests.Data;

/// <summary>
/// Generates a random data set from a seed, with the hard cases of the contract on purpose: events
/// without session_id and gaps just under, at and over 30 minutes; funnel steps with equal
/// timestamps; repeated event_ids (same user: a duplicate; another user: not); every accepted
/// timestamp format and column alias; superseded segment rows and ties; customers with several
/// versions (and equal version times) and customers without events; a few invalid rows.
/// </summary>
public sealed class DataSetGenerator
{
    private static readonly string[] Types = ["page_view", "click", "view", "like", "share", "add_to_cart", "checkout", "purchase", "scroll", "signup"];
    private static readonly string[] Platforms = ["web", "ios", "android", ""];
    private static readonly string[] Devices = ["desktop", "mobile", "tablet"];
    private static readonly string[] Countries = ["US", "CA", "DE", "FR", ""];
    private static readonly string[] Browsers = ["Chrome", "Safari", "Firefox", ""];
    private static readonly string[] Oses = ["iOS", "Android", "Windows", "Linux"];
    private static readonly string[] Locations = ["New York", "Berlin", "Paris, FR", "Toronto", ""];
    private static readonly string[] Funnel = ["page_view", "add_to_cart", "checkout", "purchase"];
    private static readonly long Base = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private const long Second = 1000;
    private const long Minute = 60 * Second;
    private const long Day = 86_400_000;

    private readonly Random _random;
    private readonly int _users;
    private long _eventCounter;

    public DataSetGenerator(int seed, int users)
    {
        _random = new Random(seed);
        _users = users;
    }

    public DataSet Generate(int seed)
    {
        var userIds = Enumerable.Range(0, _users).Select(UserId).ToArray();
        var contents = Enumerable.Range(1, 25).Select(i => $"c{i:D2}").ToArray();
        var recommendations = Enumerable.Range(1, 12).Select(i => $"rec-{i:D2}").ToArray();
        var events = userIds.SelectMany(u => UserEvents(u, contents, recommendations)).ToList();
        var requests = new List<LoadRequest>();
        requests.AddRange(EventRequests(events));
        var customers = Customers(userIds);
        requests.AddRange(CustomerRequests(customers));
        var segments = SegmentRows(userIds);
        requests.AddRange(SegmentRequests(segments));
        return new DataSet
        {
            Seed = seed,
            Requests = requests,
            UserIds = userIds,
            CustomerIds = [.. customers.Select(c => c.CustomerId).Distinct()],
            SegmentIds = [.. segments.Select(s => s.SegmentId).Distinct().Order(StringComparer.Ordinal)],
            ContentIds = contents,
            RecommendationIds = recommendations,
            EventTypes = Types,
            Platforms = Platforms,
            Devices = Devices,
            Countries = Countries,
            Locations = Locations,
            StartMs = events.Min(e => e.TimestampMs),
            EndMs = events.Max(e => e.TimestampMs),
        };
    }

    private static string UserId(int i) => i switch
    {
        // A few ids whose order differs between UTF-16 and UTF-8 comparisons, and non-ASCII ones.
        3 => "u-é-3",
        5 => "u-\U0001F600-5",
        7 => "u-\uFF21-7",
        _ => $"u{i:D4}",
    };

    private IEnumerable<GeneratedEvent> UserEvents(string user, string[] contents, string[] recommendations)
    {
        var time = Base + (long)(_random.NextDouble() * 40 * Day);
        var sessions = 1 + _random.Next(6);
        for (var s = 0; s < sessions; s++)
        {
            var explicitSession = _random.NextDouble() < 0.4 ? $"sess-{user}-{s}" : string.Empty;
            var platform = Pick(Platforms);
            var device = Pick(Devices);
            var country = Pick(Countries);
            var count = 1 + _random.Next(8);
            var funnel = _random.NextDouble() < 0.3;
            for (var i = 0; i < count; i++)
            {
                var type = funnel && i < Funnel.Length ? Funnel[i] : Pick(Types);
                yield return Event(user, explicitSession, type, time, platform, device, country, contents, recommendations);
                time += Gap();
            }
            // The next session: usually hours or days later, sometimes right at the 30-minute edge.
            time += _random.Next(5) switch
            {
                0 => 30 * Minute - Gap(),
                1 => 30 * Minute + 1,
                _ => (long)(_random.NextDouble() * 3 * Day) + (31 * Minute),
            };
        }
    }

    /// <summary>Time to the next event of a session: equal times, seconds, milliseconds, or exactly 30 minutes.</summary>
    private long Gap() => _random.Next(10) switch
    {
        0 => 0,
        1 => 30 * Minute,
        2 => _random.Next(1, 1000),
        _ => _random.Next(1, 600) * Second,
    };

    private GeneratedEvent Event(string user, string session, string type, long time, string platform, string device, string country, string[] contents, string[] recommendations)
    {
        var id = $"ev-{++_eventCounter:D6}";
        // Content is as skewed as real content is: a few items draw most views.
        var content = _random.NextDouble() < 0.35 ? contents[(int)(contents.Length * Math.Pow(_random.NextDouble(), 3))] : string.Empty;
        var recommendation = _random.NextDouble() < 0.25 ? Pick(recommendations) : string.Empty;
        var properties = _random.Next(3) switch
        {
            0 => string.Empty,
            1 => $"{{\"source\":\"{Pick(["home", "search", "email"])}\",\"n\":{_random.Next(100)}}}",
            _ => $"{{\"ab\":{{\"variant\":\"{Pick(["a", "b"])}\"}},\"tags\":[1,2]}}",
        };
        return new GeneratedEvent(
            id, user, session, type, time, $"/p/{_random.Next(12)}", Pick(["", "https://google.com", "https://t.co"]),
            Pick(Oses), Pick(Browsers), platform, country, country.Length == 0 ? string.Empty : $"{country}-r{_random.Next(3)}",
            Pick(["", "Springfield", "Zürich", "Köln"]), device, _random.Next(0, 2400) * 0.25, content, recommendation,
            type == "purchase" ? _random.Next(1, 400) * 0.5 : (_random.NextDouble() < 0.1 ? _random.Next(0, 20) * 0.5 : 0),
            type == "purchase" ? $"prod-{_random.Next(20)}" : string.Empty, Pick(["", "books", "games"]), properties);
    }

    private IEnumerable<LoadRequest> EventRequests(List<GeneratedEvent> events)
    {
        // Arrival order is not time order: most events come roughly in order, some late.
        var order = events.Select(e => (Event: e, Key: e.TimestampMs + (_random.NextDouble() < 0.1 ? (long)(_random.NextDouble() * 5 * Day) : 0))).OrderBy(x => x.Key).Select(x => x.Event).ToList();
        var sent = new List<GeneratedEvent>();
        var index = 0;
        while (index < order.Count)
        {
            var size = Math.Min(order.Count - index, 1 + _random.Next(400));
            var batch = order.GetRange(index, size);
            index += size;
            // Re-send some earlier events with other attributes: the first stored must win.
            if (sent.Count > 10 && _random.NextDouble() < 0.5)
            {
                for (var d = 0; d < 3; d++)
                {
                    var original = sent[_random.Next(sent.Count)];
                    batch.Insert(_random.Next(batch.Count + 1), original with { EventType = "duplicate_" + original.EventType, Duration = original.Duration + 1 });
                }
            }
            // The same event id for another user is a different event.
            if (_random.NextDouble() < 0.3 && sent.Count > 0)
            {
                var other = sent[_random.Next(sent.Count)];
                var otherUser = Pick(events).UserId;
                if (otherUser != other.UserId)
                {
                    batch.Add(other with { UserId = otherUser, SessionId = string.Empty });
                }
            }
            sent.AddRange(batch);
            yield return EventRequest(batch);
        }
    }

    private LoadRequest EventRequest(List<GeneratedEvent> batch)
    {
        var asCustomerEvents = _random.NextDouble() < 0.2;
        var lines = batch.Select(e => RenderEvent(e, asCustomerEvents)).ToList();
        var invalid = 0;
        if (_random.NextDouble() < 0.3)
        {
            string[] bad =
            [
                "{\"user_id\": \"u0001\", \"event_type\": \"view\", \"timestamp\": \"not a time\"}",
                "{\"user_id\": \"u0001\", \"event_type\": \"view\", \"timestamp\": \"2024-03-05\", \"duration\": \"45\"}",
                "{\"event_type\": \"view\", \"timestamp\": \"2024-03-05\"}",
                "{broken json",
            ];
            lines.Insert(_random.Next(lines.Count + 1), Pick(bad));
            invalid = 1;
        }
        var dataSource = asCustomerEvents ? "customer_events" : "user_events";
        if (_random.NextDouble() < 0.15 && invalid == 0)
        {
            return Build($"v0/events?name={dataSource}", "[" + string.Join(",", lines) + "]", "application/json", batch, 0);
        }
        return Build($"v0/events?name={dataSource}", string.Join("\n", lines), "application/x-ndjson", batch, invalid);
    }

    private string RenderEvent(GeneratedEvent e, bool asCustomerEvents)
    {
        // Every event carries its id: an id the server generates could not be compared.
        var o = new Dictionary<string, object?> { ["event_id"] = e.EventId };
        o[asCustomerEvents || _random.NextDouble() < 0.1 ? "customer_id" : "user_id"] = e.UserId;
        if (e.SessionId.Length > 0)
        {
            o["session_id"] = e.SessionId;
        }
        else if (_random.NextDouble() < 0.1)
        {
            o["session_id"] = null;
        }
        o["event_type"] = e.EventType;
        o["timestamp"] = RenderTime(e.TimestampMs);
        Optional(o, _random.NextDouble() < 0.3 ? "page_url" : "page", e.Page);
        Optional(o, "referrer", e.Referrer);
        Optional(o, "os", e.Os);
        Optional(o, "browser", e.Browser);
        Optional(o, "platform", e.Platform);
        Optional(o, "country", e.Country);
        Optional(o, "region", e.Region);
        Optional(o, "city", e.City);
        Optional(o, _random.NextDouble() < 0.3 ? "device_type" : "device", e.Device);
        if (e.Duration != 0 || _random.NextDouble() < 0.3)
        {
            o["duration"] = e.Duration;
        }
        Optional(o, "content_id", e.ContentId);
        Optional(o, "recommendation_id", e.RecommendationId);
        if (e.EventValue != 0 || _random.NextDouble() < 0.2)
        {
            o["event_value"] = e.EventValue;
        }
        Optional(o, "product_id", e.ProductId);
        Optional(o, "category", e.Category);
        if (e.Properties.Length > 0)
        {
            var key = _random.NextDouble() < 0.3 ? "metadata" : "properties";
            // As a JSON string, or as the object itself (stored compact, keys in order).
            o[key] = _random.NextDouble() < 0.5 ? e.Properties : JsonSerializer.Deserialize<JsonElement>(e.Properties);
        }
        o["unknown_extra"] = _random.NextDouble() < 0.05 ? new { nested = true } : null;
        return JsonSerializer.Serialize(o);
    }

    private void Optional(Dictionary<string, object?> o, string key, string value)
    {
        if (value.Length > 0 || _random.NextDouble() < 0.2)
        {
            o[key] = value;
        }
    }

    /// <summary>Every accepted time format, each chosen only where it can express the value exactly.</summary>
    private object RenderTime(long ms)
    {
        var t = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        var wholeSecond = ms % 1000 == 0;
        return _random.Next(7) switch
        {
            0 => t.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
            1 when wholeSecond => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            2 => t.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            3 => t.ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
            4 => ms,
            5 when wholeSecond => ms / 1000,
            6 when ms % Day == 0 => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => t.ToOffset(TimeSpan.FromHours(-5)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
        };
    }

    private List<GeneratedCustomer> Customers(string[] users)
    {
        var reference = Base + (50 * Day);
        var ids = users.Where(_ => _random.NextDouble() < 0.8).Concat(Enumerable.Range(0, 6).Select(i => $"lurker-{i}")).ToList();
        var customers = new List<GeneratedCustomer>();
        foreach (var id in ids)
        {
            var versions = 1 + _random.Next(3);
            var stamp = Base + (long)(_random.NextDouble() * 30 * Day) / Second * Second;
            for (var v = 0; v < versions; v++)
            {
                // Lifetime values and signup ages around the segment boundaries.
                var ltv = Pick([99.99, 100, 100.5, 999.99, 1000, 2500.25, 12.5, 0]);
                var signupDaysAgo = Pick([30, 89, 90, 91, 92, 364, 365, 366, 367, 800]) + 53;
                var signup = reference - (signupDaysAgo * Day) + (_random.Next(-2, 3) * 3_600_000L);
                customers.Add(new GeneratedCustomer(
                    id, Pick(["Ann", "Bob \"B\" Smith", "Chloé, Jr", "Dan"]) + v, $"{id}@example.com", 18 + _random.Next(60),
                    Pick(["f", "m", ""]), Pick(Locations), signup, ltv, stamp));
                // The next version is later, or at the same time (the later row wins the tie).
                stamp += _random.NextDouble() < 0.3 ? 0 : _random.Next(1, 10) * Day;
            }
        }
        return customers;
    }

    private IEnumerable<LoadRequest> CustomerRequests(List<GeneratedCustomer> customers)
    {
        // Most through the bulk API as CSV (quoted fields with commas and quotes), the rest as events.
        var split = customers.Count * 3 / 4;
        var csv = new StringBuilder("customer_id,name,email,age,gender,location,signup_date,lifetime_value,timestamp\n");
        foreach (var c in customers.Take(split))
        {
            csv.Append(Csv(c.CustomerId)).Append(',').Append(Csv(c.Name)).Append(',').Append(Csv(c.Email)).Append(',')
                .Append(c.Age.ToString(CultureInfo.InvariantCulture)).Append(',').Append(c.Gender).Append(',').Append(Csv(c.Location)).Append(',')
                .Append(DateTimeOffset.FromUnixTimeMilliseconds(c.SignupDateMs).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(',')
                .Append(c.LifetimeValue.ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append(DateTimeOffset.FromUnixTimeMilliseconds(c.TimestampMs).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append('\n');
        }
        csv.Append("\"broken,row\n");
        yield return Build("v0/datasources?name=customers&mode=append", csv.ToString(), "text/csv", customers.Take(split).ToList(), 1);
        var rest = customers.Skip(split).ToList();
        var lines = rest.Select(c => JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["customer_id"] = c.CustomerId,
            ["name"] = c.Name,
            ["email"] = c.Email,
            ["age"] = c.Age,
            ["gender"] = c.Gender,
            ["location"] = c.Location,
            ["signup_date"] = c.SignupDateMs / 1000,
            ["lifetime_value"] = c.LifetimeValue,
            ["timestamp"] = RenderTime(c.TimestampMs),
        }));
        yield return Build("v0/events?name=customers", string.Join("\n", lines), "application/x-ndjson", rest, 0);
    }

    private List<GeneratedSegmentRow> SegmentRows(string[] users)
    {
        var rows = new List<GeneratedSegmentRow>();
        string[] segments = ["seg-alpha", "seg-beta", "seg-gamma", "seg-empty"];
        foreach (var segment in segments)
        {
            var created = Base + (_random.Next(5) * Day);
            foreach (var user in users.Where(_ => _random.NextDouble() < 0.35))
            {
                var active = segment != "seg-empty";
                rows.Add(new GeneratedSegmentRow(user, segment, segment.ToUpperInvariant() + " v1", created, created, active));
                switch (_random.Next(6))
                {
                    case 0: // left later
                        rows.Add(new GeneratedSegmentRow(user, segment, segment.ToUpperInvariant() + " v2", created, created + Day, false));
                        break;
                    case 1: // a stale row sent later loses
                        rows.Add(new GeneratedSegmentRow(user, segment, segment.ToUpperInvariant() + " v0", created, created - Day, !active));
                        break;
                    case 2: // the same update time: the later row wins, and the greatest name names the segment
                        rows.Add(new GeneratedSegmentRow(user, segment, segment.ToUpperInvariant() + " v1b", created, created, !active));
                        break;
                }
            }
        }
        return rows;
    }

    private IEnumerable<LoadRequest> SegmentRequests(List<GeneratedSegmentRow> rows)
    {
        var lines = rows.Select(r => JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["user_id"] = r.UserId,
            ["segment_id"] = r.SegmentId,
            ["segment_name"] = r.SegmentName,
            ["created_at"] = RenderTime(r.CreatedAtMs),
            ["updated_at"] = RenderTime(r.UpdatedAtMs),
            ["active"] = _random.NextDouble() < 0.5 ? (r.Active ? 1 : 0) : r.Active,
        }));
        yield return Build("v0/events?name=user_segments", string.Join("\n", lines), "application/x-ndjson", rows, 0);
    }

    private LoadRequest Build(string path, string body, string contentType, IReadOnlyList<object> stored, int invalid)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var gzip = _random.NextDouble() < 0.2;
        if (gzip)
        {
            using var compressed = new MemoryStream();
            using (var stream = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                stream.Write(bytes);
            }
            bytes = compressed.ToArray();
        }
        return new LoadRequest(path, bytes, contentType, gzip, stored, invalid);
    }

    private static string Csv(string value) =>
        value.Contains(',', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal)
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
