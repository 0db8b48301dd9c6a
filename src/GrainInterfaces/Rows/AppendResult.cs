namespace UserAnalytics.GrainInterfaces.Rows;

/// <summary>What a shard did with an appended batch. Every row counted here is durable.</summary>
/// <param name="Stored">Rows stored.</param>
/// <param name="Duplicates">Events not stored again because the user already has an event with that id.</param>
[GenerateSerializer, Immutable, Alias("ua.AppendResult")]
public sealed record AppendResult(int Stored, int Duplicates);
