namespace UserAnalytics.Gateway.Pipes;

/// <summary>The <c>limit</c>-th largest of the values added (minus infinity while fewer were added).</summary>
internal sealed class TopValues(int limit)
{
    private readonly PriorityQueue<double, double> _best = new(limit + 1);

    public double Threshold => limit > 0 && _best.Count == limit ? _best.Peek() : limit > 0 ? double.NegativeInfinity : double.PositiveInfinity;

    public void Add(double value)
    {
        if (limit <= 0)
        {
            return;
        }
        if (_best.Count < limit)
        {
            _best.Enqueue(value, value);
        }
        else if (value > _best.Peek())
        {
            _best.DequeueEnqueue(value, value);
        }
    }
}
