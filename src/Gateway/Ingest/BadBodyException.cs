namespace UserAnalytics.Gateway.Ingest;

/// <summary>The body as a whole cannot be read (a CSV without the required header columns, say):
/// a 400, and nothing of it is stored.</summary>
internal sealed class BadBodyException : Exception
{
    public BadBodyException(string message)
        : base(message)
    {
    }
}
