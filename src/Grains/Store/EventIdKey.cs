using System.Buffers.Binary;
using System.IO.Hashing;
using System.Numerics;
using System.Runtime.InteropServices;
using UserAnalytics.GrainInterfaces;

namespace UserAnalytics.Grains.Store;

/// <summary>
/// An event id in 17 bytes instead of a string. A canonical lowercase UUID keeps its 128 bits and an
/// ASCII id of up to 16 characters its bytes, both big-endian, so comparing (Hi, Lo) as unsigned
/// numbers is comparing the text; any other id lives in the store's list of long ids.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
internal readonly record struct EventIdKey(ulong Hi, ulong Lo, byte Kind)
{
    public const byte Uuid = 0;
    public const byte Short = 1;
    public const byte Long = 2;

    /// <summary>Encodes an id given as UTF-8 (ids are ASCII in practice: UUIDs and short names).</summary>
    public static EventIdKey From(ReadOnlySpan<byte> utf8, List<string>? longIds, out string? longText)
    {
        longText = null;
        if (utf8.Length == 36 && TryUuid(utf8, out var hi, out var lo))
        {
            return new EventIdKey(hi, lo, Uuid);
        }
        if (utf8.Length <= 16 && utf8.IndexOfAnyInRange((byte)0x80, (byte)0xFF) < 0 && !utf8.Contains((byte)0))
        {
            Span<byte> bytes = stackalloc byte[16];
            bytes.Clear();
            utf8.CopyTo(bytes);
            return new EventIdKey(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]), Short);
        }
        longText = System.Text.Encoding.UTF8.GetString(utf8);
        return From(longText, longIds);
    }

    /// <summary>Encodes <paramref name="id"/>; a long id is appended to <paramref name="longIds"/>
    /// (pass null to only look it up, which leaves its index unknown).</summary>
    public static EventIdKey From(string id, List<string>? longIds)
    {
        if (TryUuid(id.AsSpan(), out var hi, out var lo))
        {
            return new EventIdKey(hi, lo, Uuid);
        }
        if (id.Length <= 16 && IsAsciiWithoutNul(id))
        {
            Span<byte> bytes = stackalloc byte[16];
            bytes.Clear();
            for (var i = 0; i < id.Length; i++)
            {
                bytes[i] = (byte)id[i];
            }
            return new EventIdKey(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]), Short);
        }
        if (longIds is null)
        {
            return new EventIdKey(0, ulong.MaxValue, Long);
        }
        longIds.Add(id);
        return new EventIdKey(0, (ulong)(longIds.Count - 1), Long);
    }

    public string ToText(IReadOnlyList<string> longIds)
    {
        switch (Kind)
        {
            case Uuid:
                return string.Create(36, this, static (chars, key) =>
                {
                    Span<byte> bytes = stackalloc byte[16];
                    BinaryPrimitives.WriteUInt64BigEndian(bytes, key.Hi);
                    BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], key.Lo);
                    var c = 0;
                    for (var i = 0; i < 16; i++)
                    {
                        if (i is 4 or 6 or 8 or 10)
                        {
                            chars[c++] = '-';
                        }
                        chars[c++] = "0123456789abcdef"[bytes[i] >> 4];
                        chars[c++] = "0123456789abcdef"[bytes[i] & 0xF];
                    }
                });
            case Short:
                Span<byte> raw = stackalloc byte[16];
                BinaryPrimitives.WriteUInt64BigEndian(raw, Hi);
                BinaryPrimitives.WriteUInt64BigEndian(raw[8..], Lo);
                var length = raw.IndexOf((byte)0);
                return System.Text.Encoding.ASCII.GetString(length < 0 ? raw : raw[..length]);
            default:
                return longIds[(int)Lo];
        }
    }

    /// <summary>Orders ids as their text orders (code points).</summary>
    public static int Compare(EventIdKey a, EventIdKey b, IReadOnlyList<string> longIds)
    {
        if (a.Kind == b.Kind && a.Kind != Long)
        {
            var byHi = a.Hi.CompareTo(b.Hi);
            return byHi != 0 ? byHi : a.Lo.CompareTo(b.Lo);
        }
        return StringOrder.Compare(a.ToText(longIds), b.ToText(longIds));
    }

    /// <summary>A 32-bit fingerprint of (user, id) for the duplicate index; never 0.</summary>
    public uint Fingerprint(int userIndex, string? longText)
    {
        ulong hash;
        if (Kind == Long)
        {
            hash = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(longText.AsSpan()), userIndex);
        }
        else
        {
            Span<ulong> parts = [Hi, Lo, Kind];
            hash = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(parts), userIndex);
        }
        var fingerprint = (uint)(hash ^ (hash >> 32));
        return fingerprint == 0 ? 1 : fingerprint;
    }

    /// <summary>Parses a lowercase canonical UUID, given as chars or as UTF-8 bytes.</summary>
    private static bool TryUuid<T>(ReadOnlySpan<T> id, out ulong hi, out ulong lo)
        where T : unmanaged, IBinaryInteger<T>
    {
        hi = lo = 0;
        if (id.Length != 36 || !IsDash(id[8]) || !IsDash(id[13]) || !IsDash(id[18]) || !IsDash(id[23]))
        {
            return false;
        }
        var digits = 0;
        foreach (var unit in id)
        {
            var c = int.CreateTruncating(unit);
            if (c == '-')
            {
                continue;
            }
            int value = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                _ => -1,
            };
            if (value < 0)
            {
                return false;
            }
            if (digits < 16)
            {
                hi = (hi << 4) | (uint)value;
            }
            else
            {
                lo = (lo << 4) | (uint)value;
            }
            digits++;
        }
        return digits == 32;

        static bool IsDash(T unit) => int.CreateTruncating(unit) == '-';
    }

    private static bool IsAsciiWithoutNul(string id)
    {
        foreach (var c in id)
        {
            if (c is '\0' or > '\u007f')
            {
                return false;
            }
        }
        return true;
    }
}
