using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Scans;

/// <summary>Finds the slot of a dictionary code for one user at a time. Forgetting a user costs
/// only the codes that user touched: a <see cref="Dictionary{TKey, TValue}"/>'s Clear wipes its
/// whole capacity, which one heavy user leaves large for every user scanned after it (that wipe
/// was 40 % of user_content_affinity's CPU).</summary>
internal sealed class CodeSlots : IDisposable
{
    private readonly List<int> _touched = [];
    private int[] _slotPlusOne;

    /// <param name="codes">How many codes the dictionary has now (it may grow; the table follows).</param>
    public CodeSlots(int codes)
    {
        _slotPlusOne = [];
        ScratchArray.Ensure(ref _slotPlusOne, Math.Max(16, codes)).AsSpan().Clear();
    }

    public bool TryGetValue(int code, out int slot)
    {
        var stored = (uint)code < (uint)_slotPlusOne.Length ? _slotPlusOne[code] : 0;
        slot = stored - 1;
        return stored != 0;
    }

    public void Add(int code, int slot)
    {
        if (code >= _slotPlusOne.Length)
        {
            var known = _slotPlusOne.Length;
            ScratchArray.Grow(ref _slotPlusOne, code + 1).AsSpan(known).Clear();
        }
        _slotPlusOne[code] = slot + 1;
        _touched.Add(code);
    }

    /// <summary>Gives the table back to the scans' pool.</summary>
    public void Dispose() => ScratchArray.Return(ref _slotPlusOne);

    public void Clear()
    {
        foreach (var code in _touched)
        {
            _slotPlusOne[code] = 0;
        }
        _touched.Clear();
    }
}
