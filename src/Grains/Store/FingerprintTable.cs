namespace UserAnalytics.Grains.Store;

/// <summary>An open-addressing table of 32-bit fingerprints (0 marks an empty slot): cheap to add
/// to, about 5–8 bytes per entry. Holds the fingerprints of a <see cref="DedupIndex"/> until they
/// are folded into its sorted part.</summary>
internal sealed class FingerprintTable
{
    // Small to start with, like the string pools: every user grain's one-user store has a table too.
    private const int MinSlots = 16;
    private uint[] _slots = new uint[MinSlots];

    public int Count { get; private set; }

    public void Add(uint fingerprint)
    {
        if ((Count + 1) * 4 > _slots.Length * 3)
        {
            Grow();
        }
        Insert(_slots, fingerprint);
        Count++;
    }

    public bool Contains(uint fingerprint)
    {
        var mask = _slots.Length - 1;
        for (var i = Start(fingerprint, mask); ; i = (i + 1) & mask)
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

    /// <summary>The fingerprints, sorted, and the table emptied (its slots given back).</summary>
    public uint[] TakeSorted()
    {
        var values = new uint[Count];
        var n = 0;
        foreach (var slot in _slots)
        {
            if (slot != 0)
            {
                values[n++] = slot;
            }
        }
        SortByDigits(values);
        _slots = new uint[MinSlots];
        Count = 0;
        return values;
    }

    /// <summary>Sorts by the low 16 bits, then stably by the high 16: two passes over the values
    /// whatever their number, where <see cref="Array.Sort(Array)"/> of a shard's 600k fingerprints
    /// (hashes, so every comparison a coin toss for the branch predictor) took 4 % of a whole-log replay.</summary>
    private static void SortByDigits(uint[] values)
    {
        if (values.Length < 4096)
        {
            Array.Sort(values);
            return;
        }
        var other = new uint[values.Length];
        var next = new int[1 << 16];
        Scatter(values, other, next, 0);
        Scatter(other, values, next, 16);
    }

    private static void Scatter(uint[] from, uint[] to, int[] next, int shift)
    {
        Array.Clear(next);
        foreach (var value in from)
        {
            next[(int)((value >> shift) & 0xFFFF)]++;
        }
        var position = 0;
        for (var digit = 0; digit < next.Length; digit++)
        {
            (next[digit], position) = (position, position + next[digit]);
        }
        foreach (var value in from)
        {
            to[next[(int)((value >> shift) & 0xFFFF)]++] = value;
        }
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(Count);
        BinaryArrays.Write<uint>(writer, _slots);
    }

    public static FingerprintTable Read(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        var slots = BinaryArrays.Read<uint>(reader);
        if (slots.Length < MinSlots || (slots.Length & (slots.Length - 1)) != 0 || count < 0 || count > slots.Length)
        {
            throw new InvalidDataException($"A fingerprint table of {slots.Length} slots and {count} entries is not valid.");
        }
        return new FingerprintTable { _slots = slots, Count = count };
    }

    public long Bytes => _slots.Length * 4L;

    private static int Start(uint fingerprint, int mask) => (int)(fingerprint * 2654435761u) & mask;

    private static void Insert(uint[] slots, uint fingerprint)
    {
        var mask = slots.Length - 1;
        var i = Start(fingerprint, mask);
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
