namespace UserAnalytics.Gateway.Auth;

/// <summary>A permission, Tinybird style: <c>ADMIN</c>, <c>DATASOURCES:APPEND:{name}</c>,
/// <c>DATASOURCES:READ:{name}</c> or <c>PIPES:READ:{name}</c>, where the name may be <c>*</c>.</summary>
internal readonly record struct Scope(string Action, string Resource)
{
    public const string Admin = "ADMIN";

    public static Scope AppendTo(string dataSource) => new("DATASOURCES:APPEND", dataSource);

    public static Scope ReadDataSource(string dataSource) => new("DATASOURCES:READ", dataSource);

    public static Scope ReadPipe(string pipe) => new("PIPES:READ", pipe);

    public static Scope Parse(string text)
    {
        if (string.Equals(text, Admin, StringComparison.OrdinalIgnoreCase))
        {
            return new Scope(Admin, "*");
        }
        var last = text.LastIndexOf(':');
        if (last <= 0)
        {
            throw new FormatException($"'{text}' is not a scope (ADMIN, DATASOURCES:APPEND:name, DATASOURCES:READ:name or PIPES:READ:name).");
        }
        return new Scope(text[..last].ToUpperInvariant(), text[(last + 1)..]);
    }

    /// <summary>True when a token holding this scope may do <paramref name="required"/>.</summary>
    public bool Grants(Scope required) =>
        Action == Admin
        || (string.Equals(Action, required.Action, StringComparison.Ordinal)
            && (Resource == "*" || string.Equals(Resource, required.Resource, StringComparison.Ordinal)));

    public override string ToString() => Action == Admin ? Admin : $"{Action}:{Resource}";
}
