using System.Runtime.InteropServices;

namespace UserAnalytics.Grains.Store;

/// <summary>Arrays of plain values in a checkpoint: the length, then the values as they lie in memory.</summary>
internal static class BinaryArrays
{
    public static void Write<T>(BinaryWriter writer, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values));
    }

    public static T[] Read<T>(BinaryReader reader)
        where T : unmanaged
    {
        var values = new T[ReadLength(reader)];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    /// <summary>The length <see cref="Write"/> put before the values, for a reader that takes them in pieces.</summary>
    public static int ReadLength(BinaryReader reader)
    {
        var length = reader.ReadInt32();
        return length >= 0 ? length : throw new InvalidDataException("A checkpoint array has a negative length.");
    }
}
