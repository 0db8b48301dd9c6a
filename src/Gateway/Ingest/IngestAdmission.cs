using Microsoft.Extensions.Options;

namespace UserAnalytics.Gateway.Ingest;

/// <summary>
/// Bounds the ingest requests (Events API and bulk loads) one gateway works on at once. Past
/// <see cref="IngestOptions.MaxRequestsInFlight"/>, a request is answered 429 with Retry-After at
/// once (API.md §4: overload), before its body is read: without a bound, requests that arrive
/// faster than the shards store them wait in the shards' queues, each holding its rows, until
/// their calls time out as 503s after the response timeout.
/// </summary>
internal sealed class IngestAdmission
{
    /// <summary>What a refused client is told to wait, in seconds.</summary>
    public const int RetryAfterSeconds = 1;

    private int _inFlight;

    public IngestAdmission(IOptions<IngestOptions> options)
    {
        Limit = options.Value.MaxRequestsInFlight;
    }

    public int Limit { get; }

    /// <summary>Admits a request, to be released by disposing the returned lease; null when the
    /// gateway already works on <see cref="Limit"/> of them.</summary>
    public Lease? TryEnter()
    {
        // Counts up only below the limit, so refused attempts never hold a slot, even for a moment.
        var seen = Volatile.Read(ref _inFlight);
        while (seen < Limit)
        {
            var before = Interlocked.CompareExchange(ref _inFlight, seen + 1, seen);
            if (before == seen)
            {
                return new Lease(this);
            }
            seen = before;
        }
        return null;
    }

    /// <summary>The 429 for a refused request.</summary>
    public IResult Refusal() => Errors.TooManyRequests(
        $"this gateway is already working on {Limit} ingest requests (Ingest:MaxRequestsInFlight); retry after {RetryAfterSeconds} s",
        RetryAfterSeconds);

    /// <summary>One admitted request; disposing it (once) lets another in.</summary>
    public sealed class Lease : IDisposable
    {
        private IngestAdmission? _owner;

        internal Lease(IngestAdmission owner)
        {
            _owner = owner;
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _owner, null) is { } owner)
            {
                Interlocked.Decrement(ref owner._inFlight);
            }
        }
    }
}
