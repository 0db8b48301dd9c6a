namespace UserAnalytics.Gateway.Ingest;

/// <summary>The body (after decompression) is over the limit: a 413.</summary>
internal sealed class PayloadTooLargeException : Exception
{
    public PayloadTooLargeException(long limit)
        : base($"the body is larger than the limit of {limit} bytes")
    {
    }
}
