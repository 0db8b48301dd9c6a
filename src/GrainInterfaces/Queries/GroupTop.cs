namespace UserAnalytics.GrainInterfaces.Queries;

/// <summary>Asks a shard for only its <paramref name="Count"/> groups with the largest value of
/// measure <paramref name="Measure"/> (ties broken arbitrarily), so that a pipe which shows the
/// first few groups by one measure moves a few hundred partial rows instead of every group. The
/// shard says what it left out (<see cref="GroupOmission"/>), which lets the caller prove its top
/// exact or ask again without this.</summary>
/// <param name="Measure">The index, in the query's measures, of the ranking measure.</param>
/// <param name="Count">How many groups the shard sends at most.</param>
[GenerateSerializer, Immutable, Alias("ua.GroupTop")]
public sealed record GroupTop(int Measure, int Count);

/// <summary>What a shard answering a <see cref="GroupTop"/> left out of its partial.</summary>
/// <param name="Groups">How many groups the shard had in all.</param>
/// <param name="Bound">The largest value of the ranking measure among the groups left out.</param>
[GenerateSerializer, Immutable, Alias("ua.GroupOmission")]
public sealed record GroupOmission(long Groups, double Bound);
