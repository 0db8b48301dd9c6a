namespace UserAnalytics.Gateway.Ingest;

/// <summary>How an ingested value is read and checked.</summary>
internal enum ColumnKind
{
    /// <summary>Text. JSON numbers and booleans are kept as their JSON text, as ClickHouse reads them.</summary>
    String,
    /// <summary>JSON text: a string is kept as sent, an object or array is stored as compact JSON.</summary>
    Json,
    /// <summary>A time in one of the formats of <see cref="Timestamps"/>.</summary>
    DateTime,
    /// <summary>A JSON number; a string is a type error.</summary>
    Float64,
    /// <summary>A whole JSON number in the Int32 range.</summary>
    Int32,
    /// <summary>0/1 or true/false.</summary>
    Bool,
}
