using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Scans;

/// <summary>The codes of the event types that count as impressions and interactions
/// (-1 when no stored event has the type, which no row's code equals).</summary>
internal readonly struct MeasureTypeCodes
{
    public MeasureTypeCodes(StringPool pool)
    {
        View = pool.Find("view");
        Click = pool.Find("click");
        Like = pool.Find("like");
        Share = pool.Find("share");
        PageView = pool.Find("page_view");
        Purchase = pool.Find("purchase");
    }

    public int View { get; }

    public int Click { get; }

    public int Like { get; }

    public int Share { get; }

    public int PageView { get; }

    public int Purchase { get; }

    public int For(GroupMeasure measure) => measure switch
    {
        GroupMeasure.Views => View,
        GroupMeasure.Clicks => Click,
        GroupMeasure.Likes => Like,
        GroupMeasure.Shares => Share,
        GroupMeasure.PageViews => PageView,
        _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, null),
    };

    public bool IsInteraction(int code) => code >= 0 && (code == Click || code == Like || code == Share);
}
