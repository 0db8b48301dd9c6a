namespace UserAnalytics.Gateway.Pipes;

/// <summary>A parameter is missing, malformed or out of range: a 400 that names it.</summary>
internal sealed class BadParameterException : Exception
{
    public BadParameterException(string parameter, string problem)
        : base($"parameter '{parameter}': {problem}")
    {
        Parameter = parameter;
    }

    public string Parameter { get; }
}
