using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Tests;

public sealed class ScanBuffersTests
{
    [Fact]
    public void AReturnedBufferIsReusedUntilThePoolsAreReleased()
    {
        // An element type of its own, so that no scan running in another test shares its pool.
        var first = Array.Empty<Marker>();
        ScratchArray.Ensure(ref first, 1000);
        var rented = first;
        ScratchArray.Return(ref first);

        var second = Array.Empty<Marker>();
        ScratchArray.Ensure(ref second, 1000);
        Assert.Same(rented, second);
        ScratchArray.Return(ref second);

        ScanBuffers.Release();
        var third = Array.Empty<Marker>();
        ScratchArray.Ensure(ref third, 1000);
        Assert.NotSame(rented, third);
        Assert.True(third.Length >= 1000);
        ScratchArray.Return(ref third);
    }

    private struct Marker
    {
    }
}
