using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Tests;

public sealed class SealedIdsTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AFileOfIdsAndItsCursorGiveBackEveryIdInOrder(bool inFiles)
    {
        using var cold = new TempDirectory();
        var storage = inFiles ? IdStorage.InFiles(cold.Path) : IdStorage.InMemory;
        var expected = Enumerable.Range(0, 300_000).Select(i => new EventIdKey((ulong)i * 7, (ulong)i, (byte)(i % 3))).ToArray();
        using var writer = storage.Begin(expected.Length);
        var random = new Random(5);
        for (var start = 0; start < expected.Length;)
        {
            var n = Math.Min(random.Next(1, 90_000), expected.Length - start);
            writer.Append(expected.AsSpan(start, n));
            start += n;
        }
        using var ids = writer.Complete();

        Assert.Equal(expected.Length, ids.Count);
        var one = new EventIdKey[1];
        ids.Read(123_457, one);
        Assert.Equal(expected[123_457], one[0]);
        var cursor = new SealedIdsCursor(ids);
        for (var start = 0; start < expected.Length;)
        {
            // Runs of users: mostly short, some longer than the cursor's piece.
            var n = Math.Min(random.Next(8) == 0 ? random.Next(1, 100_000) : random.Next(0, 60), expected.Length - start);
            Assert.True(cursor.Get(start, n).SequenceEqual(expected.AsSpan(start, n)));
            start += n;
        }
        Assert.Empty(Directory.GetFileSystemEntries(cold.Path));
    }
}
