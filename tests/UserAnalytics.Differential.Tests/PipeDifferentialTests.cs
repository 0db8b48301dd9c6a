using UserAnalytics.Reference;

namespace UserAnalytics.Differential.Tests;

/// <summary>Every pipe, with many parameter combinations, against its reference SQL over the same rows.</summary>
[Collection(DifferentialCollection.Name)]
public sealed class PipeDifferentialTests
{
    private readonly DifferentialFixture _fixture;

    public PipeDifferentialTests(DifferentialFixture fixture)
    {
        _fixture = fixture;
    }

    public static TheoryData<int, string> SeedsAndPipes()
    {
        var data = new TheoryData<int, string>();
        foreach (var seed in DifferentialFixture.Seeds)
        {
            foreach (var pipe in CaseCatalog.Pipes)
            {
                data.Add(seed, pipe);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SeedsAndPipes))]
    public async Task PipeAgreesWithItsReferenceSql(int seed, string pipe)
    {
        var environment = await _fixture.GetAsync(seed);
        var (checkedCases, casesWithRows) = (0, 0);
        foreach (var @case in CaseCatalog.For(pipe, environment.DataSet))
        {
            var actual = await environment.GetAsync($"v0/pipes/{pipe}.json?{@case.Query}");
            var expected = environment.Database.Query(pipe, @case.Sql);
            var difference = ResultComparer.Compare(actual, expected);
            Assert.True(difference is null, $"seed {seed} (UA_DIFF_SEEDS={seed}), GET /v0/pipes/{@case}\n{difference}");
            checkedCases++;
            casesWithRows += expected.Rows.Count > 0 ? 1 : 0;
        }
        // Two empty answers are equal: most cases must have rows for the agreement to mean anything.
        Assert.True(casesWithRows * 2 > checkedCases, $"{pipe}: only {casesWithRows} of {checkedCases} cases have rows in the reference answer");
    }
}
