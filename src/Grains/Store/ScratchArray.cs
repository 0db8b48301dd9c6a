namespace UserAnalytics.Grains.Store;

/// <summary>Buffers that scans reuse from user to user: grown, never shrunk.</summary>
internal static class ScratchArray
{
    /// <summary><paramref name="array"/>, replaced first by one of at least <paramref name="length"/>
    /// (and at least twice its length) when it is shorter.</summary>
    public static T[] Ensure<T>(ref T[] array, int length)
    {
        if (array.Length < length)
        {
            array = new T[Math.Max(length, array.Length * 2)];
        }
        return array;
    }
}
