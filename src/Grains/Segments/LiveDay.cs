using UserAnalytics.GrainInterfaces.Activity;
using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Grains.Segments;

/// <summary>A segment's activity on one day, per shard: a baseline read from the shard, then the
/// batches after it from the stream.</summary>
internal sealed class LiveDay
{
    private const long OneDayMs = 86_400_000;
    private readonly Dictionary<int, Part> _parts = [];

    public LiveDay(long dayMs)
    {
        DayMs = dayMs;
    }

    public long DayMs { get; }

    public void SetBaseline(SegmentDayBaseline baseline) => _parts[baseline.Shard] = new Part(baseline);

    public void Add(ActivityBatch batch)
    {
        if (!_parts.TryGetValue(batch.Shard, out var part) || batch.Sequence <= part.Sequence)
        {
            return;
        }
        foreach (var touch in batch.Touches)
        {
            if (touch.TimestampMs >= DayMs && touch.TimestampMs < DayMs + OneDayMs)
            {
                part.Events++;
                part.Active.Add(touch.UserId);
                if (touch.EventType == "purchase")
                {
                    part.Purchasers.Add(touch.UserId);
                }
            }
        }
    }

    public SegmentLive Summary(string segmentId) => new(
        segmentId, DayMs, _parts.Values.Sum(p => p.Events), _parts.Values.Sum(p => p.Active.Count), _parts.Values.Sum(p => p.Purchasers.Count));

    private sealed class Part
    {
        public Part(SegmentDayBaseline baseline)
        {
            Sequence = baseline.Sequence;
            Events = baseline.Events;
            Active = new HashSet<string>(baseline.ActiveUsers, StringComparer.Ordinal);
            Purchasers = new HashSet<string>(baseline.Purchasers, StringComparer.Ordinal);
        }

        public long Sequence { get; }

        public long Events { get; set; }

        public HashSet<string> Active { get; }

        public HashSet<string> Purchasers { get; }
    }
}
