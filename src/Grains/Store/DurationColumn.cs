using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace UserAnalytics.Grains.Store;

/// <summary>
/// The duration column of a sealed block. Durations are given to a fixed number of decimals (a
/// tenth of a second, say), so a block whose every value is k / 10^d for a whole k of at most
/// 65,535 and d of at most 3 keeps k in two bytes and the scale 10^d; any other block keeps plain
/// doubles. k / 10^d is a correctly rounded division, so it gives back bit for bit the double that
/// was stored (the one nearest to the decimal). Unlike a dictionary code (decision 53) this needs
/// no lookup: a run decodes with vector instructions, and the direct group loop sums the units
/// themselves, which gives the sum of the decimals rounded once rather than the rounding of each
/// addition (the two agree to about 1e-15 relative; neither is what an order-dependent SQL sum
/// gives bit for bit).
/// </summary>
internal sealed class DurationColumn
{
    private const int MaxDecimals = 3;
    private readonly double[]? _plain;
    private readonly ushort[]? _units;
    private readonly double _scale;

    private DurationColumn(double[]? plain, ushort[]? units, double scale)
    {
        _plain = plain;
        _units = units;
        _scale = scale;
    }

    public static DurationColumn Empty { get; } = new([], null, 1);

    public int Length => _plain?.Length ?? _units!.Length;

    /// <summary>True when the values are kept as scaled two-byte units rather than doubles.</summary>
    public bool Scaled => _units is not null;

    public long Bytes => _plain is not null ? _plain.Length * 8L : _units!.Length * 2L;

    public double this[int row] => _plain is not null ? _plain[row] : _units![row] / _scale;

    /// <summary>The plain doubles, when the column keeps them (null when <see cref="Scaled"/>), for loops that index it directly.</summary>
    public double[]? Plain => _plain;

    /// <summary>The scaled units, when the column keeps them (else null): a value is its unit divided by <see cref="Scale"/>.</summary>
    public ushort[]? Units => _units;

    /// <summary>10^d for d decimals; 1 for plain doubles.</summary>
    public double Scale => _scale;

    /// <summary>Rows [start, start + length) as doubles: a slice of the column when it keeps
    /// doubles, else decoded into <paramref name="scratch"/> (grown as needed).</summary>
    public ReadOnlyMemory<double> Slice(int start, int length, ref double[] scratch)
    {
        if (_plain is not null)
        {
            return _plain.AsMemory(start, length);
        }
        var target = ScratchArray.Ensure(ref scratch, length).AsMemory(0, length);
        Decode(start, target.Span);
        return target;
    }

    /// <summary>Decodes the units of rows [<paramref name="start"/>, start + destination length).</summary>
    private void Decode(int start, Span<double> destination)
    {
        var source = _units.AsSpan(start, destination.Length);
        var i = 0;
        if (Avx.IsSupported && Sse41.IsSupported)
        {
            var scale = Vector256.Create(_scale);
            ref var first = ref MemoryMarshal.GetReference(source);
            for (; i + 8 <= source.Length; i += 8)
            {
                // Eight units widened to ints, converted and divided: exact, as the scalar division is.
                var units = Vector128.LoadUnsafe(ref first, (nuint)i);
                var low = Avx.ConvertToVector256Double(Sse41.ConvertToVector128Int32(units));
                var high = Avx.ConvertToVector256Double(Sse41.ConvertToVector128Int32(Sse2.ShiftRightLogical128BitLane(units, 8)));
                Avx.Divide(low, scale).CopyTo(destination[i..]);
                Avx.Divide(high, scale).CopyTo(destination[(i + 4)..]);
            }
        }
        for (; i < source.Length; i++)
        {
            destination[i] = source[i] / _scale;
        }
    }

    public static DurationColumn Build(double[] rows)
    {
        var units = new ushort[rows.Length];
        for (var decimals = 0; decimals <= MaxDecimals; decimals++)
        {
            var scale = Math.Pow(10, decimals);
            if (TryScale(rows, scale, units))
            {
                return new DurationColumn(null, units, scale);
            }
        }
        return new DurationColumn(rows, null, 1);
    }

    /// <summary>Fills <paramref name="units"/> when every row is a whole number of 1/<paramref name="scale"/>.</summary>
    private static bool TryScale(double[] rows, double scale, ushort[] units)
    {
        for (var i = 0; i < rows.Length; i++)
        {
            var k = Math.Round(rows[i] * scale);
            // The decoded unit's bits are compared, so that -0.0 and NaN stay plain.
            var unit = k >= 0 && k <= ushort.MaxValue ? (ushort)k : (ushort)0;
            if (BitConverter.DoubleToInt64Bits(unit / scale) != BitConverter.DoubleToInt64Bits(rows[i]))
            {
                return false;
            }
            units[i] = unit;
        }
        return true;
    }

    /// <summary>Writes the column as stored (for a checkpoint).</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write(_units is not null);
        if (_units is not null)
        {
            writer.Write(_scale);
            BinaryArrays.Write<ushort>(writer, _units);
            return;
        }
        BinaryArrays.Write<double>(writer, _plain);
    }

    /// <summary>Reads what <see cref="Write"/> wrote; <paramref name="rows"/> is the block's row count.</summary>
    public static DurationColumn Read(BinaryReader reader, int rows)
    {
        if (!reader.ReadBoolean())
        {
            return ReadPlain(reader, rows);
        }
        var scale = reader.ReadDouble();
        if (!Enumerable.Range(0, MaxDecimals + 1).Any(d => Math.Pow(10, d) == scale))
        {
            throw Invalid();
        }
        return Checked(new DurationColumn(null, BinaryArrays.Read<ushort>(reader), scale), rows);
    }

    /// <summary>Reads the plain doubles a checkpoint of an earlier format holds.</summary>
    public static DurationColumn ReadPlain(BinaryReader reader, int rows) =>
        Checked(new DurationColumn(BinaryArrays.Read<double>(reader), null, 1), rows);

    private static DurationColumn Checked(DurationColumn column, int rows) => column.Length == rows ? column : throw Invalid();

    private static InvalidDataException Invalid() => new("The checkpoint's duration column does not have one row per event.");
}
