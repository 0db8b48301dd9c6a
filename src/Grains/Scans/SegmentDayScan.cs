using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Scans;

/// <summary>A segment's members' activity in a store on one UTC day.</summary>
internal static class SegmentDayScan
{
    private const long DayMs = 86_400_000;

    public static (long Events, string[] Active, string[] Purchasers) Run(EventStore store, string segmentId, long dayStartMs)
    {
        var members = store.FindSegment(segmentId)?.Members;
        if (members is null)
        {
            return (0, [], []);
        }
        var purchase = store.Pool(EventColumn.EventType).Find("purchase");
        using var view = store.CreateView();
        long events = 0;
        var active = new List<string>();
        var purchasers = new List<string>();
        foreach (var index in members)
        {
            var user = store.Users[index];
            var rows = view.Load(user);
            var (start, end) = (rows.LowerBound(dayStartMs), rows.LowerBound(dayStartMs + DayMs));
            if (start == end)
            {
                continue;
            }
            events += end - start;
            active.Add(user.UserId);
            var types = rows.Codes(EventColumn.EventType);
            for (var i = start; i < end; i++)
            {
                if (types[i] == purchase)
                {
                    purchasers.Add(user.UserId);
                    break;
                }
            }
        }
        return (events, [.. active], [.. purchasers]);
    }
}
