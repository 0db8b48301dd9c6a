namespace UserAnalytics.Bench.Load;

/// <summary>An answer read by <see cref="HttpConnection"/>: its status, its body's length, and the
/// body itself when it was kept.</summary>
public readonly record struct HttpAnswer(int Status, long Length, byte[]? Body)
{
    public bool Succeeded => Status is >= 200 and < 300;
}
