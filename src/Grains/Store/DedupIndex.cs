using System.Runtime.InteropServices;

namespace UserAnalytics.Grains.Store;

/// <summary>Fingerprints of every stored (user, event_id), in an open-addressing table of 32-bit
/// values (about 5 bytes per event). A hit only says "maybe": the caller confirms against the
/// user's stored ids, so a fingerprint collision can never drop an event.</summary>
internal sealed class DedupIndex
{
    private uint[] _slots = new uint[1024];
    private int _count;

    public void Add(uint fingerprint)
    {
        if ((_count + 1) * 4 > _slots.Length * 3)
        {
            Grow();
        }
        Insert(_slots, fingerprint);
        _count++;
    }

    public bool MayContain(uint fingerprint)
    {
        var mask = _slots.Length - 1;
        for (var i = (int)(fingerprint * 2654435761u) & mask; ; i = (i + 1) & mask)
        {
            var slot = _slots[i];
            if (slot == fingerprint)
            {
                return true;
            }
            if (slot == 0)
            {
                return false;
            }
        }
    }

    /// <summary>Writes the table as it is (for a checkpoint).</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write(_count);
        writer.Write(_slots.Length);
        writer.Write(MemoryMarshal.AsBytes(_slots.AsSpan()));
    }

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    public static DedupIndex Read(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        var length = reader.ReadInt32();
        if (length < 1024 || (length & (length - 1)) != 0 || count < 0 || count > length)
        {
            throw new InvalidDataException($"A duplicate index of {length} slots and {count} entries is not valid.");
        }
        var slots = new uint[length];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(slots.AsSpan()));
        return new DedupIndex { _slots = slots, _count = count };
    }

    private static void Insert(uint[] slots, uint fingerprint)
    {
        var mask = slots.Length - 1;
        var i = (int)(fingerprint * 2654435761u) & mask;
        while (slots[i] != 0)
        {
            i = (i + 1) & mask;
        }
        slots[i] = fingerprint;
    }

    private void Grow()
    {
        var bigger = new uint[_slots.Length * 2];
        foreach (var slot in _slots)
        {
            if (slot != 0)
            {
                Insert(bigger, slot);
            }
        }
        _slots = bigger;
    }
}
