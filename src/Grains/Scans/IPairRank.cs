namespace UserAnalytics.Grains.Scans;

/// <summary>How a pair scan ranks its (user, item) pairs. A struct implementation lets the JIT
/// compile one scan loop per ranking, with both methods inlined.</summary>
/// <typeparam name="TRank">The rank; larger is better.</typeparam>
internal interface IPairRank<TRank>
    where TRank : struct, IComparable<TRank>
{
    TRank Rank(in PairAcc pair);

    /// <summary>True only if the pair's rank is certainly below <paramref name="worst"/>, decided
    /// more cheaply than computing the rank (false when unsure).</summary>
    bool Below(in PairAcc pair, TRank worst);

    /// <summary>True only if every pair of user <paramref name="user"/> described by
    /// <paramref name="table"/> ranks below <paramref name="worst"/>.</summary>
    bool UserBelow(PairTable table, int user, TRank worst);

    /// <summary>The table's users, best pair first: visited in this order, the top fills with its
    /// final rows early and nearly every later user is only counted.</summary>
    PairOrder BestFirst(PairTable table);
}
